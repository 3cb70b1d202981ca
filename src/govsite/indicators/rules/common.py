"""Small pieces the whole-site rules share: points, counting windows, Chinese number text."""

import calendar
import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from ..cadence import Cadence
from ..findings import Finding, Severity
from ..inspection import SiteEvidence
from ..ruleset import RuleSet

# Evidence lists are samples: a template link found on 1,000 pages names a few of them and the count.
SAMPLE = 10


class Rule(Protocol):
    """What every rule module's `rule` is: evidence, the day counted from, the edition → findings."""

    def __call__(self, site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]: ...


def points(count: float, each: float, cap: float) -> float:
    """`count` problems at `each` points, never more than the item's `cap`, to the hundredth."""
    return round(min(count * each, cap), 2)


def deduction(rule: str, summary: str, evidence: Iterable[Mapping[str, object]], amount: float) -> Finding:
    """A deduction finding; an edition that sets the points to 0 keeps the finding as a warning."""
    if amount <= 0:
        return Finding(rule=rule, severity=Severity.WARNING, summary=summary, evidence=tuple(evidence))
    return Finding(
        rule=rule, severity=Severity.DEDUCTION, summary=summary, evidence=tuple(evidence), points=amount
    )


def points_text(amount: float, each: float, cap: float, unit: str = "处") -> str:
    """The cost in a summary: 扣 0.3 分（每处扣 0.1 分，本项最多扣 5 分）, or 本版本指标不扣分 at 0 points."""
    if amount <= 0:
        return "本版本指标不扣分"
    return f"扣 {number(amount)} 分（每{unit}扣 {number(each)} 分，本项最多扣 {number(cap)} 分）"


def number(value: float) -> str:
    """A number as a report writes it: 5, 0.1, 2.35 — no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def percent(part: int, whole: int) -> str:
    """`part` of `whole` as "5.26%"."""
    return f"{number(100 * part / whole)}%" if whole else "0%"


def window_start(span: Cadence, today: datetime.date) -> datetime.date:
    """The first day of the `span` that ends on `today` ("1y" on 2024-06-15 starts 2023-06-15).

    The inverse of `Cadence.due_after`: months are taken back on the calendar, the day clamped to
    the month's end, then the days.
    """
    month_index = today.year * 12 + today.month - 1 - span.months
    year, month = divmod(month_index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day) - datetime.timedelta(days=span.days)


def within(published: datetime.date | None, span: Cadence, today: datetime.date) -> bool:
    """Whether a date falls in the `span` before `today` (a date ahead of today counts as within)."""
    return published is not None and span.due_after(published) >= today


def iso(day: datetime.date | datetime.datetime | None) -> str | None:
    return day.isoformat() if day is not None else None


def sample(values: Iterable[str], limit: int = SAMPLE) -> list[str]:
    """The first `limit` distinct values, in order."""
    seen: dict[str, None] = {}
    for value in values:
        if value not in seen:
            seen[value] = None
            if len(seen) == limit:
                break
    return list(seen)


def joined(parts: Sequence[str]) -> str:
    return "；".join(parts)
