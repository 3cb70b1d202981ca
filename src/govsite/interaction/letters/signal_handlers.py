"""Reactions to other apps' events: a holiday entered or corrected moves the deadlines it touches."""

from django.db.models.signals import post_delete, post_save


def calendar_day_changed(sender, instance, **kwargs) -> None:
    from govsite.interaction.letters.deadlines import recompute_deadlines

    recompute_deadlines(changed_day=instance.date)


def connect() -> None:
    from govsite.core.models import CalendarDay

    post_save.connect(calendar_day_changed, sender=CalendarDay, dispatch_uid="letters_calendar_day_saved")
    post_delete.connect(calendar_day_changed, sender=CalendarDay, dispatch_uid="letters_calendar_day_deleted")
