"""Celery tasks; both run from Celery beat (settings) and are harmless to run more often."""

from celery import shared_task

from govsite.syndication import digest, polling


@shared_task(name="govsite.syndication.tasks.poll_repost_sources")
def poll_repost_sources() -> int:
    """Queue new upstream items of every active subscription; returns how many were queued."""
    return polling.poll_all().queued


@shared_task(name="govsite.syndication.tasks.send_cadence_digests")
def send_cadence_digests() -> int:
    """Send today's column digests not sent yet; returns how many were sent."""
    return digest.send_digests().sent
