"""谁发布谁负责: the accountability record of each publication, withdrawals, and correction notes.

A record is written when Wagtail logs a publication (``wagtail.publish``, or ``wagtail.publish.scheduled``
when a scheduled page goes live): the log entry is the one place that knows who published, and it is
written by every path (the editor's 发布, the workflow's final approval, bulk publish, the scheduler).
The rest is read from Wagtail's workflow state of that publication (submitter, each task's reviewer,
the 保密审查 confirmation) or, for a direct publication, from the published revision (its author).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from govsite.editorial.models import CorrectionNote, PublicationRecord, Withdrawal, person_label

PUBLISH_ACTIONS = frozenset({"wagtail.publish", "wagtail.publish.scheduled"})


def record_publication(entry: PageLogEntry) -> PublicationRecord | None:
    """The record of the publication ``entry`` logs (one per publication), and its correction notes made public."""
    if entry.action not in PUBLISH_ACTIONS:
        return None
    page = Page.objects.filter(pk=entry.page_id).first()
    revision = Revision.objects.filter(pk=entry.revision_id).first() if entry.revision_id else None
    if page is None:
        return None
    state = _workflow_of(page, revision)
    reviews = _reviews(state) if state else []
    confirmation = next((step for step in reversed(reviews) if "confidentiality" in step), {})
    confirmed_by, confirmed_by_name, confirmed_at = confirmation.get("confidentiality", (None, "", None))
    publisher = entry.user or _publisher_of_scheduled(state, revision)
    if state is not None:
        submitter, submitted_at = state.requested_by, state.created_at
    else:  # a direct publication: the author of the published revision
        submitter, submitted_at = (revision.user, revision.created_at) if revision else (None, None)
    # The page's own publication time, which the public site shows; the log entry is written just after.
    published_at = page.last_published_at if page.live_revision_id == entry.revision_id else None
    record = PublicationRecord.objects.create(
        page=page,
        revision=revision,
        title=entry.label or page.title,
        workflow_state=state,
        workflow_name=state.workflow.name if state else "",
        submitted_by=submitter,
        submitted_by_name=person_label(submitter),
        submitted_at=submitted_at,
        reviews=[{key: value for key, value in step.items() if key != "confidentiality"} for step in reviews],
        confidentiality_confirmed_by=confirmed_by,
        confidentiality_confirmed_by_name=confirmed_by_name,
        confidentiality_confirmed_at=confirmed_at,
        published_by=publisher,
        published_by_name=person_label(publisher),
        published_at=published_at or entry.timestamp,
        scheduled=entry.action == "wagtail.publish.scheduled",
    )
    if revision is not None:
        CorrectionNote.objects.filter(page=page, published_at__isnull=True, revision__lte=revision.pk).update(
            published_at=record.published_at, publication=record
        )
    return record


def _workflow_of(page: Page, revision: Revision | None) -> WorkflowState | None:
    """The approved workflow this publication completes, if any: the newest approved one that no earlier
    publication used and that approved this revision or an earlier one (a reviewer may edit on approval)."""
    if revision is None:
        return None
    used = PublicationRecord.objects.filter(workflow_state__isnull=False).values("workflow_state")
    candidates = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .exclude(pk__in=used)
        .select_related("workflow", "requested_by")
        .order_by("-created_at", "-pk")
    )
    for state in candidates[:5]:
        reviewed = state.task_states.values_list("revision_id", flat=True)
        if reviewed and max(reviewed) <= revision.pk:
            return state
    return None


def _reviews(state: WorkflowState) -> list[dict]:
    """Each finished review step of the workflow, in order (approvals copied to a new revision once)."""
    steps, seen = [], set()
    task_states = (
        TaskState.objects.filter(workflow_state=state)
        .filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED])
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
        .specific()
    )
    for task_state in task_states:
        key = (task_state.task_id, task_state.status, task_state.finished_by_id, task_state.finished_at)
        if key in seen:
            continue
        seen.add(key)
        step = {
            "task": task_state.task.name,
            "status": task_state.status,
            "by": person_label(task_state.finished_by),
            "by_id": task_state.finished_by_id,
            "at": task_state.finished_at.isoformat() if task_state.finished_at else None,
            "comment": task_state.comment,
        }
        confirmed_at = getattr(task_state, "confidentiality_confirmed_at", None)
        if confirmed_at and task_state.status == TaskState.STATUS_APPROVED:
            step["confidentiality"] = (
                task_state.confidentiality_confirmed_by,
                task_state.confidentiality_confirmed_by_name,
                confirmed_at,
            )
        steps.append(step)
    return steps


def _publisher_of_scheduled(state: WorkflowState | None, revision: Revision | None):
    """Who answers for a publication the scheduler made: whoever approved it for that time."""
    if state is not None:
        final = (
            state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .select_related("finished_by")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if final is not None:
            return final.finished_by
    if revision is not None:
        scheduling = (
            PageLogEntry.objects.filter(revision=revision, action="wagtail.publish.schedule")
            .select_related("user")
            .order_by("-timestamp", "-pk")
            .first()
        )
        if scheduling is not None:
            return scheduling.user
    return None


# -- withdrawals -------------------------------------------------------------------------------------


@transaction.atomic
def withdraw(page: Page, user, reason: str) -> Withdrawal:
    """撤稿: unpublish the page (as ``user``, whose permission Wagtail checks) and record the reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a withdrawal needs a reason")
    page = page.specific
    publication = PublicationRecord.objects.filter(page=page).order_by("-published_at", "-pk").first()
    page.unpublish(user=user)
    return Withdrawal.objects.create(
        page=page,
        publication=publication,
        title=page.title,
        reason=reason,
        withdrawn_by=user,
        withdrawn_by_name=person_label(user),
        withdrawn_at=timezone.now(),
    )


