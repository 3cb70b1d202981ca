"""``manage.py remind_disclosure``: mail the staff about disclosure requests due soon or overdue (once each).

Run it daily (cron or Celery beat). ``--today`` judges as of another day; ``--dry-run`` lists without sending.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from govsite.interaction.disclosure.reminders import send_reminders


class Command(BaseCommand):
    help = "Mail reminders for disclosure requests that are due soon or overdue (each only once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="judge as of this day (YYYY-MM-DD); default: today")
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        reminders = send_reminders(today=today, dry_run=options["dry_run"])
        for reminder in reminders:
            recipients = reminder.recipients.replace("\n", ", ")
            self.stdout.write(
                f"  {reminder.request.number} {reminder.get_kind_display()} {reminder.due_on} → {recipients}"
            )
        verb = "将发送" if options["dry_run"] else "已发送"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(reminders)} 条依申请公开到期提醒。"))
