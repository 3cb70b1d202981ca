"""The letters demo: channels in 互动交流, letters in every state through the real workflow, demo staff."""

from __future__ import annotations

import datetime
import random

import pytest
from django.contrib.auth import get_user_model

from govsite.cluster.models import Department
from govsite.columns.models import ColumnPage
from govsite.demo import corpus
from govsite.demo.builder import DemoOptions, DemoSite
from govsite.demo.layout import SITES
from govsite.interaction.letters import alerts, demo, stats
from govsite.interaction.letters.models import Letter, LetterEvent, LetterSequence, LetterState
from govsite.interaction.letters.pages import LetterChannelPage

TODAY = datetime.date(2026, 11, 23)


def build(home, seed: int = 2026) -> DemoSite:
    spec = next(spec for spec in SITES if spec.key == "city_yunchuan")
    place = corpus.PLACES[spec.key]
    site = home.get_site()
    departments = [
        Department.objects.create(site=site, name=name, sort_order=n)
        for n, name in enumerate(place.departments)
    ]
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))
    demo_site = DemoSite(
        home=home, profile=site.profile, spec=spec, place=place, options=DemoOptions(today=TODAY, scale="small"),
        rng=random.Random(f"{seed}:letters"), interaction_column=column, departments=departments,
    )  # fmt: skip
    demo.populate_site(demo_site)
    return demo_site


@pytest.mark.django_db
def test_demo_letters_in_every_state(client, home):
    demo_site = build(home)
    channels = LetterChannelPage.objects.child_of(demo_site.interaction_column)
    assert [(c.title, c.channel_kind) for c in channels] == [
        ("市长信箱", "consultation"), ("政务咨询", "consultation"), ("投诉举报", "complaint"),
    ]  # fmt: skip
    letters = Letter.objects.filter(site=home.get_site())
    assert set(letters.values_list("state", flat=True)) == set(LetterState.values)
    assert letters.count() == 12
    assert all(
        letter.received_on < TODAY and letter.received_on >= TODAY - datetime.timedelta(days=125)
        for letter in letters
    )
    assert not LetterEvent.objects.filter(at__date__gte=TODAY).exists()  # everything happened in the past
    assert set(letters.exclude(department=None).values_list("department__site", flat=True)) == {
        home.get_site().pk
    }

    report = stats.report(letters, today=TODAY).total
    assert report.answered >= 4 and report.on_time >= report.answered - 1  # most on time
    assert 1 <= report.overdue_now <= 3
    office = get_user_model().objects.get(username="yunchuan-office")
    site_alerts = alerts.alerts_for_user(office, TODAY)
    assert len(site_alerts) == 1 and len(site_alerts[0].near_veto) == 1  # one letter near the 3-month line
    line = site_alerts[0].near_veto[0][1]
    assert line > TODAY  # warned before it becomes a veto

    member = get_user_model().objects.get(username="yunchuan-letters")
    housing = Department.objects.get(name="云川市住房和城乡建设局")
    assert list(member.departments.all()) == [housing]
    assert letters.filter(department=housing).exists()
    assert member.check_password("govsite-demo")

    html = client.get(channels[0].url).content.decode()
    published = letters.filter(channel=channels[0], state=LetterState.PUBLISHED)
    assert all(letter.number in html for letter in published)
    assert all(letter.writer_name not in html and letter.writer_phone not in html for letter in published)


@pytest.mark.django_db
def test_demo_letters_are_deterministic(home):
    build(home)
    first = list(
        Letter.objects.order_by("number").values_list(
            "number", "subject", "state", "received_at", "due_date", "reply"
        )
    )
    ColumnPage.objects.get(title="互动交流").delete()  # and the channels and letters with it
    LetterSequence.objects.all().delete()  # (a rebuild deletes the site, which cascades to these)
    Department.objects.all().delete()
    build(home)
    again = list(
        Letter.objects.order_by("number").values_list(
            "number", "subject", "state", "received_at", "due_date", "reply"
        )
    )
    assert again == first
