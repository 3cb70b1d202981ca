"""``manage.py send_column_digests``: today's cadence digests to column owners, each at most once a day."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from govsite.syndication.digest import send_digests


class Command(BaseCommand):
    help = "Send the daily column digest (overdue, due-soon and empty columns) to each column's owners."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to report on (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        run = send_digests(day)
        self.stdout.write(
            f"已发送 {run.sent} 份，今日已发过 {run.already_sent} 份，无需提醒 {run.nothing_to_report} 人，"
            f"无邮箱 {run.no_address} 人。"
        )
