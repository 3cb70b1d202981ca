"""An interview's state: 预告 → 直播中 → 已结束 by the clock (北京时间) and by staff action, at the boundaries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_fsm import TransitionNotAllowed, can_proceed
from wagtail.models import PageLogEntry

from govsite.interaction.interviews import services
from govsite.interaction.interviews.models import InterviewPage
from govsite.interaction.interviews.schedule import MAX_OVERRUN, InterviewState, Phase, interview_state
from interaction.interviews_factories import at, make_interview, make_staff

START, END = at("2026-11-20 09:30"), at("2026-11-20 11:00")
TICK = datetime.timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (START - TICK, InterviewState.UPCOMING),
        (START, InterviewState.LIVE),
        (END - TICK, InterviewState.LIVE),
        (END, InterviewState.ARCHIVED),
        # The same instants written in UTC: 09:30 in 北京时间 is 01:30 UTC.
        (datetime.datetime(2026, 11, 20, 1, 29, 59, tzinfo=datetime.UTC), InterviewState.UPCOMING),
        (datetime.datetime(2026, 11, 20, 1, 30, tzinfo=datetime.UTC), InterviewState.LIVE),
        (datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC), InterviewState.ARCHIVED),
    ],
)
def test_state_follows_the_clock_at_the_boundaries(now, expected):
    assert interview_state(START, END, Phase.SCHEDULED, now) == expected


def test_a_session_across_midnight_in_shanghai_is_live_on_both_days():
    start, end = at("2026-11-20 23:30"), at("2026-11-21 00:30")
    assert start.astimezone(datetime.UTC).day == 20 and end.astimezone(datetime.UTC).hour == 16
    assert interview_state(start, end, Phase.SCHEDULED, at("2026-11-21 00:00")) == InterviewState.LIVE
    assert interview_state(start, end, Phase.SCHEDULED, at("2026-11-21 00:30")) == InterviewState.ARCHIVED


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (START - datetime.timedelta(hours=1), InterviewState.LIVE),  # started early
        (END + MAX_OVERRUN - TICK, InterviewState.LIVE),  # running over, within the limit
        (END + MAX_OVERRUN, InterviewState.ARCHIVED),  # forgotten: archived at the limit
    ],
)
def test_started_by_staff(now, expected):
    assert interview_state(START, END, Phase.STARTED, now) == expected


@pytest.mark.parametrize("now", [START - datetime.timedelta(days=1), START, END - TICK])
def test_finished_by_staff_is_archived_at_once(now):
    assert interview_state(START, END, Phase.FINISHED, now) == InterviewState.ARCHIVED


def test_times_typed_in_the_admin_are_beijing_time(home, make_column):
    page = make_interview(make_column("在线访谈", "interaction"), starts_at=at("2026-11-20 09:30"))
    stored = InterviewPage.objects.get(pk=page.pk).starts_at
    assert stored == datetime.datetime(2026, 11, 20, 1, 30, tzinfo=datetime.UTC)
    assert page.slug == "ft20261120"
    assert page.search_description.startswith("访谈时间：2026-11-20 09:30")
    assert "王建国（市长）" in page.search_description


def test_end_must_follow_start(home, make_column):
    column = make_column("在线访谈", "interaction")
    page = InterviewPage(title="访谈", starts_at=START, ends_at=START)
    with pytest.raises(ValidationError) as caught:
        column.add_child(instance=page)
    assert caught.value.message_dict["ends_at"] == ["结束时间必须晚于开始时间"]
    column.add_child(instance=InterviewPage(title="访谈", starts_at=START, ends_at=START + TICK))


def _at_clock(monkeypatch, now: datetime.datetime) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)


@pytest.mark.parametrize(
    ("now", "phase", "allowed"),
    [
        (START - datetime.timedelta(days=1), Phase.SCHEDULED, {"start"}),
        (START, Phase.SCHEDULED, {"start", "finish"}),
        (END, Phase.SCHEDULED, {"start"}),  # over by the clock: may still be opened to run over
        (END + MAX_OVERRUN, Phase.SCHEDULED, set()),  # too late to start
        (START - datetime.timedelta(days=1), Phase.STARTED, {"finish"}),
        (END + MAX_OVERRUN, Phase.STARTED, set()),  # archived by the limit: nothing to finish
        (START, Phase.FINISHED, {"resume"}),
        (END + MAX_OVERRUN, Phase.FINISHED, set()),
    ],
)
def test_staff_transitions_allowed_and_refused(db, monkeypatch, now, phase, allowed):
    _at_clock(monkeypatch, now)
    page = InterviewPage(title="访谈", starts_at=START, ends_at=END, phase=phase)
    assert {name for name in ("start", "finish", "resume") if can_proceed(getattr(page, name))} == allowed


def test_phase_change_is_saved_logged_and_survives_publishing_an_old_revision(home, make_column, monkeypatch):
    page = make_interview(make_column("在线访谈", "interaction"))
    revision = page.save_revision()
    revision.publish()
    staff = make_staff("editor", home)
    _at_clock(monkeypatch, START + datetime.timedelta(minutes=5))

    services.change_phase(page, "finish", staff)
    assert InterviewPage.objects.get(pk=page.pk).phase == Phase.FINISHED
    assert PageLogEntry.objects.filter(page=page, action="interviews.finish", user=staff).exists()
    with pytest.raises(TransitionNotAllowed):
        services.change_phase(page, "finish", staff)
    with pytest.raises(TransitionNotAllowed):
        services.change_phase(page, "delete", staff)

    revision.publish()  # an editor publishes the revision saved before the session was closed
    assert InterviewPage.objects.get(pk=page.pk).phase == Phase.FINISHED
    assert InterviewPage.objects.get(pk=page.pk).get_latest_revision_as_object().phase == Phase.FINISHED
