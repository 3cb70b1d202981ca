"""Scheduled publishing: Wagtail's go_live_at, approved through the workflow, goes live with publish_scheduled."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from editorial.editorial_support import approve_all, article_form, draft, fresh, submit
from govsite.editorial.models import PublicationRecord


@pytest.fixture
def later(monkeypatch):
    """Move the clock forward for everything that asks Django for the time."""
    real_now = timezone.now

    def move(hours: int) -> None:
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(hours=hours))

    return move


def test_approved_page_goes_live_at_its_time(cluster, later):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    page.save_revision(user=contributor)
    submit(page, contributor)
    approve_all(page, cluster.user("a-reviewer"))
    page = fresh(page)
    assert not page.live and page.get_latest_revision().approved_go_live_at is not None
    assert not PublicationRecord.objects.exists()

    call_command("publish_scheduled", stdout=StringIO())
    assert not fresh(page).live  # not yet

    later(3)
    call_command("publish_scheduled", stdout=StringIO())
    page = fresh(page)
    assert page.live
    record = PublicationRecord.objects.get(page=page)
    assert record.scheduled and record.via_workflow
    assert record.published_by == cluster.user("a-reviewer")  # who approved it for that time
    assert [step["task"] for step in record.reviews] == ["初审", "保密审查", "终审"]
    assert record.published_at > timezone.now() - datetime.timedelta(minutes=5)


def test_directly_scheduled_page_records_who_scheduled_it(cluster, client, later):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    go_live = timezone.localtime(timezone.now() + datetime.timedelta(hours=1))
    client.force_login(cluster.user("a-site_admin"))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}),
    )
    assert not fresh(page).live and fresh(page).get_latest_revision().approved_go_live_at is not None
    later(2)
    call_command("publish_scheduled", stdout=StringIO())
    record = PublicationRecord.objects.get(page=page)
    assert fresh(page).live and record.scheduled and not record.via_workflow
    assert record.published_by == cluster.user("a-site_admin")
