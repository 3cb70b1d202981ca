"""What staff do in the live console, each step checked against its state machine and recorded.

Phase changes are logged in the page's history (Wagtail's audit log); moderation is recorded on the
question itself (who, when). Every step locks its row so that two staff clicking at once cannot, say,
reject a question a colleague has just had answered.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django_fsm import TransitionNotAllowed, can_proceed
from wagtail.log_actions import log

from govsite.interaction.interviews.models import InterviewPage, LiveEntry, Question

PHASE_ACTIONS = ("start", "finish", "resume")
MODERATION_ACTIONS = ("approve", "reject")


def change_phase(page: InterviewPage, action: str, user: AbstractBaseUser) -> InterviewPage:
    """开始直播 / 结束直播 / 恢复直播; raises TransitionNotAllowed when the page's state refuses it."""
    if action not in PHASE_ACTIONS:
        raise TransitionNotAllowed(action)
    with transaction.atomic():
        page = InterviewPage.objects.select_for_update().get(pk=page.pk)
        method = getattr(page, action)
        if not can_proceed(method):
            raise TransitionNotAllowed(action)
        method()
        # Only the phase: a full save would publish whatever the page object holds.
        InterviewPage.objects.filter(pk=page.pk).update(phase=page.phase)
        log(instance=page, action=f"interviews.{action}", user=user)
    return page


def moderate(question: Question, action: str, user: AbstractBaseUser) -> Question:
    """通过 / 不采用; raises TransitionNotAllowed (e.g. rejecting a question already answered)."""
    if action not in MODERATION_ACTIONS:
        raise TransitionNotAllowed(action)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        method = getattr(question, action)
        if not can_proceed(method):
            raise TransitionNotAllowed(action)
        method(user=user)
        question.save(update_fields=["status", "moderated_at", "moderated_by"])
    return question


def withdraw(entry: LiveEntry, user: AbstractBaseUser) -> LiveEntry:
    """撤回 an entry: gone from the page and the feed for good (post a corrected one instead)."""
    with transaction.atomic():
        entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        if not entry.is_published:
            raise TransitionNotAllowed("withdraw")
        entry.is_published, entry.withdrawn_at = False, timezone.now()
        entry.save(update_fields=["is_published", "withdrawn_at"])
        log(instance=entry.interview, action="interviews.withdraw", user=user, data={"entry": entry.pk})
    return entry
