"""Deadlines of letters in working days (SPEC §4): 7 after receipt, 15 when extended once.

The day the round started (receipt, or a reopening) never counts. A deadline that reaches a year
whose holiday schedule is not known yet is counted on weekends alone and stored as provisional;
``recompute_deadlines`` puts it right once an administrator enters the schedule (the CalendarDay
signal handler and ``manage.py recompute_letter_deadlines`` call it).
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import Deadline, WorkCalendar

WORKING_DAYS = 7  # 国办发〔2014〕57号 §6
EXTENDED_WORKING_DAYS = 15
DUE_SOON_WORKING_DAYS = 2  # "due soon" in the admin, and the first reminder


def limit_for(extended: bool) -> int:
    return EXTENDED_WORKING_DAYS if extended else WORKING_DAYS


def deadline_for(letter, calendar: WorkCalendar | None = None) -> Deadline:
    calendar = calendar or work_calendar()
    return calendar.add_working_days(letter.round_started_on, limit_for(letter.extended))


def apply_deadline(letter, calendar: WorkCalendar | None = None) -> None:
    deadline = deadline_for(letter, calendar)
    letter.due_date, letter.due_provisional = deadline.due, deadline.provisional


def working_days_left(due: datetime.date, today: datetime.date, calendar: WorkCalendar) -> int:
    """Working days after today up to the due day (0 when due today or past)."""
    return calendar.working_days_between(today, due)


def is_due_soon(due: datetime.date, today: datetime.date, calendar: WorkCalendar) -> bool:
    """Due today or within the next two working days, not yet past."""
    return due >= today and working_days_left(due, today, calendar) <= DUE_SOON_WORKING_DAYS


def recompute_deadlines(changed_day: datetime.date | None = None) -> int:
    """Recompute the deadlines of open letters that the calendar may have moved: the provisional ones,
    and (for a corrected day) those whose counting period covers that day. Returns how many changed."""
    from govsite.interaction.letters.models import Letter, LetterState

    letters = Letter.objects.filter(state__in=LetterState.open_states())
    scope = Q(due_provisional=True)
    if changed_day is not None:
        scope |= Q(round_started_on__lt=changed_day, due_date__gte=changed_day)
    calendar = work_calendar()
    changed = 0
    for letter in letters.filter(scope).only(
        "pk", "round_started_on", "extended", "due_date", "due_provisional"
    ):
        deadline = deadline_for(letter, calendar)
        if (deadline.due, deadline.provisional) != (letter.due_date, letter.due_provisional):
            Letter.objects.filter(pk=letter.pk).update(
                due_date=deadline.due, due_provisional=deadline.provisional
            )
            changed += 1
    return changed
