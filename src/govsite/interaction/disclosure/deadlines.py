"""The answer deadline of a disclosure request, in working days (政府信息公开条例 2019, arts. 30–33; SPEC §4).

- 20 working days from receipt; the day of receipt does not count (``WorkCalendar.add_working_days``).
- 补正 (art. 30): the applicant is told once, within 7 working days of receipt, what to complete. The clock
  stops while the applicant completes the request and starts again, from zero, on the day the completion is
  received.
- 征求第三方意见 (art. 32): the time spent consulting a third party does not count; the working days from
  the day the consultation was sent up to the day it ended are added to the deadline. The third party has
  15 working days to reply.
- 延期 (art. 33): with the approval of the head of the disclosure office, up to 20 more working days, once.

Framework-free apart from the calendar it is given, so each rule is tested at its boundaries directly.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from govsite.core.workdays import WorkCalendar

ANSWER_DAYS = 20
MAX_EXTENSION_DAYS = 20
COMPLETION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
COMPLETION_PERIOD_DAYS = 15  # default time the applicant is given to complete (the organ may set another)


@dataclass(frozen=True, slots=True)
class Pause:
    """A third-party consultation: sent on ``start``, ended on ``end`` (None while it lasts)."""

    start: datetime.date
    end: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """What the deadline depends on."""

    received_on: datetime.date
    completion_received_on: datetime.date | None = None  # the clock restarts from this day
    awaiting_completion: bool = False  # 补正 asked for and not yet received: the clock stands still
    consultations: Sequence[Pause] = ()
    extension_days: int = 0

    @property
    def start(self) -> datetime.date:
        return self.completion_received_on or self.received_on


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    due: datetime.date | None  # None while the clock is stopped
    provisional: bool = False  # counted over a year whose holiday schedule is not known yet
    paused: str = ""  # "" | "completion" | "consultation"
    days_left: int | None = None  # working days after today up to the due date (0: due today)
    days_overdue: int = 0  # working days after the due date up to today
    paused_days: int = 0  # consultation working days added to the 20 (and the extension)

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    def due_within(self, days: int) -> bool:
        """Not overdue and at most ``days`` working days left (stopped clocks are never due)."""
        return (
            self.due is not None
            and not self.overdue
            and self.days_left is not None
            and self.days_left <= days
        )


def _consultation_days(calendar: WorkCalendar, clock: Clock) -> tuple[int, Pause | None]:
    """Working days of the finished consultations since the clock started, and the one still running."""
    days, running = 0, None
    for pause in clock.consultations:
        if pause.start < clock.start:
            continue
        if pause.end is None:
            running = pause
        else:
            days += calendar.working_days_between(pause.start, pause.end)
    return days, running


def deadline_status(calendar: WorkCalendar, clock: Clock, today: datetime.date) -> DeadlineStatus:
    if clock.awaiting_completion:
        return DeadlineStatus(due=None, paused="completion")
    paused_days, running = _consultation_days(calendar, clock)
    allowed = ANSWER_DAYS + clock.extension_days + paused_days
    if running is not None:
        used = calendar.working_days_between(clock.start, running.start)
        return DeadlineStatus(
            due=None, paused="consultation", days_left=max(allowed - used, 0), paused_days=paused_days
        )
    deadline = calendar.add_working_days(clock.start, allowed)
    if today > deadline.due:
        return DeadlineStatus(
            due=deadline.due, provisional=deadline.provisional, days_left=0,
            days_overdue=calendar.working_days_between(deadline.due, today), paused_days=paused_days,
        )  # fmt: skip
    return DeadlineStatus(
        due=deadline.due, provisional=deadline.provisional,
        days_left=calendar.working_days_between(today, deadline.due), paused_days=paused_days,
    )  # fmt: skip


def completion_notice_due(calendar: WorkCalendar, received_on: datetime.date) -> datetime.date:
    """The last day on which the applicant may be told what to complete (art. 30)."""
    return calendar.add_working_days(received_on, COMPLETION_NOTICE_DAYS).due


def default_completion_due(calendar: WorkCalendar, noticed_on: datetime.date) -> datetime.date:
    return calendar.add_working_days(noticed_on, COMPLETION_PERIOD_DAYS).due


def third_party_reply_due(calendar: WorkCalendar, sent_on: datetime.date) -> datetime.date:
    return calendar.add_working_days(sent_on, THIRD_PARTY_DAYS).due
