"""The demo: a 依申请公开 page in the 互动交流 column with requests in every state, deterministic."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone
from wagtail.models import Site

from govsite.cluster.models import Department
from govsite.columns.models import ColumnPage
from govsite.core.calendar_days import work_calendar
from govsite.demo import corpus
from govsite.demo.builder import DemoOptions, DemoSite
from govsite.demo.layout import SITES
from govsite.interaction.disclosure import demo, statistics
from govsite.interaction.disclosure.choices import OPEN_STATES, State
from govsite.interaction.disclosure.models import DisclosureRequest, DisclosureRequestPage

TODAY = datetime.date(2025, 11, 20)


def populate(home, scale="small") -> DisclosureRequestPage:
    site = Site.objects.get(root_page=home)
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    place = corpus.PLACES["city_yunchuan"]
    departments = [
        Department.objects.get_or_create(site=site, name=name)[0] for name in place.departments[:3]
    ]
    demo.populate_site(DemoSite(
        home=home, profile=site.profile, spec=SITES[1], place=place, options=DemoOptions(today=TODAY, scale=scale),
        rng=random.Random("2026:test"), interaction_column=column, departments=departments,
    ))  # fmt: skip
    return DisclosureRequestPage.objects.get()


def dump() -> list[tuple]:
    rows = DisclosureRequest.objects.order_by("number").values_list(
        "number", "name", "id_number", "credit_code", "phone", "description", "state", "received_on", "answer_type",
        "answer_reason", "answered_on", "department__name", "extension_days",
    )  # fmt: skip
    return list(rows)


@pytest.fixture
def page(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return populate(home)


@pytest.mark.django_db
def test_a_page_in_the_interaction_column_and_requests_in_every_state(page, client):
    column = page.get_parent().specific
    assert column.title == "互动交流" and page in column.entry_pages()
    assert client.get(page.url).status_code == 200
    requests = DisclosureRequest.objects.filter(page=page).prefetch_related("consultations")
    assert {r.state for r in requests} == set(State.values)
    calendar = work_calendar()
    statuses = []
    for request in requests.filter(state__in=OPEN_STATES):
        request.judge_on(TODAY, calendar)
        statuses.append(request.deadline())
    assert sum(s.overdue for s in statuses) == 1
    assert sum(s.due_within(3) for s in statuses) >= 1
    assert requests.filter(extension_days__gt=0).count() == 1
    assert requests.filter(completion_requested_on__isnull=False).count() == 3  # waiting, completed, lapsed
    assert requests.filter(completion_received_on__isnull=False).count() == 1
    assert requests.filter(documents__isnull=False).distinct().count() == 2
    assert requests.filter(answer_type="referred").exclude(responsible_organ="").count() == 1
    assert all(r.received_on >= TODAY - datetime.timedelta(days=400) for r in requests)
    assert (
        not requests.filter(received_on__gt=TODAY).exists()
        and not requests.filter(answered_on__gt=TODAY).exists()
    )


@pytest.mark.django_db
def test_numbers_follow_the_order_of_arrival(page):
    for year in (2024, 2025):
        rows = list(DisclosureRequest.objects.filter(received_on__year=year).order_by("received_on", "pk"))
        assert [r.number for r in rows] == [f"YSQ{year}{n:05d}" for n in range(1, len(rows) + 1)]


@pytest.mark.django_db
def test_the_statistics_add_up_with_a_carry_over(page):
    requests = DisclosureRequest.objects.filter(page=page)
    last_year, this_year = (statistics.yearly_table(requests, year) for year in (2024, 2025))
    assert last_year.value("carried_out") == this_year.value("carried_in") == 1  # last December's request
    for table in (last_year, this_year):
        assert table.value("new") + table.value("carried_in") == table.value("results_total") + table.value(
            "carried_out"
        )


@pytest.mark.django_db
def test_deterministic(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = populate(home)
    rows = dump()
    assert len(rows) == 18
    first.get_parent().delete()
    populate(home)
    assert dump() == rows


@pytest.mark.django_db
def test_full_scale_adds_a_year_of_answers(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    started = timezone.now()
    populate(home, scale="full")
    assert DisclosureRequest.objects.count() == 18 + 18
    assert (timezone.now() - started).total_seconds() < 30
