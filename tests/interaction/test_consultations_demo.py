"""The demo content of 意见征集 and 网上调查: what each site gets, deterministically."""

from __future__ import annotations

import datetime
import random

import pytest
from wagtail.models import Site

from govsite.cluster.models import Department
from govsite.demo import corpus
from govsite.demo.builder import DemoOptions, DemoSite
from govsite.demo.layout import SITES
from govsite.interaction.consultations import demo as consultation_demo
from govsite.interaction.consultations.feedback import (
    FeedbackState,
    consultations_missing_feedback,
    feedback_status,
)
from govsite.interaction.consultations.models import Comment, ConsultationPage, ConsultationState
from govsite.interaction.surveys import demo as survey_demo
from govsite.interaction.surveys.models import SurveyPage, SurveyState
from govsite.interaction.surveys.results import survey_results

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
NOON = datetime.datetime(2026, 11, 23, 4, tzinfo=datetime.UTC)  # 12:00 in Beijing


def demo_site(home, column, seed: str) -> DemoSite:
    spec = SITES[0]
    site = Site.objects.get(root_page=home)
    return DemoSite(
        home=home, profile=site.profile, spec=spec, place=corpus.PLACES[spec.key],
        options=DemoOptions(today=TODAY, scale="small"), rng=random.Random(seed), interaction_column=column,
        departments=[Department.objects.get_or_create(site=site, name="西地省民政厅")[0]],
    )  # fmt: skip


def snapshot(column) -> list:
    rows = []
    for page in ConsultationPage.objects.child_of(column).order_by("path"):
        rows.append((page.title, page.slug, page.start_at, page.end_at, page.feedback_published_at))
        rows += list(
            page.comments.order_by("submitted_at", "pk").values_list("name", "content", "status", "adoption")
        )
    for page in SurveyPage.objects.child_of(column).order_by("path"):
        results = survey_results(page)
        rows.append(
            (page.title, results.responses, [[o.count for o in q.options] for q in results.questions])
        )
    return rows


def test_each_site_gets_open_answered_and_overdue_consultations_and_two_surveys(home, make_column):
    column = make_column("互动交流", kind="interaction")
    site = demo_site(home, column, "seed")
    consultation_demo.populate_site(site)
    survey_demo.populate_site(site)

    states = {page.state(NOON): page for page in ConsultationPage.objects.child_of(column)}
    assert set(states) == {ConsultationState.OPEN, ConsultationState.ANSWERED, ConsultationState.CLOSED}
    opened = states[ConsultationState.OPEN]
    assert (
        opened.public_comments().count() >= 3
        and opened.comments.filter(status=Comment.Status.PENDING).exists()
    )
    assert not opened.period_is_short
    answered = states[ConsultationState.ANSWERED]
    counts = answered.feedback_counts()
    assert counts.received > 0 and counts.unassessed == 0
    assert feedback_status(answered, TODAY).state == FeedbackState.PUBLISHED
    flagged = consultations_missing_feedback(Site.objects.get(root_page=home), TODAY)
    assert [status.consultation.pk for status in flagged] == [states[ConsultationState.CLOSED].pk]

    surveys = {page.state(NOON): page for page in SurveyPage.objects.child_of(column)}
    assert set(surveys) == {SurveyState.OPEN, SurveyState.CLOSED}
    open_results = survey_results(surveys[SurveyState.OPEN])
    assert 100 <= open_results.responses <= 999 and surveys[SurveyState.OPEN].results_visible(NOON)
    assert survey_results(surveys[SurveyState.CLOSED]).responses > 0
    assert all(result.answered == open_results.responses for result in open_results.questions[:3])  # required


def test_demo_content_is_the_same_for_the_same_seed(home, make_column):
    first, second = (
        make_column("互动交流一", kind="interaction"),
        make_column("互动交流二", kind="interaction"),
    )
    for column in (first, second):
        site = demo_site(home, column, "same")
        consultation_demo.populate_site(site)
        survey_demo.populate_site(site)
    assert snapshot(first) == snapshot(second)


def test_demo_pages_render(client, home, make_column):
    column = make_column("互动交流", kind="interaction")
    site = demo_site(home, column, "render")
    consultation_demo.populate_site(site)
    survey_demo.populate_site(site)
    for page in [*ConsultationPage.objects.child_of(column), *SurveyPage.objects.child_of(column)]:
        assert client.get(page.url).status_code == 200
    html = client.get(column.url).content.decode()
    assert html.count("征求意见的公告") >= 3 and "网上调查" in html
