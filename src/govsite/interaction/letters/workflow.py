"""The handling workflow of a letter as a state machine (django-fsm-2).

    received ──assess_valid──▶ assessed ──assign──▶ assigned ──sign──▶ handling ──draft_reply──▶ drafted
        │                                             ▲   │ transfer      ▲   cannot_handle ──────▶ drafted
        └─assess_invalid──▶ invalid                   └───┘               └──return_draft── drafted
    drafted ──approve──▶ published (writer agreed and reviewer allows) | closed (reply through the query code)
    published ──unpublish──▶ closed
    published | closed | invalid ──reopen──▶ assigned (same department) | assessed (no department): a new round
    extend: any open state, once per round, state unchanged (deadline 7 → 15 working days)

A transition only changes the letter's fields; ``actions.perform`` checks who may do it, saves, recomputes
the deadline and writes the audit row from ``self.pending_event`` (note and data of the step).
Permissions are the predicates in ``access``; conditions (not extended yet, a different department …)
are checked here so that ``can_proceed`` shows only buttons that work.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import RETURN_VALUE, transition

from govsite.interaction.letters import access


class LetterState(models.TextChoices):
    RECEIVED = "received", gettext_lazy("待甄别")
    ASSESSED = "assessed", gettext_lazy("已受理，待交办")
    INVALID = "invalid", gettext_lazy("无效件")
    ASSIGNED = "assigned", gettext_lazy("已交办，待签收")
    HANDLING = "handling", gettext_lazy("办理中")
    DRAFTED = "drafted", gettext_lazy("答复待审核")
    PUBLISHED = "published", gettext_lazy("已办结（已公开）")
    CLOSED = "closed", gettext_lazy("已办结")

    @classmethod
    def open_states(cls) -> tuple[str, ...]:
        return (cls.RECEIVED, cls.ASSESSED, cls.ASSIGNED, cls.HANDLING, cls.DRAFTED)

    @classmethod
    def answered_states(cls) -> tuple[str, ...]:
        return (cls.PUBLISHED, cls.CLOSED)


S = LetterState
OPEN = list(LetterState.open_states())


class LetterWorkflow:
    """Transitions of ``Letter`` (mixed into the model). Each takes ``by`` (the user) and ``at`` (the time)."""

    pending_event: tuple[str, dict[str, Any]] = ("", {})

    def _event(self, note: str = "", **data: Any) -> None:
        self.pending_event = (note.strip(), data)

    # --- assessment and assignment ------------------------------------------------------------------
    @transition("state", source=S.RECEIVED, target=S.ASSESSED, permission=access.can_dispatch)
    def assess_valid(self, *, by, at: datetime.datetime, note: str = "") -> None:
        self._event(note)

    @transition("state", source=S.RECEIVED, target=S.INVALID, permission=access.can_dispatch)
    def assess_invalid(self, *, by, at: datetime.datetime, reason: str, note: str = "") -> None:
        if not reason:
            raise ValidationError(_("请选择无效原因"))
        self.invalid_reason = reason
        self._event(note, reason=reason)

    @transition("state", source=S.ASSESSED, target=S.ASSIGNED, permission=access.can_dispatch)
    def assign(self, *, by, at: datetime.datetime, department, note: str = "") -> None:
        self._set_department(department, at)
        self._event(note, department=department.name)

    @transition("state", source=[S.ASSIGNED, S.HANDLING], target=S.ASSIGNED, permission=access.can_transfer)
    def transfer(self, *, by, at: datetime.datetime, department, reason: str) -> None:
        if not reason.strip():
            raise ValidationError(_("请填写转办理由"))
        if department.pk == self.department_id:
            raise ValidationError(_("请选择另一个部门"))
        previous = self.department.name if self.department else ""
        self._set_department(department, at)
        self._event(reason, department=department.name, previous_department=previous)

    def _set_department(self, department, at: datetime.datetime) -> None:
        if department.site_id != self.site_id:
            raise ValidationError(_("只能交办给本网站的部门"))
        if not department.is_active:
            raise ValidationError(_("该部门已停用"))
        self.department = department
        self.assigned_at = at
        self.signed_at = None

    @transition("state", source=S.ASSIGNED, target=S.HANDLING, permission=access.can_handle)
    def sign(self, *, by, at: datetime.datetime, note: str = "") -> None:
        self.signed_at = at
        self._event(note, department=self.department.name if self.department else "")

    # --- replies ------------------------------------------------------------------------------------
    @transition("state", source=[S.HANDLING, S.DRAFTED], target=S.DRAFTED, permission=access.can_handle)
    def draft_reply(self, *, by, at: datetime.datetime, reply: str, note: str = "") -> None:
        self._set_draft(by, at, reply, "answer")
        self._event(note, reply=self.reply)

    @transition("state", source=[S.HANDLING, S.DRAFTED], target=S.DRAFTED, permission=access.can_handle)
    def cannot_handle(self, *, by, at: datetime.datetime, explanation: str) -> None:
        self._set_draft(by, at, explanation, "cannot_handle")
        self._event("", reply=self.reply, reply_kind="cannot_handle")

    def _set_draft(self, by, at: datetime.datetime, text: str, kind: str) -> None:
        if not text.strip():
            raise ValidationError(_("答复内容不能为空"))
        self.reply = text.strip()
        self.reply_kind = kind
        self.drafted_by = by if getattr(by, "pk", None) else None
        self.drafted_at = at

    @transition("state", source=S.DRAFTED, target=S.HANDLING, permission=access.can_review)
    def return_draft(self, *, by, at: datetime.datetime, note: str) -> None:
        if not note.strip():
            raise ValidationError(_("请填写退回意见"))
        self._event(note)

    @transition(
        "state",
        source=S.DRAFTED,
        target=RETURN_VALUE(S.PUBLISHED, S.CLOSED),
        permission=access.can_review,
    )
    def approve(
        self, *, by, at: datetime.datetime, publish: bool, note: str = "", override_reason: str = ""
    ) -> str:
        published = bool(publish and self.agrees_to_publish)
        self.answered_at = at
        self.reply_department_name = self.department.name if self.department else ""
        if self.first_answered_at is None:
            self.first_answered_at = at
            self.answered_on_time = timezone.localdate(at) <= self.due_date
        data: dict[str, Any] = {"published": published}
        if override_reason:
            data["boilerplate_override"] = override_reason
        self._event(note, **data)
        return S.PUBLISHED if published else S.CLOSED

    @transition("state", source=S.PUBLISHED, target=S.CLOSED, permission=access.can_moderate)
    def unpublish(self, *, by, at: datetime.datetime, note: str) -> None:
        if not note.strip():
            raise ValidationError(_("请填写撤下理由"))
        self._event(note)

    # --- deadline and new rounds --------------------------------------------------------------------
    @transition(
        "state",
        source=OPEN,
        target=None,
        permission=access.can_extend,
        conditions=[lambda letter: not letter.extended],
    )
    def extend(self, *, by, at: datetime.datetime, reason: str) -> None:
        if not reason.strip():
            raise ValidationError(_("请填写延期理由"))
        self.extended = True
        self._event(reason)

    @transition(
        "state",
        source=[S.PUBLISHED, S.CLOSED, S.INVALID],
        target=RETURN_VALUE(S.ASSIGNED, S.ASSESSED),
        permission=access.can_dispatch,
    )
    def reopen(self, *, by, at: datetime.datetime, note: str) -> str:
        if not note.strip():
            raise ValidationError(_("请填写重新办理的理由"))
        previous = {
            "round": self.round,
            "reply": self.reply,
            "reply_kind": self.reply_kind,
            "answered_at": self.answered_at.isoformat() if self.answered_at else "",
            "satisfaction": self.satisfaction,
            "satisfaction_comment": self.satisfaction_comment,
            "invalid_reason": self.invalid_reason,
        }
        self.round += 1
        self.round_started_on = timezone.localdate(at)
        self.extended = False
        self.reply = self.reply_kind = self.reply_department_name = ""
        self.drafted_by, self.drafted_at, self.answered_at = None, None, None
        self.satisfaction, self.satisfaction_comment, self.rated_at = "", "", None
        self.invalid_reason = ""
        self._event(note, previous=previous)
        if self.department_id and self.department.is_active:
            self.assigned_at, self.signed_at = at, None
            return S.ASSIGNED
        self.department = None
        return S.ASSESSED


# Every transition a user may be offered, in the order the admin shows them.
ACTIONS: tuple[str, ...] = (
    "assess_valid",
    "assess_invalid",
    "assign",
    "sign",
    "transfer",
    "draft_reply",
    "cannot_handle",
    "approve",
    "return_draft",
    "extend",
    "unpublish",
    "reopen",
)
