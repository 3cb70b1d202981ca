"""``manage.py remind_letters``: e-mail the departments about letters due within two working days."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from govsite.interaction.letters.reminders import send_reminders


class Command(BaseCommand):
    help = "Send deadline reminders for letters (2 working days before, and on the day); never twice."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to run for (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        run = send_reminders(today)
        self.stdout.write(
            f"已发送提醒 {run.sent} 件，此前已提醒 {run.already_sent} 件，部门无邮箱未发送 {run.no_recipients} 件。"
        )
