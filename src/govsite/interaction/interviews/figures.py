"""The annual report's 在线访谈 figures (政府网站工作年度报表): 期数, 网民留言 (条), 答复网民提问 (条).

Computed from the records, never typed: sessions held in the year (by their start in 北京时间, live pages
whose session is over), questions received in the year (every one, whatever moderation made of it), and
questions answered in the broadcast in the year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from govsite.interaction.interviews.models import InterviewPage, Question
from govsite.interaction.interviews.schedule import InterviewState


@dataclass(frozen=True)
class InterviewFigures:
    sessions: int  # 期数
    questions: int  # 网民留言（条）
    answered: int  # 答复网民提问（条）


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def annual_figures(site_root: Page, year: int) -> InterviewFigures:
    start, end = _year_bounds(year)
    interviews = InterviewPage.objects.live().descendant_of(site_root)
    held = interviews.filter(starts_at__gte=start, starts_at__lt=end)
    sessions = sum(
        1 for page in held.only("starts_at", "ends_at", "phase") if page.state() == InterviewState.ARCHIVED
    )
    questions = Question.objects.filter(
        interview__in=interviews, submitted_at__gte=start, submitted_at__lt=end
    )
    answered = Question.objects.filter(
        interview__in=interviews, answers__is_published=True, answers__posted_at__gte=start,
        answers__posted_at__lt=end,
    ).distinct()  # fmt: skip
    return InterviewFigures(sessions=sessions, questions=questions.count(), answered=answered.count())
