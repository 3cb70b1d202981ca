"""Celery tasks of the letters app; ``remind_letters`` runs from Celery beat every morning (settings).
Running it more often is harmless: no reminder is sent twice."""

from celery import shared_task

from govsite.interaction.letters import reminders


@shared_task(name="govsite.interaction.letters.tasks.remind_letters")
def remind_letters() -> int:
    """Send the deadline reminders due today; returns how many were sent."""
    return reminders.send_reminders().sent
