"""``manage.py poll_repost_sources``: read every active repost subscription once and queue new items."""

from django.core.management.base import BaseCommand

from govsite.syndication.polling import poll_all


class Command(BaseCommand):
    help = "Poll repost subscriptions (转载订阅) and queue new upstream items."

    def handle(self, *args, **options):
        run = poll_all()
        for failure in run.failed:
            self.stderr.write(f"  {failure}")
        self.stdout.write(
            f"检查订阅 {run.sources} 个，新增待转载 {run.queued} 条，失败 {len(run.failed)} 个。"
        )
