"""Performing a step of a letter's handling: permission, transition, deadline and audit row, atomically.

Every change of a letter goes through ``perform`` (staff) or ``rate`` (the writer), so the audit table
``LetterEvent`` is complete: who, when, from which state to which, and the note of the step.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

from govsite.interaction.letters import boilerplate
from govsite.interaction.letters.deadlines import apply_deadline
from govsite.interaction.letters.models import Letter, LetterEvent, LetterState
from govsite.interaction.letters.workflow import ACTIONS

ACTION_LABELS: dict[str, Any] = {
    "receive": gettext_lazy("来信"),
    "assess_valid": gettext_lazy("受理"),
    "assess_invalid": gettext_lazy("不予受理（无效件）"),
    "assign": gettext_lazy("交办"),
    "sign": gettext_lazy("签收"),
    "transfer": gettext_lazy("转办"),
    "draft_reply": gettext_lazy("拟写答复"),
    "cannot_handle": gettext_lazy("无法办理"),
    "approve": gettext_lazy("审核通过"),
    "return_draft": gettext_lazy("退回修改"),
    "extend": gettext_lazy("延期"),
    "unpublish": gettext_lazy("撤下公开"),
    "reopen": gettext_lazy("重新办理"),
    "rate": gettext_lazy("来信人评价"),
}
WRITER = gettext_lazy("来信人")
# Steps that move the clock: an extension lengthens the round, a reopening starts a new one.
_CLOCK_ACTIONS = {"extend", "reopen"}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def refusal(letter: Letter, action: str) -> str:
    """Why a step cannot be taken now, in words for the admin."""
    if action == "extend" and letter.extended:
        return _("本轮办理已延期过一次，不能再次延期")
    return _("信件当前状态为“%(state)s”，不能执行“%(action)s”") % {
        "state": letter.get_state_display(),
        "action": action_label(action),
    }


def actor_name(user) -> str:
    if user is None or not getattr(user, "pk", None):
        return str(WRITER)
    return user.get_full_name() or user.get_username()


def available_actions(letter: Letter, user) -> list[str]:
    """The steps the user may take on the letter now, in the admin's order."""
    return [name for name in ACTIONS if has_transition_perm(getattr(letter, name), user)]


class BoilerplateRefused(ValidationError):
    """The reply is a stock non-answer or a pasted template, and no reason to pass it was written."""

    def __init__(self, result: boilerplate.GuardResult) -> None:
        self.result = result
        super().__init__(
            result.explanation() + _("。请修改答复后退回拟稿人，或写明坚持通过的理由。"), code="boilerplate"
        )


def guard_reply(letter: Letter, text: str, on: datetime.date | None = None) -> boilerplate.GuardResult:
    """The boilerplate guard on ``text`` against the site's replies of the past year (newest first)."""
    settings = boilerplate.DEFAULT
    on = on or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=settings.window_days + 1)
    earlier = (
        Letter.objects.filter(site_id=letter.site_id, answered_at__gte=since)
        .exclude(pk=letter.pk)
        .order_by("-answered_at")
        .values_list("number", "reply", "answered_at")[: settings.recent_limit]
    )
    replies = [
        boilerplate.EarlierReply(number, reply, timezone.localdate(at)) for number, reply, at in earlier
    ]
    return boilerplate.check(text, replies, on=on, settings=settings)


def perform(
    letter: Letter, action: str, user, *, at: datetime.datetime | None = None, **params: Any
) -> Letter:
    """Take one step. Raises TransitionNotAllowed (wrong state), PermissionDenied (wrong person) or
    ValidationError (missing reason, foreign department …); nothing is saved then."""
    if action not in ACTIONS:
        raise ValueError(f"unknown letter action {action!r}")
    at = at or timezone.now()
    with transaction.atomic():
        locked = Letter.objects.select_for_update(of=("self",)).select_related("department").get(pk=letter.pk)
        method = getattr(locked, action)
        if not can_proceed(method):
            raise TransitionNotAllowed(refusal(locked, action), object=locked, method=method)
        if not has_transition_perm(method, user):
            raise PermissionDenied(_("您没有权限对这封信执行“%(action)s”") % {"action": action_label(action)})
        from_state = locked.state
        guard = None
        if action == "approve":
            guard = guard_reply(locked, locked.reply, timezone.localdate(at))
            if guard.flagged and not str(params.get("override_reason", "")).strip():
                raise BoilerplateRefused(guard)
        method(by=user, at=at, **params)
        if action in _CLOCK_ACTIONS:
            apply_deadline(locked)
        locked.save()
        note, data = locked.pending_event
        if guard is not None and guard.flagged:
            data = {**data, "boilerplate": guard.explanation()}
        LetterEvent.objects.create(
            letter=locked, action=action, actor=user if getattr(user, "pk", None) else None,
            actor_name=actor_name(user), from_state=from_state, to_state=locked.state, note=note,
            data=data, at=at,
        )  # fmt: skip
    return locked


def record_receipt(letter: Letter) -> LetterEvent:
    return LetterEvent.objects.create(
        letter=letter, action="receive", actor_name=str(WRITER), from_state="", to_state=letter.state,
        at=letter.received_at,
    )  # fmt: skip


def can_rate(letter: Letter) -> bool:
    return letter.state in LetterState.answered_states() and not letter.satisfaction


def rate(
    letter: Letter, satisfaction: str, comment: str = "", *, at: datetime.datetime | None = None
) -> Letter:
    """The writer's rating of the reply of the current round (once per round)."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if not can_rate(locked):
            raise TransitionNotAllowed(_("这封信当前不能评价"), object=locked, method=None)
        locked.satisfaction, locked.satisfaction_comment, locked.rated_at = satisfaction, comment.strip(), at
        locked.save(update_fields=["satisfaction", "satisfaction_comment", "rated_at"])
        LetterEvent.objects.create(
            letter=locked, action="rate", actor_name=str(WRITER), from_state=locked.state, to_state=locked.state,
            note=comment.strip(), data={"satisfaction": satisfaction, "round": locked.round}, at=at,
        )  # fmt: skip
    return locked