# -- correction notes --------------------------------------------------------------------------------


def save_correction(page: Page, text: str, user) -> CorrectionNote | None:
    """The page's pending correction note, as the editor left it with their latest revision.

    A page has at most one note waiting for publication: saving again replaces its text, and saving
    with the box unticked withdraws it. It keeps its first revision, so it goes public with the first
    publication that includes the change it explains.
    """
    revision = page.get_latest_revision()
    already = CorrectionNote.objects.filter(
        page_id=page.pk, revision=revision, published_at__isnull=False
    ).first()
    if already is not None:  # asked twice for one edit (before and after publishing it): done the first time
        return already
    pending = CorrectionNote.objects.filter(page_id=page.pk, published_at__isnull=True).order_by("pk").first()
    if not text:
        if pending is not None:
            pending.delete()
        return None
    if pending is None:
        pending = CorrectionNote(page_id=page.pk, revision=revision)
    pending.text = text
    pending.created_by = user
    pending.created_by_name = person_label(user)
    pending.save()
    _publish_if_live(pending)
    return pending


def _publish_if_live(note: CorrectionNote) -> None:
    """A note saved after its revision already went live (a reviewer's edit on 终审) is public at once."""
    live_revision_id = Page.objects.filter(pk=note.page_id).values_list("live_revision_id", flat=True).first()
    if note.revision_id and live_revision_id and live_revision_id >= note.revision_id:
        record = (
            PublicationRecord.objects.filter(page_id=note.page_id).order_by("-published_at", "-pk").first()
        )
        note.published_at = record.published_at if record else timezone.now()
        note.publication = record
        note.save(update_fields=["published_at", "publication"])


def public_corrections(page: Page):
    return CorrectionNote.objects.filter(page_id=page.pk, published_at__isnull=False).order_by(
        "published_at", "pk"
    )


def pending_correction(page: Page) -> CorrectionNote | None:
    return CorrectionNote.objects.filter(page_id=page.pk, published_at__isnull=True).order_by("pk").first()
