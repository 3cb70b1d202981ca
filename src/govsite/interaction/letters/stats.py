"""Figures of letter handling per site, department and period (the admin report and its xlsx export).

received: letters that arrived in the period; valid: those not judged invalid; answered: valid letters
with a first reply; on-time rate: answered by their deadline ÷ answered; average handling time: working
days from receipt to the first reply; overdue now: open letters past their deadline today; satisfaction:
(满意 + 基本满意) ÷ rated. Computed from the rows, never typed (SPEC §3b 留言办理 of the annual report).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.interaction.letters.models import Letter, LetterState, Satisfaction

UNASSIGNED = "（未交办）"


@dataclass(frozen=True)
class Figures:
    label: str
    received: int = 0
    valid: int = 0
    invalid: int = 0
    answered: int = 0
    on_time: int = 0
    total_working_days: int = 0
    open_now: int = 0
    overdue_now: int = 0
    published: int = 0
    rated: int = 0
    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def average_working_days(self) -> float | None:
        return self.total_working_days / self.answered if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return (self.satisfied + self.basically) / self.rated if self.rated else None


@dataclass(frozen=True)
class Report:
    rows: list[Figures]  # one per department, in the sites' department order
    total: Figures
    start: datetime.date | None
    end: datetime.date | None
    today: datetime.date


_FIELDS = (
    "received_at", "state", "first_answered_at", "answered_on_time", "due_date", "satisfaction",
    "department__name", "department__sort_order", "site_id",
)  # fmt: skip


def in_period(letters: QuerySet[Letter], start: datetime.date | None, end: datetime.date | None) -> QuerySet:
    """Letters received from ``start`` to ``end`` inclusive (local dates)."""
    zone = timezone.get_current_timezone()
    if start is not None:
        letters = letters.filter(received_at__gte=datetime.datetime.combine(start, datetime.time.min, zone))
    if end is not None:
        after = end + datetime.timedelta(days=1)
        letters = letters.filter(received_at__lt=datetime.datetime.combine(after, datetime.time.min, zone))
    return letters


def report(
    letters: QuerySet[Letter],
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
) -> Report:
    today = today or timezone.localdate()
    calendar = calendar or work_calendar()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    order: dict[str, tuple] = {}
    for row in in_period(letters, start, end).values(*_FIELDS):
        label = row["department__name"] or UNASSIGNED
        order.setdefault(
            label, (row["department__name"] is None, row["site_id"], row["department__sort_order"] or 0)
        )
        _count(counts[label], row, today, calendar)
    rows = [
        Figures(label, **counts[label]) for label in sorted(counts, key=lambda name: (*order[name], name))
    ]
    total: dict[str, int] = defaultdict(int)
    for values in counts.values():
        for key, value in values.items():
            total[key] += value
    return Report(rows, Figures("合计", **total), start, end, today)


def _count(into: dict[str, int], row: dict, today: datetime.date, calendar: WorkCalendar) -> None:
    into["received"] += 1
    state = row["state"]
    if state == LetterState.INVALID:
        into["invalid"] += 1
        return
    into["valid"] += 1
    if row["first_answered_at"] is not None:
        into["answered"] += 1
        into["on_time"] += bool(row["answered_on_time"])
        received = timezone.localdate(row["received_at"])
        into["total_working_days"] += calendar.working_days_between(
            received, timezone.localdate(row["first_answered_at"])
        )
    if state in LetterState.open_states():
        into["open_now"] += 1
        into["overdue_now"] += today > row["due_date"]
    if state == LetterState.PUBLISHED:
        into["published"] += 1
    if row["satisfaction"]:
        into["rated"] += 1
        into[
            {Satisfaction.SATISFIED: "satisfied", Satisfaction.BASICALLY: "basically"}.get(
                row["satisfaction"], "dissatisfied"
            )
        ] += 1


def overdue(letters: QuerySet[Letter], today: datetime.date | None = None) -> QuerySet[Letter]:
    """Open letters past their deadline, by department and oldest deadline first."""
    today = today or timezone.localdate()
    return (
        letters.filter(state__in=LetterState.open_states(), due_date__lt=today)
        .select_related("department", "channel", "site")
        .order_by("department__sort_order", "department__name", "due_date", "pk")
    )


def overdue_by_department(
    letters: QuerySet[Letter], today: datetime.date | None = None
) -> list[tuple[str, list[Letter]]]:
    groups: dict[str, list[Letter]] = {}
    for letter in overdue(letters, today):
        groups.setdefault(letter.department.name if letter.department else UNASSIGNED, []).append(letter)
    return list(groups.items())


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"
