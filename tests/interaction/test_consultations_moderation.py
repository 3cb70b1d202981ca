"""Moderation of comments (every transition allowed and refused), adoption, and the feedback deadline."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed
from wagtail.models import Page, Site

from govsite.content.models import HomePage
from govsite.core.models import CalendarDay
from govsite.interaction.consultations.feedback import (
    FeedbackState,
    consultations_missing_feedback,
    feedback_status,
)
from govsite.interaction.consultations.models import Comment, FeedbackCounts
from interaction.consultations_factories import ONE_MICROSECOND, beijing, make_comment, make_consultation

pytestmark = pytest.mark.django_db

END = beijing(2026, 11, 30, 23, 59, 59)


@pytest.fixture
def column(make_column):
    return make_column("意见征集", kind="interaction")


@pytest.fixture
def consultation(column):
    return make_consultation(column, end_at=END)


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("moderator")


def test_pending_comment_can_be_approved_once(consultation, moderator):
    comment = make_comment(consultation)
    assert comment.status == Comment.Status.PENDING and can_proceed(comment.approve)
    comment.approve(by=moderator)
    comment.save()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    assert not can_proceed(comment.approve)
    with pytest.raises(TransitionNotAllowed):
        comment.approve(by=moderator)


def test_rejection_needs_a_reason_and_is_final(consultation, moderator):
    comment = make_comment(consultation)
    with pytest.raises(ValidationError) as caught:
        comment.reject(by=moderator, reason="  ")
    assert "请填写不予通过的理由" in str(caught.value)
    assert comment.status == Comment.Status.PENDING and comment.moderated_by is None
    comment.reject(by=moderator, reason="与征集内容无关")
    comment.save()
    assert (comment.status, comment.rejection_reason) == (Comment.Status.REJECTED, "与征集内容无关")
    for transition in (comment.approve, comment.reject):
        assert not can_proceed(transition)
    with pytest.raises(TransitionNotAllowed):
        comment.approve(by=moderator)
    with pytest.raises(TransitionNotAllowed):
        comment.reject(by=moderator, reason="再次")


def test_an_approved_comment_can_be_withdrawn_and_loses_its_adoption(consultation, moderator):
    comment = make_comment(consultation)
    comment.approve(by=moderator)
    comment.set_adoption(Comment.Adoption.ADOPTED, "已吸收", now=END + ONE_MICROSECOND)
    comment.reject(by=moderator, reason="发现含有他人隐私")
    comment.save()
    assert (comment.status, comment.adoption, comment.adoption_note) == (Comment.Status.REJECTED, "", "")


def test_two_moderators_at_once_the_second_is_refused(consultation, moderator):
    comment = make_comment(consultation)
    first, second = Comment.objects.get(pk=comment.pk), Comment.objects.get(pk=comment.pk)
    first.approve(by=moderator)
    first.save()
    second.reject(by=moderator, reason="重复")
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        second.save()
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED


def test_adoption_only_for_approved_comments_after_closing(consultation, moderator):
    comment = make_comment(consultation)
    after = END + ONE_MICROSECOND
    with pytest.raises(ValidationError, match="只有审核通过的意见"):
        comment.set_adoption(Comment.Adoption.ADOPTED, now=after)
    comment.approve(by=moderator)
    with pytest.raises(ValidationError, match="征集结束后"):
        comment.set_adoption(Comment.Adoption.ADOPTED, now=END)  # the closing instant is still open
    with pytest.raises(ValidationError, match="无效"):
        comment.set_adoption("maybe", now=after)
    comment.set_adoption(Comment.Adoption.PARTLY, " 部分吸收 ", now=after)
    assert (comment.adoption, comment.adoption_note) == ("partly", "部分吸收")


def test_feedback_counts_leave_out_invalid_comments(consultation, moderator):
    after = END + ONE_MICROSECOND
    for adoption in ("adopted", "partly", "partly", "not_adopted", ""):
        comment = make_comment(consultation)
        comment.approve(by=moderator)
        comment.set_adoption(adoption, now=after)
        comment.save()
    make_comment(consultation)  # pending
    rejected = make_comment(consultation)
    rejected.reject(by=moderator, reason="广告")
    rejected.save()
    assert consultation.feedback_counts() == FeedbackCounts(
        received=6, adopted=1, partly=2, not_adopted=1, pending=1, rejected=1
    )
    assert consultation.feedback_counts().unassessed == 2  # one approved without a mark, one pending


# -- the feedback deadline, in working days ----------------------------------------------------------
# Closing on Friday 26 September 2025, just before the National Day holiday (1–8 October, with Sunday
# 28 September and Saturday 11 October made working days): the 15th working day after it is Thursday
# 23 October. Counting weekends alone would give Friday 17 October.

CLOSED_BEFORE_HOLIDAY = beijing(2025, 9, 26, 23, 59, 59)


@pytest.fixture
def closed_before_holiday(column):
    return make_consultation(column, start_at=beijing(2025, 8, 27, 9), end_at=CLOSED_BEFORE_HOLIDAY)


def test_feedback_due_on_the_15th_working_day_across_national_day(closed_before_holiday):
    status = feedback_status(closed_before_holiday, datetime.date(2025, 10, 23))
    assert (status.state, status.due, status.provisional) == (
        FeedbackState.WAITING,
        datetime.date(2025, 10, 23),
        False,
    )
    assert feedback_status(closed_before_holiday, datetime.date(2025, 10, 20)).state == FeedbackState.WAITING
    late = feedback_status(closed_before_holiday, datetime.date(2025, 10, 24))
    assert (late.state, late.flagged, late.days_overdue) == (FeedbackState.OVERDUE, True, 1)


def test_missing_feedback_flag_at_its_boundary(closed_before_holiday):
    site = Site.objects.get(is_default_site=True)
    assert consultations_missing_feedback(site, datetime.date(2025, 10, 23)) == []
    flagged = consultations_missing_feedback(site, datetime.date(2025, 10, 24))
    assert [status.consultation.pk for status in flagged] == [closed_before_holiday.pk]
    assert flagged[0].due == datetime.date(2025, 10, 23)


def test_the_period_is_a_setting(closed_before_holiday, settings):
    settings.GOVSITE_CONSULTATION_FEEDBACK_WORKING_DAYS = 5
    site = Site.objects.get(is_default_site=True)
    # 28, 29, 30 September, 9 and 10 October: due Friday 10 October; Saturday 11 October is a working day.
    assert consultations_missing_feedback(site, datetime.date(2025, 10, 10)) == []
    assert len(consultations_missing_feedback(site, datetime.date(2025, 10, 11))) == 1


def test_published_feedback_clears_the_flag_and_late_feedback_is_told_apart(closed_before_holiday):
    site = Site.objects.get(is_default_site=True)
    closed_before_holiday.feedback_summary = "<p>采纳情况</p>"
    closed_before_holiday.feedback_published_at = beijing(2025, 10, 23, 17)
    closed_before_holiday.save_revision().publish()
    assert consultations_missing_feedback(site, datetime.date(2025, 12, 1)) == []
    closed_before_holiday.refresh_from_db()
    assert feedback_status(closed_before_holiday, datetime.date(2025, 12, 1)).state == FeedbackState.PUBLISHED
    closed_before_holiday.feedback_published_at = beijing(2025, 10, 24, 9)
    assert (
        feedback_status(closed_before_holiday, datetime.date(2025, 12, 1)).state
        == FeedbackState.PUBLISHED_LATE
    )


def test_no_period_until_the_day_after_closing(closed_before_holiday):
    assert (
        feedback_status(closed_before_holiday, datetime.date(2025, 9, 26)).state == FeedbackState.NOT_CLOSED
    )
    assert feedback_status(closed_before_holiday, datetime.date(2025, 9, 27)).state == FeedbackState.WAITING


def test_deadline_past_the_known_calendar_is_provisional_until_the_schedule_is_entered(column):
    late_december = make_consultation(
        column, start_at=beijing(2026, 11, 20, 9), end_at=beijing(2026, 12, 25, 18)
    )
    status = feedback_status(late_december, datetime.date(2026, 12, 28))
    assert status.provisional and status.due == datetime.date(2027, 1, 15)  # weekends alone
    CalendarDay.objects.create(date=datetime.date(2027, 1, 1), is_workday=False, name="元旦")
    status = feedback_status(late_december, datetime.date(2026, 12, 28))
    assert not status.provisional and status.due == datetime.date(2027, 1, 18)  # New Year's Day off


def test_only_this_sites_published_consultations_are_flagged(closed_before_holiday, column):
    draft = make_consultation(
        column, title="未发布的征集", start_at=beijing(2025, 8, 1), end_at=CLOSED_BEFORE_HOLIDAY
    )
    draft.unpublish()
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="云川市人民政府", slug="yunchuan")
    )
    other_site = Site.objects.create(hostname="yunchuan.localhost", root_page=other_home, site_name="云川市")
    other_column = other_home.add_child(instance=type(column)(title="互动交流", kind="interaction"))
    elsewhere = make_consultation(other_column, start_at=beijing(2025, 8, 1), end_at=CLOSED_BEFORE_HOLIDAY)
    day = datetime.date(2025, 11, 3)
    home_site = Site.objects.get(is_default_site=True)
    assert [s.consultation.pk for s in consultations_missing_feedback(home_site, day)] == [
        closed_before_holiday.pk
    ]
    assert [s.consultation.pk for s in consultations_missing_feedback(other_site, day)] == [elsewhere.pk]
