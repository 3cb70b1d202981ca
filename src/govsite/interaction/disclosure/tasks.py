"""Celery tasks of the disclosure app; ``remind_disclosure`` runs from Celery beat every morning (settings)."""

from celery import shared_task

from govsite.interaction.disclosure.reminders import send_reminders


@shared_task(name="govsite.interaction.disclosure.tasks.remind_disclosure")
def remind_disclosure() -> int:
    """Mail the reminders due today (each only once); returns how many were sent."""
    return len(send_reminders())
