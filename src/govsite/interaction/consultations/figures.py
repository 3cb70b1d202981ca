"""A site's 意见征集 figures for one calendar year, as the annual reports ask for them.

The 政府信息公开工作年度报告 and the 政府网站工作年度报表 (征集调查: 期数, 收到意见, 公布结果期数) report how
many consultations were held, how many comments came in and how they were taken up. Every number is
computed from the records, never typed (SPEC §3b). Years are Beijing calendar years.

- opened / closed: published consultations whose period started / ended in the year (by ``now``).
- comments: the valid comments (not found invalid) *received* in the year — online ones by the instant
  they were sent, offline ones by the day staff recorded them as received — and how those were adopted.
- of the consultations closed in the year: feedback published, still within the feedback period, or
  flagged — closed without feedback past the period (inspections take points off for these, SPEC §3a).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from govsite.core.calendar_days import work_calendar
from govsite.interaction.consultations.feedback import FeedbackState, consultations_of_site, feedback_status
from govsite.interaction.consultations.models import Comment, ConsultationPage, FeedbackCounts

YEARS_SHOWN = 3  # the admin index shows this year and the two before (the report covers last year)


@dataclass(frozen=True)
class YearlyFigures:
    year: int
    opened: int = 0
    closed: int = 0
    received_online: int = 0
    received_offline: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    feedback_published: int = 0  # of ``closed``
    feedback_waiting: int = 0  # of ``closed``: still within the feedback period
    missing_feedback: int = 0  # of ``closed``: flagged, past the period without feedback

    @property
    def received(self) -> int:
        return self.received_online + self.received_offline

    @property
    def unassessed(self) -> int:
        """Received comments whose adoption is not recorded yet (still pending, or not marked)."""
        return self.received - self.adopted - self.partly - self.not_adopted

    def rows(self) -> list[tuple[Promise, int]]:
        """The figures with their Chinese labels, in the order a report lists them."""
        return [
            (_("新开展意见征集（期）"), self.opened),
            (_("征集结束（期）"), self.closed),
            (_("其中：已公布采纳情况反馈（期）"), self.feedback_published),
            (_("其中：反馈期内待公布（期）"), self.feedback_waiting),
            (_("其中：逾期未公布反馈（期）"), self.missing_feedback),
            (_("收到有效意见（条）"), self.received),
            (_("其中：网上提交（条）"), self.received_online),
            (_("其中：信函、传真、座谈会等线下渠道（条）"), self.received_offline),
            (_("采纳（条）"), self.adopted),
            (_("部分采纳（条）"), self.partly),
            (_("未采纳（条）"), self.not_adopted),
            (_("待审核或未标注采纳情况（条）"), self.unassessed),
        ]


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of ``year`` and of the year after, in the site's time zone (Beijing)."""
    return (
        timezone.make_aware(datetime.datetime(year, 1, 1)),
        timezone.make_aware(datetime.datetime(year + 1, 1, 1)),
    )


def comments_received_in(consultations: QuerySet[ConsultationPage], year: int) -> QuerySet[Comment]:
    start, end = year_bounds(year)
    online = Q(channel=Comment.Channel.ONLINE, submitted_at__gte=start, submitted_at__lt=end)
    offline = ~Q(channel=Comment.Channel.ONLINE) & Q(received_on__year=year)
    return Comment.objects.filter(online | offline, consultation__in=consultations.values("pk"))


def yearly_figures(site: Site, year: int, now: datetime.datetime | None = None) -> YearlyFigures:
    """The site's figures for ``year``, as they stand at ``now`` (a year still running counts so far)."""
    now = now or timezone.now()
    start, end = year_bounds(year)
    consultations = consultations_of_site(site)
    opened = consultations.filter(start_at__gte=start, start_at__lt=end, start_at__lte=now).count()
    # Closed means past its closing instant (the closing instant itself still takes comments).
    closed = list(consultations.filter(end_at__gte=start, end_at__lt=min(end, now)))
    today, calendar = timezone.localdate(now), work_calendar()
    states = [feedback_status(page, today, calendar).state for page in closed]
    counts = FeedbackCounts.of(comments_received_in(consultations, year))
    return YearlyFigures(
        year=year,
        opened=opened,
        closed=len(closed),
        received_online=counts.online,
        received_offline=counts.offline,
        adopted=counts.adopted,
        partly=counts.partly,
        not_adopted=counts.not_adopted,
        feedback_published=sum(
            state in (FeedbackState.PUBLISHED, FeedbackState.PUBLISHED_LATE) for state in states
        ),
        feedback_waiting=sum(state in (FeedbackState.WAITING, FeedbackState.NOT_CLOSED) for state in states),
        missing_feedback=sum(state == FeedbackState.OVERDUE for state in states),
    )


def figure_years(site: Site, today: datetime.date | None = None) -> list[int]:
    """The years worth a table on the admin index: this one back to the first consultation, newest first."""
    today = today or timezone.localdate()
    first = consultations_of_site(site).aggregate(first=Min("start_at"))["first"]
    if first is None:
        return []
    oldest = max(timezone.localdate(first).year, today.year - YEARS_SHOWN + 1)
    return list(range(today.year, oldest - 1, -1))
