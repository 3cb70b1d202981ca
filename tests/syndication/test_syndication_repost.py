"""Repost (转载) end to end between two sites of the demo cluster, with the 24-hour clock."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.syndication import timeliness
from govsite.syndication.models import RepostItem, RepostSource, RepostState, SourceKind, TimePrecision
from govsite.syndication.polling import poll_source
from syndication.conftest import editor_of, publish_article


def column(site_code: str, title: str) -> ColumnPage:
    site = Site.objects.get(profile__site_code=site_code)
    return ColumnPage.objects.descendant_of(site.root_page).get(title=title)


@pytest.fixture
def demo(db):
    call_command(
        "load_demo", scale="small", today=timezone.localdate().isoformat(), verbosity=0, stdout=StringIO()
    )


@pytest.mark.django_db
def test_repost_between_demo_sites_with_the_24_hour_clock(client, demo):
    upstream = column("4300000001", "通知公告")  # the province portal
    target = column("4301000001", "通知公告")  # 云川市, whose parent is the province
    now = timezone.now()
    # The demo subscribes each subsite's 通知公告 to its parent's, and its first poll queued the
    # province's notices of the last 10 days: the newest is 6 days old, far past its 24 hours.
    source = RepostSource.objects.get(column=target)
    assert (source.upstream_column, source.name) == (upstream, "西地省人民政府门户网站")
    demo_items = list(RepostItem.objects.filter(source=source))
    assert demo_items and all(item.state == RepostState.PENDING and item.is_late() for item in demo_items)
    demo_titles = {item.title for item in demo_items}
    fresh = publish_article(upstream, "关于做好冬季安全生产工作的通知", at=now - datetime.timedelta(hours=2))
    old = publish_article(upstream, "关于开展消防检查的通知", at=now - datetime.timedelta(hours=30))
    publish_article(upstream, "订阅前的通知", at=now - datetime.timedelta(days=15))  # before `since`

    out = StringIO()
    call_command("poll_repost_sources", stdout=out)
    assert "失败 0 个" in out.getvalue()  # every subsite subscribed to the province's notices got them
    assert poll_source(source) == 0  # polling again queues nothing twice
    items = {
        item.title: item for item in RepostItem.objects.filter(source=source).exclude(title__in=demo_titles)
    }
    assert set(items) == {fresh.title, old.title}
    assert items[old.title].is_late() and not items[fresh.title].is_late()
    assert items[fresh.title].due_at == fresh.first_published_at + datetime.timedelta(hours=24)

    editor = editor_of(target.get_site().root_page, "syndication-editor")
    client.force_login(editor)
    queue = client.get(reverse("syndication_reposts:index")).content.decode()
    assert fresh.title in queue and old.title in queue
    assert queue.count("repost-clock--late") == 1 + len(demo_items)  # all but the fresh one

    # One action each: the fresh item published, the old one as a draft (late all the same).
    for item, action in ((items[fresh.title], "publish"), (items[old.title], "draft")):
        response = client.post(reverse("syndication_reposts:action", args=[item.pk, action]))
        assert response.status_code == 302
    reposts = {page.title: page for page in ArticlePage.objects.child_of(target).filter(source=source.name)}
    assert reposts[fresh.title].live and not reposts[old.title].live
    assert "的正文" in reposts[fresh.title].body and fresh.full_url in reposts[fresh.title].body
    assert reposts[fresh.title].date == timezone.localdate()
    for item in RepostItem.objects.filter(source=source).exclude(title__in=demo_titles):
        assert item.state == RepostState.REPOSTED and item.handled_by == editor
    assert not RepostItem.objects.get(source=source, title=fresh.title).is_late()
    assert RepostItem.objects.get(source=source, title=old.title).is_late()
    late = set(RepostItem.objects.filter(source=source).late().values_list("title", flat=True))
    assert late == {old.title} | demo_titles

    report = client.get(reverse("syndication_reposts:report")).content.decode()
    late_table = report.split('id="repost-late"', 1)[1]
    assert old.title in late_table and fresh.title not in late_table
    assert all(title in late_table for title in demo_titles)
    assert "超时转载" in late_table and "已超时" in late_table

    # A second click on a handled item changes nothing.
    client.post(reverse("syndication_reposts:action", args=[items[fresh.title].pk, "publish"]))
    assert ArticlePage.objects.child_of(target).filter(title=fresh.title).count() == 1


@pytest.mark.django_db
def test_queue_is_per_column_permission_and_ignoring_needs_a_reason(client, cluster):
    upstream = cluster.province.add_child(instance=ColumnPage(title="国务院信息", kind="news"))
    target = cluster.city.add_child(instance=ColumnPage(title="转载信息", kind="news"))
    source = RepostSource.objects.create(
        column=target, name="中国政府网", upstream_column=upstream,
        since=timezone.now() - datetime.timedelta(days=1),
    )  # fmt: skip
    publish_article(upstream, "国务院常务会议部署稳就业工作")
    poll_source(source)
    item = RepostItem.objects.get()

    stranger = editor_of(cluster.province, "province-editor")  # may not add items to the city's column
    RepostSource.objects.create(
        column=upstream, name="中国政府网", kind=SourceKind.FEED, url="http://x.invalid/"
    )
    client.force_login(stranger)
    assert item.title not in client.get(reverse("syndication_reposts:index")).content.decode()
    assert client.get(reverse("syndication_reposts:detail", args=[item.pk])).status_code == 404
    client.post(reverse("syndication_reposts:action", args=[item.pk, "publish"]))
    item.refresh_from_db()
    assert item.state == RepostState.PENDING

    adder = editor_of(cluster.city, "city-adder", actions=("add",))  # no publish permission
    client.force_login(adder)
    detail = client.get(reverse("syndication_reposts:detail", args=[item.pk])).content.decode()
    assert "转载为草稿" in detail and "转载并发布" not in detail
    client.post(reverse("syndication_reposts:action", args=[item.pk, "publish"]))
    item.refresh_from_db()
    assert item.state == RepostState.PENDING and not ArticlePage.objects.child_of(target).exists()
    response = client.post(reverse("syndication_reposts:action", args=[item.pk, "ignore"]), {"reason": "  "})
    assert response.status_code == 400
    client.post(reverse("syndication_reposts:action", args=[item.pk, "ignore"]), {"reason": "与本地无关"})
    item.refresh_from_db()
    assert (item.state, item.reason, item.is_late()) == (RepostState.IGNORED, "与本地无关", False)


def test_a_date_without_a_time_starts_the_clock_at_the_end_of_that_day():
    published = timezone.make_aware(datetime.datetime(2026, 11, 20))
    assert timeliness.due_at(published, TimePrecision.DATE, 24) == timezone.make_aware(
        datetime.datetime(2026, 11, 22)
    )
    assert timeliness.due_at(published, TimePrecision.DATE, 8) == timezone.make_aware(
        datetime.datetime(2026, 11, 21, 8)
    )
    moment = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 30))
    assert timeliness.due_at(moment, TimePrecision.TIME, 24) == moment + datetime.timedelta(hours=24)


@pytest.mark.django_db
def test_late_boundary_is_strictly_after_the_deadline(cluster):
    target = cluster.city.add_child(instance=ColumnPage(title="转载信息", kind="news"))
    source = RepostSource.objects.create(
        column=target, name="中国政府网", kind=SourceKind.FEED, url="http://x.invalid/"
    )
    due = timezone.now()
    item = RepostItem(source=source, title="t", url="http://x.invalid/1", published_at=due, due_at=due)
    item.state, item.handled_at = RepostState.REPOSTED, due
    assert not item.is_late()
    item.handled_at = due + datetime.timedelta(seconds=1)
    assert item.is_late()
