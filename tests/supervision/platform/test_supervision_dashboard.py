"""监管概览, run reports and batches: figures read from stored runs, never recomputed."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence, SiteEvidence, evaluate, load_ruleset
from govsite.indicators.inspection import ChannelEvidence, ChannelKind, LinkEvidence, LinkProblem
from govsite.supervision import dashboard, service
from govsite.supervision.inspect import InspectionResult
from govsite.supervision.models import InspectionBatch, InspectionRun, MonitoredSite

TODAY = datetime.date(2026, 11, 20)


def evidence(url: str, *, broken: int = 0, stale: bool = False, reachable: bool = True) -> SiteEvidence:
    """A site as the crawler would describe it: fresh, with broken homepage links, or stale (two vetoes)."""
    age = 40 if stale else 0
    items = tuple(
        ItemEvidence(f"要闻{i}", f"{url}a{i}.html", TODAY - datetime.timedelta(days=age + i))
        for i in range(5)
    )
    columns = [ColumnEvidence.from_items(f"c{i}", f"工作动态{i}", ColumnKind.NEWS, items) for i in range(3)]
    if stale:
        old = [ItemEvidence("旧通知", "", datetime.date(2025, 1, 1))]
        columns += [
            ColumnEvidence.from_items(f"n{i}", f"通知公告{i}", ColumnKind.NOTICE, old) for i in range(6)
        ]
    links = tuple(
        LinkEvidence(f"{url}dead{i}.html", (url,), LinkProblem.HTTP_CLIENT_ERROR, 404, on_homepage=True)
        for i in range(broken)
    )
    if not reachable:
        return SiteEvidence(
            url=url, checked_at=datetime.datetime(2026, 11, 20, 2, tzinfo=datetime.UTC), reachable=False
        )
    return SiteEvidence(url=url, checked_at=datetime.datetime(2026, 11, 20, 2, tzinfo=datetime.UTC),
                        homepage_items=items, columns=tuple(columns), links=links, offers_services=True,
                        channels=(ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, f"{url}xx/"),),
                        pages_fetched=30)  # fmt: skip


def result(url: str, **kwargs) -> InspectionResult:
    site_evidence = evidence(url, **kwargs)
    return InspectionResult(site_evidence, evaluate(site_evidence, TODAY, load_ruleset("gov2019")))


def stored_run(site: MonitoredSite, batch: InspectionBatch | None = None, **kwargs) -> InspectionRun:
    """A run stored the way a finished task stores it."""
    run = InspectionRun.objects.create(
        site=site, batch=batch, check_date=batch.check_date if batch else TODAY
    )
    inspected = result(site.url, **kwargs)
    return service.store_verdict(run.pk, inspected.verdict.to_dict(), pages_fetched=inspected.evidence.pages_fetched,
                                 reachable=inspected.evidence.reachable)  # fmt: skip


def site(name: str, **fields) -> MonitoredSite:
    return MonitoredSite.objects.create(
        name=name, url=f"http://s{MonitoredSite.objects.count()}.gov.cn/", **fields
    )


@pytest.fixture
def cluster(db) -> dict[str, object]:
    """Two batches. In the latest: 甲 95 分, 乙 92 分, 丙 vetoed twice, 丁 unreachable; 戊 has no run yet and
    己 is no longer monitored. In the earlier batch 甲 had failed."""
    sites = {name: site(name) for name in ["甲市政府", "乙县政府", "丙区政府", "丁镇政府", "戊乡政府"]}
    sites["己局"] = site("己局", active=False)
    earlier = InspectionBatch.objects.create(name="2026年第三季度抽查", check_date=datetime.date(2026, 8, 20))
    stored_run(sites["甲市政府"], earlier, stale=True)
    stored_run(sites["乙县政府"], earlier)
    latest = InspectionBatch.objects.create(name="2026年第四季度抽查", check_date=TODAY)
    stored_run(sites["甲市政府"], latest)
    stored_run(sites["乙县政府"], latest, broken=3)
    stored_run(sites["丙区政府"], latest, stale=True)
    stored_run(sites["丁镇政府"], latest, reachable=False)
    InspectionRun.objects.create(site=sites["戊乡政府"], batch=latest, check_date=TODAY)  # still queued
    stored_run(sites["己局"], latest, stale=True)
    return {"sites": sites, "earlier": earlier, "latest": latest}


def test_overview_counts_unreachable_apart_and_ranks_vetoed_last(cluster):
    overview = dashboard.overview()
    assert (overview.sites, overview.inspected, overview.passed, overview.failed) == (5, 3, 2, 1)
    assert (overview.unreachable, overview.awaiting) == (1, 1)
    assert overview.pass_rate == pytest.approx(2 / 3) and overview.pass_rate_text == "66.7%"
    names = [row.site.name for row in overview.ranking]
    assert names == ["甲市政府", "乙县政府", "丙区政府", "丁镇政府"]
    assert [row.rank for row in overview.ranking] == [1, 2, 3, None]
    assert [row.outcome for row in overview.ranking] == ["合格", "合格", "不合格", "无法检查"]
    assert overview.ranking[2].vetoes == ("首页不更新", "栏目不更新")
    assert [(item.rule, item.title, item.sites) for item in overview.veto_counts] == [
        ("homepage_not_updated", "首页不更新", 1),
        ("columns_not_updated", "栏目不更新", 1),
    ]


def test_overview_of_one_batch_uses_that_batch_only(cluster):
    overview = dashboard.overview(cluster["earlier"])
    assert (overview.sites, overview.inspected, overview.passed, overview.failed) == (2, 2, 1, 1)
    assert [row.site.name for row in overview.ranking] == ["乙县政府", "甲市政府"]


def test_trend_per_batch_and_per_month(cluster):
    by_batch = dashboard.trend_by_batch()
    assert [(point.inspected, point.passed) for point in by_batch] == [(2, 1), (3, 2)]  # 己局 left out
    assert by_batch[-1].title.startswith("2026年第四季度抽查")
    by_month = dashboard.trend_by_month()
    assert [(point.title, point.inspected, point.passed) for point in by_month] == [
        ("2026年8月", 2, 1),
        ("2026年11月", 3, 2),
    ]
    chart = dashboard.line_chart(by_month)
    assert len(chart.points) == 2 and chart.points[0].rate == "50.0%"
    assert chart.points[1].y < chart.points[0].y  # a higher rate is drawn higher


def test_dashboard_page_shows_figures_chart_and_ranking(admin_client, cluster):
    html = admin_client.get("/admin/supervision/").content.decode()
    assert 'data-figure="pass-rate">66.7%<' in html
    assert 'data-figure="unreachable">1<' in html
    assert '<svg class="supervision-trend"' in html and "<polyline" in html
    ranking = html[html.index('id="supervision-ranking"') :]
    assert (
        ranking.index("甲市政府")
        < ranking.index("乙县政府")
        < ranking.index("丙区政府")
        < ranking.index("丁镇政府")
    )
    assert "首页不更新、栏目不更新" in ranking
    assert "己局" not in ranking
    by_month = admin_client.get("/admin/supervision/", {"trend": "month"}).content.decode()
    assert "2026年8月" in by_month
    earlier = admin_client.get("/admin/supervision/", {"batch": cluster["earlier"].pk}).content.decode()
    assert 'data-figure="pass-rate">50.0%<' in earlier


def test_menu_group_starts_with_the_overview(rf, admin_user):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = admin_user
    group = next(item for item in admin_menu.menu_items_for_request(request) if item.label == "网站监管")
    items = sorted(group.menu.menu_items_for_request(request), key=lambda item: item.order)
    assert [str(item.label) for item in items][:3] == ["监管概览", "监测网站", "检查批次"]
    assert items[0].url == "/admin/supervision/"


def menu_labels(user, rf) -> list[str]:
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = user
    labels = []
    for item in admin_menu.menu_items_for_request(request):
        labels.append(str(item.label))
        if hasattr(item, "menu"):
            labels += [str(sub.label) for sub in item.menu.menu_items_for_request(request)]
    return labels


def test_supervision_needs_its_permission(client, rf, django_user_model, cluster):
    user = django_user_model.objects.create_user("editor", password="pw")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    client.force_login(user)
    run = cluster["latest"].runs.filter(status="done").first()
    for url in ["/admin/supervision/", f"/admin/supervision/runs/{run.pk}/report.json",
                f"/admin/supervision/batches/{cluster['latest'].pk}/bulletin/"]:  # fmt: skip
        response = client.get(url)  # Wagtail turns the refusal into a redirect home with a message
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    home = client.get("/admin/").content.decode()
    assert 'id="supervision-summary-content"' not in home
    assert "监管概览" not in menu_labels(user, rf)
    editors.permissions.add(Permission.objects.get(codename="view_inspectionrun"))
    user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
    client.force_login(user)
    assert client.get("/admin/supervision/").status_code == 200
    assert 'id="supervision-summary-content"' in client.get("/admin/").content.decode()
    assert "监管概览" in menu_labels(user, rf)


def test_admin_home_panel_shows_pass_rate_and_overdue(admin_client, cluster):
    html = admin_client.get("/admin/").content.decode()
    panel = html[html.index('id="supervision-summary-content"') :]
    assert "66.7%" in panel and "无逾期整改" in panel


def test_run_detail_and_downloads(admin_client, cluster):
    run = cluster["latest"].runs.get(site__name="丙区政府")
    html = admin_client.get(f"/admin/supervision/runs/{run.pk}/").content.decode()
    assert 'id="run-outcome">不合格<' in html
    assert "首页不更新" in html and "<details>" in html and "生成整改任务" in html
    assert "15 个工作日（已按法定节假日和调休计算）" in html
    response = admin_client.get(f"/admin/supervision/runs/{run.pk}/report.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["outcome"] == "不合格" and data["site"]["name"] == "丙区政府"
    assert data["verdict"] == {**run.verdict, "findings": data["verdict"]["findings"]}
    assert [finding["title"] for finding in data["verdict"]["findings"]][:2] == ["首页不更新", "栏目不更新"]
    book = load_workbook(
        io.BytesIO(admin_client.get(f"/admin/supervision/runs/{run.pk}/report.xlsx").content)
    )
    overview = list(book["概览"].iter_rows(values_only=True))
    assert (
        overview[1][0] == "丙区政府"
        and overview[1][4] == "不合格"
        and overview[1][6] == "首页不更新、栏目不更新"
    )
    unreachable = cluster["latest"].runs.get(site__name="丁镇政府")
    assert (
        json.loads(admin_client.get(f"/admin/supervision/runs/{unreachable.pk}/report.json").content)[
            "outcome"
        ]
        == "无法检查"
    )
    queued = cluster["latest"].runs.get(site__name="戊乡政府")
    assert admin_client.get(f"/admin/supervision/runs/{queued.pk}/report.json").status_code == 404
    assert admin_client.get(f"/admin/supervision/runs/{queued.pk}/").status_code == 200


def test_run_listing_opens_the_report_and_filters_by_batch(admin_client, cluster):
    run = cluster["latest"].runs.get(site__name="丙区政府")
    html = admin_client.get("/admin/inspection_runs/").content.decode()
    assert f"/admin/supervision/runs/{run.pk}/" in html and "检查批次" in html
    earlier = admin_client.get("/admin/inspection_runs/", {"batch": cluster["earlier"].pk}).content.decode()
    assert f"/admin/supervision/runs/{run.pk}/" not in earlier
    assert earlier.count("/admin/supervision/runs/") == 2


@pytest.fixture
def fake_inspector(monkeypatch):
    """No network: every inspected site is fresh, except those whose URL the test lists as stale."""
    stale: set[str] = set()

    def inspect_site(url: str, **options) -> InspectionResult:
        return result(url, stale=url in stale)

    monkeypatch.setattr("govsite.supervision.inspect.inspect_site", inspect_site)
    return stale


def test_new_batch_from_the_site_listing_runs_every_ticked_site(admin_client, cluster, fake_inspector):
    listing = admin_client.get("/admin/monitored_sites/").content.decode()
    assert "/admin/inspection_batches/new/" in listing and "新建检查批次" in listing
    form = admin_client.get("/admin/inspection_batches/new/").content.decode()
    active = MonitoredSite.objects.filter(active=True)
    assert all(f'value="{monitored.pk}"' in form for monitored in active)
    chosen = list(active.values_list("pk", flat=True)[:2])
    response = admin_client.post(
        "/admin/inspection_batches/new/",
        {"name": "专项检查", "check_date": "2026-11-21", "sites": chosen},
        follow=True,
    )
    batch = InspectionBatch.objects.get(name="专项检查")
    assert batch.runs.count() == 2 and set(batch.runs.values_list("status", flat=True)) == {"done"}
    assert batch.created_by.is_superuser
    html = response.content.decode()
    assert "专项检查" in html and "2/2" in html


def test_batch_listing_shows_progress_and_resumes_unfinished_runs(admin_client, cluster, fake_inspector):
    latest = cluster["latest"]
    html = admin_client.get("/admin/inspection_batches/").content.decode()
    assert "5/6" in html and "继续未完成" in html
    confirm = admin_client.get(f"/admin/supervision/batches/{latest.pk}/resume/").content.decode()
    assert "1 个网站" in confirm
    admin_client.post(f"/admin/supervision/batches/{latest.pk}/resume/")
    assert latest.runs.get(site__name="戊乡政府").status == "done"
    assert "6/6" in admin_client.get("/admin/inspection_batches/").content.decode()
