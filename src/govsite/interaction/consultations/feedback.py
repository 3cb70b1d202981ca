"""When a closed consultation's feedback (采纳情况) is due, and which consultations are past it.

Inspections take points off for every consultation closed without published feedback (SPEC §3a). The
platform gives staff a period after closing — ``GOVSITE_CONSULTATION_FEEDBACK_WORKING_DAYS`` working days,
15 by default, counted from the day after the closing day on the official calendar — and flags those
still without feedback once it has passed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.interaction.consultations.models import ConsultationPage

DEFAULT_FEEDBACK_WORKING_DAYS = 15


def feedback_working_days() -> int:
    return int(getattr(settings, "GOVSITE_CONSULTATION_FEEDBACK_WORKING_DAYS", DEFAULT_FEEDBACK_WORKING_DAYS))


class FeedbackState(models.TextChoices):
    NOT_CLOSED = "not_closed", _("征集未结束")
    WAITING = "waiting", _("待反馈")
    OVERDUE = "overdue", _("逾期未反馈")
    PUBLISHED = "published", _("已反馈")
    PUBLISHED_LATE = "published_late", _("已反馈（逾期）")


@dataclass(frozen=True)
class FeedbackStatus:
    consultation: ConsultationPage
    state: FeedbackState
    due: datetime.date | None = None  # the last day to publish feedback on time
    provisional: bool = False  # the due day lies in a year whose holiday schedule is not known yet
    days_overdue: int = 0  # working days past the due day

    @property
    def flagged(self) -> bool:
        return self.state == FeedbackState.OVERDUE


def feedback_status(
    consultation: ConsultationPage, today: datetime.date, calendar: WorkCalendar | None = None
) -> FeedbackStatus:
    if consultation.closed_on >= today and consultation.feedback_published_at is None:
        # Still open, or closing today: no period has started yet.
        return FeedbackStatus(consultation, FeedbackState.NOT_CLOSED)
    calendar = calendar or work_calendar()
    deadline = calendar.add_working_days(consultation.closed_on, feedback_working_days())
    if consultation.feedback_published_at is not None:
        late = timezone.localdate(consultation.feedback_published_at) > deadline.due
        state = FeedbackState.PUBLISHED_LATE if late else FeedbackState.PUBLISHED
        return FeedbackStatus(consultation, state, deadline.due, deadline.provisional)
    if today > deadline.due:
        overdue = calendar.working_days_between(deadline.due, today)
        return FeedbackStatus(
            consultation, FeedbackState.OVERDUE, deadline.due, deadline.provisional, overdue
        )
    return FeedbackStatus(consultation, FeedbackState.WAITING, deadline.due, deadline.provisional)


def consultations_of_site(site: Site) -> models.QuerySet[ConsultationPage]:
    return ConsultationPage.objects.live().descendant_of(site.root_page, inclusive=True)


def consultations_missing_feedback(site: Site, today: datetime.date | None = None) -> list[FeedbackStatus]:
    """The site's published consultations closed without feedback past the feedback period, oldest first."""
    today = today or timezone.localdate()
    calendar = work_calendar()
    # Closed before today (in local time) and no feedback: only those can be past their period.
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    candidates = consultations_of_site(site).filter(
        feedback_published_at__isnull=True, end_at__lt=start_of_today
    )
    statuses = [feedback_status(page, today, calendar) for page in candidates.order_by("end_at", "pk")]
    return [status for status in statuses if status.flagged]
