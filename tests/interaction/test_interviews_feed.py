"""The live feed (live.json): only published entries after the given id, cheap, and cacheable by a proxy."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from govsite.interaction.interviews import live
from govsite.interaction.interviews.models import LiveEntry
from interaction.interviews_factories import at, live_now, make_entry, make_interview, make_question


@pytest.fixture
def interview(home, make_column):
    return live_now(make_interview(make_column("在线访谈", "interaction")))


def feed(client, page, after=None, **extra):
    url = reverse("interviews:live", args=[page.pk])
    return client.get(url, {} if after is None else {"after": after}, **extra)


def test_url_is_page_id_live_json(interview):
    assert reverse("interviews:live", args=[interview.pk]) == f"/interviews/{interview.pk}/live.json"


def test_returns_only_published_entries_after_the_given_id_in_order(client, interview):
    first = make_entry(interview, "第一条")
    withdrawn = make_entry(interview, "撤回的一条", is_published=False)
    second = make_entry(interview, "第二条")
    third = make_entry(interview, "第三条")
    other = make_interview(interview.get_parent(), title="另一期访谈")
    make_entry(other, "另一期访谈的内容")

    data = feed(client, interview).json()
    assert [entry["id"] for entry in data["entries"]] == [first.pk, second.pk, third.pk]
    assert data["last_id"] == third.pk and data["more"] is False and data["state"] == "live"
    assert withdrawn.pk not in [entry["id"] for entry in data["entries"]]

    after_first = feed(client, interview, first.pk).json()
    assert [entry["id"] for entry in after_first["entries"]] == [second.pk, third.pk]
    assert (
        "第二条" in after_first["entries"][0]["html"]
        and f'id="entry-{second.pk}"' in after_first["entries"][0]["html"]
    )

    nothing_new = feed(client, interview, third.pk).json()
    assert nothing_new["entries"] == [] and nothing_new["last_id"] == third.pk


def test_the_entry_html_is_escaped_and_masks_the_question(client, interview):
    question = make_question(interview, "我叫李志华，请问怎么申请？", status="approved", nickname="李志华")
    make_entry(
        interview,
        "<script>alert(1)</script>",
        role=LiveEntry.Role.GUEST,
        speaker_name="陈立新",
        question=question,
    )
    html = feed(client, interview).json()["entries"][0]["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "李志华" not in html and "李**" in html


def test_a_reader_who_fell_behind_gets_batches(client, interview, monkeypatch):
    monkeypatch.setattr(live, "FEED_LIMIT", 2)
    entries = [make_entry(interview, f"第{n}条") for n in range(5)]
    data = feed(client, interview).json()
    assert [entry["id"] for entry in data["entries"]] == [entries[0].pk, entries[1].pk] and data[
        "more"
    ] is True
    data = feed(client, interview, data["last_id"]).json()
    assert [entry["id"] for entry in data["entries"]] == [entries[2].pk, entries[3].pk] and data[
        "more"
    ] is True
    data = feed(client, interview, data["last_id"]).json()
    assert [entry["id"] for entry in data["entries"]] == [entries[4].pk] and data["more"] is False


def test_short_public_cache_and_nothing_private(client, interview, settings):
    settings.GOVSITE_INTERVIEW_CACHE_SECONDS = 4
    settings.GOVSITE_INTERVIEW_POLL_SECONDS = 6
    response = feed(client, interview, 0)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=4"}
    assert "Cookie" not in response.get("Vary", "") and not response.cookies
    assert response.json()["poll_seconds"] == 6
    assert response["Content-Type"].startswith("application/json")


def test_an_archived_interview_is_cached_longer(client, home, make_column):
    page = make_interview(make_column("在线访谈", "interaction"), starts_at=at("2026-01-05 09:30"))
    response = feed(client, page)
    assert response.json()["state"] == "archived" and response.json()["state_label"] == "已结束"
    assert "max-age=300" in response["Cache-Control"]


def test_the_feed_is_one_indexed_query_after_the_page_lookup(client, interview):
    for n in range(10):
        make_entry(interview, f"第{n}条")
    with CaptureQueriesContext(connection) as queries:
        assert len(feed(client, interview, 3).json()["entries"]) > 0
    entry_queries = [q["sql"] for q in queries.captured_queries if "interviews_liveentry" in q["sql"]]
    assert len(entry_queries) == 1
    assert len(queries.captured_queries) <= 3  # view restrictions, the page by id, the entries


def test_the_index_serves_the_feed_query(interview):
    sql = str(
        LiveEntry.objects.filter(interview_id=interview.pk, is_published=True, pk__gt=5).order_by("pk").query
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql.replace("True", "1"))
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "interviews_entry_feed" in plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "interviews_entry_feed" in plan


@pytest.mark.parametrize("after", ["-1", "abc", "1.5", "9" * 19])
def test_bad_after_is_refused(client, interview, after):
    response = feed(client, interview, after)
    assert response.status_code == 400 and "after" in response.json()["error"]


def test_unpublished_private_and_unknown_interviews_are_not_found(client, interview):
    assert feed(client, interview).status_code == 200
    PageViewRestriction.objects.create(page=interview, restriction_type=PageViewRestriction.LOGIN)
    assert feed(client, interview).status_code == 404
    PageViewRestriction.objects.all().delete()
    interview.unpublish()
    assert feed(client, interview).status_code == 404
    assert client.get("/interviews/999999/live.json").status_code == 404


def test_post_is_not_allowed(client, interview):
    assert client.post(reverse("interviews:live", args=[interview.pk])).status_code == 405
