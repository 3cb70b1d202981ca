"""Chinese working days (工作日) and deadlines counted in them (SPEC §4).

A day is a working day when it is Monday to Friday and not an official day off, or when it is a weekend
day the State Council made a working day (调休). The official schedule comes from `chinese-calendar`
(2004 to the last year it knows); an administrator adds a new year's schedule when it is announced
(`CalendarDay` in the admin), since a letter received in late December is due in January. A deadline that
reaches past every known year is counted on weekends alone and marked provisional; recompute it once the
schedule is entered.

Counting follows the usual rule for statutory periods: the day of receipt does not count, the period
starts on the next day, and the deadline is the n-th working day after it.

Framework-free: `official_calendar()` gives the library's schedule; `govsite.core.calendar_days` adds the
administrator's days from the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

ONE_DAY = datetime.timedelta(days=1)
SATURDAY = 5
MAX_SPAN_DAYS = 3 * 366  # a bound on any statutory period here (20 + 20 working days is about two months)


@dataclass(frozen=True, slots=True)
class Deadline:
    due: datetime.date
    provisional: bool = False  # some counted day lies in a year whose schedule is not known yet


class WorkCalendar:
    """Working days from a table of exceptions (date → is it a working day) over the years it covers."""

    def __init__(self, exceptions: Mapping[datetime.date, bool], known_years: Iterable[int]) -> None:
        self._exceptions = dict(exceptions)
        self.known_years = frozenset(known_years)

    def with_days(self, days: Mapping[datetime.date, bool], years: Iterable[int]) -> WorkCalendar:
        """This calendar with more days (an administrator's entries win) and the years they make known."""
        return WorkCalendar({**self._exceptions, **days}, self.known_years | set(years))

    def is_known(self, day: datetime.date) -> bool:
        return day.year in self.known_years

    def is_workday(self, day: datetime.date) -> bool:
        listed = self._exceptions.get(day)
        return listed if listed is not None else day.weekday() < SATURDAY

    def add_working_days(self, start: datetime.date, count: int) -> Deadline:
        """The `count`-th working day after `start` (the day of receipt itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day, left, provisional = start, count, False
        for _ in range(MAX_SPAN_DAYS):
            day += ONE_DAY
            provisional = provisional or not self.is_known(day)
            if self.is_workday(day):
                left -= 1
                if left == 0:
                    return Deadline(day, provisional)
        raise ValueError(f"no {count} working days within {MAX_SPAN_DAYS} days of {start}")

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when `end` is not after `start`):
        how many working days a reply on `end` took for a letter received on `start`."""
        if end <= start:
            return 0
        days = (end - start).days
        if days > MAX_SPAN_DAYS * 10:
            raise ValueError(f"span too long: {start} to {end}")
        return sum(self.is_workday(start + ONE_DAY * offset) for offset in range(1, days + 1))

    def is_overdue(self, start: datetime.date, count: int, today: datetime.date) -> bool:
        return today > self.add_working_days(start, count).due


@cache
def official_calendar() -> WorkCalendar:
    """The State Council schedule as `chinese-calendar` knows it."""
    from chinese_calendar import constants

    exceptions = {day: False for day in constants.holidays}
    exceptions.update({day: True for day in constants.workdays})
    years = range(min(exceptions).year, max(exceptions).year + 1)
    return WorkCalendar(exceptions, years)
