"""Cadence: how long something may stay silent, in calendar months and days, as the indicators count.

Also home of `RuleSetError`, the one error a rule set and its parts raise for data the rules cannot use.
"""

import calendar
import datetime
import re
from dataclasses import dataclass


class RuleSetError(ValueError):
    """A rule set, or an override of one, holds data the rules cannot use."""


_CADENCE_TEXT = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Cadence:
    """A span the indicators count in: whole calendar months plus days ("2周", "6个月", "1年")."""

    days: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        if self.days < 0 or self.months < 0:
            raise RuleSetError(f"a cadence cannot be negative (days={self.days}, months={self.months})")
        if self.days == 0 and self.months == 0:
            raise RuleSetError("a cadence must be longer than zero")

    @classmethod
    def parse(cls, text: str) -> "Cadence":
        """Read "14d", "2w", "6m" or "1y" (days, weeks, months, years)."""
        match = _CADENCE_TEXT.match(text) if isinstance(text, str) else None
        if match is None:
            raise RuleSetError(
                f'bad cadence {text!r}: write a number and a unit, e.g. "14d", "2w", "6m" or "1y"'
            )
        number, unit = int(match.group(1)), match.group(2).lower()
        if unit == "d":
            return cls(days=number)
        if unit == "w":
            return cls(days=7 * number)
        if unit == "m":
            return cls(months=number)
        return cls(months=12 * number)

    def due_after(self, last: datetime.date) -> datetime.date:
        """The last day a column updated on `last` still counts as up to date.

        Months are added on the calendar, the day clamped to the month's end (Aug 31 + 6 months is
        the end of February), because "6 months" in the indicators means calendar months, not 180 days.
        """
        month_index = last.month - 1 + self.months
        year, month = last.year + month_index // 12, month_index % 12 + 1
        day = min(last.day, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day) + datetime.timedelta(days=self.days)

    def __str__(self) -> str:
        parts: list[str] = []
        years, months = divmod(self.months, 12)
        if years:
            parts.append(f"{years}年")
        if months:
            parts.append(f"{months}个月")
        if self.days:
            # The indicators say "2周" for news; keep whole weeks in weeks so the text matches them.
            parts.append(f"{self.days // 7}周" if self.days % 7 == 0 else f"{self.days}天")
        return "".join(parts)


# Four years from a leap year: every month length and every month-end clamp occurs in it.
_REFERENCE_DAYS = [datetime.date(2024, 1, 1) + datetime.timedelta(days=n) for n in range(4 * 365 + 1)]


def no_longer(candidate: Cadence, limit: Cadence) -> bool:
    """Whether `candidate` never allows a longer silence than `limit`, whatever day the count starts.

    Months and days do not convert exactly ("6m" is 181 to 184 days), so compare the due dates
    themselves over a full leap-year cycle instead of guessing a conversion.
    """
    if candidate == limit:  # the common case of an unchanged setting, without the 1,461-day walk
        return True
    return all(candidate.due_after(day) <= limit.due_after(day) for day in _REFERENCE_DAYS)
