"""``manage.py recompute_letter_deadlines``: recompute provisional deadlines after a holiday schedule was
entered (the CalendarDay signal does this on every save; this is for bulk imports that bypass signals)."""

from django.core.management.base import BaseCommand

from govsite.interaction.letters.deadlines import recompute_deadlines


class Command(BaseCommand):
    help = "Recompute the provisional deadlines of open letters from the current holiday schedule."

    def handle(self, *args, **options):
        changed = recompute_deadlines()
        self.stdout.write(f"已重新计算办理期限，变更 {changed} 件。")
