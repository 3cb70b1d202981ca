"""Answer deadlines in working days over the real 2025 National Day schedule (条例 arts. 30–33, SPEC §4).

Received on Friday 2025-09-26: the day of receipt does not count; Sunday 28 Sep and Saturday 11 Oct were
working days (调休), 1–8 Oct were off. Twenty working days: 28, 29, 30 Sep, 9, 10, 11, 13–17, 20–24,
27–30 Oct — due Thursday 2025-10-30.
"""

from __future__ import annotations

import datetime

import pytest

from govsite.core.workdays import official_calendar
from govsite.interaction.disclosure import deadlines
from govsite.interaction.disclosure.deadlines import Clock, Pause, deadline_status

D = datetime.date
RECEIVED = D(2025, 9, 26)
CAL = official_calendar()


def status(clock: Clock, today: datetime.date) -> deadlines.DeadlineStatus:
    return deadline_status(CAL, clock, today)


@pytest.mark.parametrize(
    ("today", "days_left", "days_overdue"),
    [
        (D(2025, 9, 26), 20, 0),
        (D(2025, 10, 1), 17, 0),  # the holiday counts nothing: 28, 29, 30 Sep are used
        (D(2025, 10, 29), 1, 0),
        (D(2025, 10, 30), 0, 0),  # due today: not overdue
        (D(2025, 10, 31), 0, 1),
        (D(2025, 11, 2), 0, 1),  # a Sunday adds no working day overdue
        (D(2025, 11, 3), 0, 2),
    ],
)
def test_twenty_working_days_across_national_day(today, days_left, days_overdue):
    result = status(Clock(RECEIVED), today)
    assert result.due == D(2025, 10, 30)
    assert (result.days_left, result.days_overdue, result.overdue) == (
        days_left,
        days_overdue,
        days_overdue > 0,
    )
    assert not result.provisional


def test_completion_stops_the_clock_and_restarts_it_from_the_completion_day():
    waiting = status(Clock(RECEIVED, awaiting_completion=True), D(2025, 12, 31))
    assert (waiting.due, waiting.paused, waiting.overdue) == (None, "completion", False)
    # Completion received Friday 10 Oct: 20 working days from Saturday 11 Oct (worked) — due 6 Nov.
    restarted = status(Clock(RECEIVED, completion_received_on=D(2025, 10, 10)), D(2025, 10, 10))
    assert (restarted.due, restarted.days_left) == (D(2025, 11, 6), 20)
    assert status(Clock(RECEIVED, completion_received_on=D(2025, 10, 10)), D(2025, 11, 7)).days_overdue == 1


def test_completion_notice_window_is_seven_working_days():
    assert deadlines.completion_notice_due(CAL, RECEIVED) == D(
        2025, 10, 13
    )  # 28, 29, 30 Sep, 9, 10, 11, 13 Oct


def test_third_party_consultation_days_are_added():
    # Sent Thursday 9 Oct, ended Friday 17 Oct: 10, 11, 13, 14, 15, 16, 17 Oct = 7 working days.
    clock = Clock(RECEIVED, consultations=[Pause(D(2025, 10, 9), D(2025, 10, 17))])
    result = status(clock, D(2025, 10, 31))
    assert (result.due, result.paused_days, result.overdue) == (D(2025, 11, 10), 7, False)


def test_a_running_consultation_freezes_the_days_left():
    clock = Clock(RECEIVED, consultations=[Pause(D(2025, 10, 9))])
    for today in (D(2025, 10, 10), D(2025, 12, 31)):
        result = status(clock, today)
        assert (result.due, result.paused, result.days_left, result.overdue) == (
            None,
            "consultation",
            16,
            False,
        )


def test_third_party_has_fifteen_working_days():
    assert deadlines.third_party_reply_due(CAL, D(2025, 10, 9)) == D(2025, 10, 29)


def test_consultations_before_a_restart_do_not_count():
    clock = Clock(
        RECEIVED,
        completion_received_on=D(2025, 10, 10),
        consultations=[Pause(D(2025, 10, 9), D(2025, 10, 10))],
    )
    assert status(clock, D(2025, 10, 10)).due == D(2025, 11, 6)


@pytest.mark.parametrize(("extension", "due"), [(1, D(2025, 10, 31)), (20, D(2025, 11, 27))])
def test_extension_adds_working_days(extension, due):
    assert status(Clock(RECEIVED, extension_days=extension), RECEIVED).due == due


def test_extension_and_consultation_together():
    clock = Clock(RECEIVED, extension_days=20, consultations=[Pause(D(2025, 10, 9), D(2025, 10, 17))])
    assert status(clock, RECEIVED).due == CAL.add_working_days(RECEIVED, 47).due == D(2025, 12, 8)


def test_a_deadline_past_the_known_schedule_is_provisional():
    result = status(Clock(D(2026, 12, 15)), D(2026, 12, 16))
    assert result.provisional and result.due == D(2027, 1, 12)
    assert not status(Clock(D(2026, 11, 2)), D(2026, 11, 2)).provisional


@pytest.mark.parametrize(
    ("today", "within_three"),
    [(D(2025, 10, 24), False), (D(2025, 10, 27), True), (D(2025, 10, 30), True), (D(2025, 10, 31), False)],
)
def test_due_within_boundaries(today, within_three):
    assert status(Clock(RECEIVED), today).due_within(3) is within_three
