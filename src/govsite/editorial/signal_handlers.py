"""Reactions to Wagtail's events: a logged publication gets its accountability record; a page reaching
an editorial task is announced to the reviewers of its own site or column."""

from __future__ import annotations

from django.db.models.signals import post_save


def publication_logged(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    from govsite.editorial.publication import PUBLISH_ACTIONS, record_publication

    if created and not raw and instance.action in PUBLISH_ACTIONS:
        record_publication(instance)


def connect() -> None:
    from wagtail.models import PageLogEntry
    from wagtail.signals import task_submitted

    from govsite.editorial.models import EditorialTaskState
    from govsite.editorial.notifications import task_submission_notifier

    post_save.connect(publication_logged, sender=PageLogEntry, dispatch_uid="editorial_publication_logged")
    task_submitted.connect(
        task_submission_notifier, sender=EditorialTaskState, dispatch_uid="editorial_task_submitted_email"
    )
