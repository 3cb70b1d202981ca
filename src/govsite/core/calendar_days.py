"""The working-day calendar the platform uses: the official schedule plus the administrator's days."""

from govsite.core.models import CalendarDay
from govsite.core.workdays import WorkCalendar, official_calendar


def work_calendar() -> WorkCalendar:
    """Read once per task (a handful of rows) and reuse it for every deadline of that task."""
    entered = {day: is_workday for day, is_workday in CalendarDay.objects.values_list("date", "is_workday")}
    return official_calendar().with_days(entered, years={day.year for day in entered})
