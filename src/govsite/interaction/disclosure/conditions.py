"""Conditions of the handling workflow's transitions, each with the Chinese reason shown when it fails.

A condition takes the request and reads the day it is judged on from ``request.workflow_today()`` and the
working-day calendar from ``request.workflow_calendar()``, which the workflow service sets for the call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from govsite.interaction.disclosure import deadlines

if TYPE_CHECKING:
    from govsite.interaction.disclosure.models import DisclosureRequest

Condition = Callable[["DisclosureRequest"], bool]


def _explained(message: Callable[[DisclosureRequest], str]) -> Callable[[Condition], Condition]:
    def attach(condition: Condition) -> Condition:
        condition.message = message  # type: ignore[attr-defined]
        return condition

    return attach


def refusal(condition: Condition, request: DisclosureRequest) -> str:
    return condition.message(request)  # type: ignore[attr-defined]


def _completion_once_message(request: DisclosureRequest) -> str:
    return _("补正只能告知一次，本申请已于 %(date)s 告知过补正") % {"date": request.completion_requested_on}


def _completion_window_message(request: DisclosureRequest) -> str:
    due = deadlines.completion_notice_due(request.workflow_calendar(), request.received_on)
    return _("补正应在收到申请之日起7个工作日内一次性告知（截至 %(date)s），已超过期限") % {"date": due}


def _extended_message(request: DisclosureRequest) -> str:
    return _("答复期限只能延长一次，本申请已于 %(date)s 延期") % {"date": request.extended_on}


def _overdue_message(request: DisclosureRequest) -> str:
    return _("答复期限（%(date)s）已届满，不能再延期") % {"date": request.deadline().due}


@_explained(_completion_once_message)
def completion_not_yet_requested(request: DisclosureRequest) -> bool:
    return request.completion_requested_on is None


@_explained(_completion_window_message)
def within_completion_window(request: DisclosureRequest) -> bool:
    return request.workflow_today() <= deadlines.completion_notice_due(
        request.workflow_calendar(), request.received_on
    )


@_explained(_extended_message)
def not_extended(request: DisclosureRequest) -> bool:
    return not request.extension_days


@_explained(_overdue_message)
def not_overdue(request: DisclosureRequest) -> bool:
    return not request.deadline().overdue
