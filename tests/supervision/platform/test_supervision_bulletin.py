"""通报: the official-style result of a batch, as an admin page, a Word document and a workbook."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence, SiteEvidence, evaluate, load_ruleset
from govsite.indicators.inspection import ChannelEvidence, ChannelKind, LinkEvidence, LinkProblem
from govsite.supervision import bulletin, service
from govsite.supervision.models import InspectionBatch, InspectionRun, MonitoredSite

TODAY = datetime.date(2026, 11, 20)


def store(
    batch: InspectionBatch,
    name: str,
    *,
    stale=False,
    broken=0,
    reachable=True,
    pass_line: float | None = None,
) -> InspectionRun:
    """A run stored as a finished task stores it; `pass_line` judges by a province's stricter edition."""
    site = MonitoredSite.objects.create(name=name, url=f"http://s{MonitoredSite.objects.count()}.gov.cn/")
    checked_at = datetime.datetime(2026, 11, 20, 2, tzinfo=datetime.UTC)
    if reachable:
        age = 40 if stale else 0
        items = tuple(
            ItemEvidence(f"要闻{i}", "", TODAY - datetime.timedelta(days=age + i)) for i in range(5)
        )
        columns = [ColumnEvidence.from_items("news", "工作动态", ColumnKind.NEWS, items)]
        if stale:
            old = [ItemEvidence("旧通知", "", datetime.date(2025, 1, 1))]
            columns += [
                ColumnEvidence.from_items(f"n{i}", f"通知{i}", ColumnKind.NOTICE, old) for i in range(6)
            ]
        links = tuple(
            LinkEvidence(
                f"{site.url}dead{i}.html", (site.url,), LinkProblem.HTTP_CLIENT_ERROR, 404, on_homepage=True
            )
            for i in range(broken)
        )
        evidence = SiteEvidence(url=site.url, checked_at=checked_at, homepage_items=items, columns=tuple(columns),
                                links=links, offers_services=True, pages_fetched=20,
                                channels=(ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, f"{site.url}x/"),))  # fmt: skip
    else:
        evidence = SiteEvidence(url=site.url, checked_at=checked_at, reachable=False)
    run = InspectionRun.objects.create(site=site, batch=batch, check_date=batch.check_date)
    ruleset = load_ruleset("gov2019")
    if pass_line is not None:
        ruleset = ruleset.tightened(scoring={"pass_line": pass_line})
    verdict = evaluate(evidence, TODAY, ruleset).to_dict()
    return service.store_verdict(run.pk, verdict, pages_fetched=evidence.pages_fetched, reachable=reachable)


@pytest.fixture
def batch(db) -> InspectionBatch:
    """Five sites: two pass, one is vetoed, one scores below a stricter pass line, one cannot be reached."""
    batch = InspectionBatch.objects.create(name="2026年第四季度抽查", check_date=TODAY)
    store(batch, "甲市人民政府")
    store(batch, "乙县人民政府", broken=2)
    store(batch, "丙区人民政府", stale=True)
    store(batch, "丁县卫生健康局", broken=3, pass_line=95)
    store(batch, "戊镇人民政府", reachable=False)
    return batch


def test_bulletin_names_the_failed_sites_and_the_pass_rate(batch):
    result = bulletin.build_bulletin(batch, issued=datetime.date(2026, 11, 25))
    assert result.title == "关于2026年第四季度政府网站抽查情况的通报"
    assert (result.sites, result.inspected, result.passed, result.failed) == (5, 4, 2, 2)
    assert result.pass_rate_text == "50.0%"
    assert (
        "对5家政府网站开展抽查" in result.overview
        and "合格2家，不合格2家，总体合格率为50.0%" in result.overview
    )
    assert "另有1家网站检查时无法访问" in result.overview
    failed = {site.name: site for site in result.failed_sites}
    assert set(failed) == {"丙区人民政府", "丁县卫生健康局"}
    assert (
        failed["丙区人民政府"].vetoes == ("首页不更新", "栏目不更新") and failed["丙区人民政府"].score is None
    )
    assert failed["丙区人民政府"].problems[0].startswith("网站不更新")
    assert failed["丁县卫生健康局"].vetoes == () and failed["丁县卫生健康局"].score == 92
    assert any(problem.startswith("链接不可用") for problem in failed["丁县卫生健康局"].problems)
    assert result.unreachable == ("戊镇人民政府",)
    common = {problem.title: problem.sites for problem in result.common_problems}
    assert common["首页信息更新量"] == 4 and common["链接可用性"] == 2 and "首页不更新" not in common
    assert result.deadline == datetime.date(2026, 12, 16)
    assert "2026年12月16日前完成整改" in result.requirement
    text = bulletin.render_text(result)
    assert "丙区人民政府" in text and "50.0%" in text and "三、共性问题" in text


def test_titles_follow_the_quarter_and_the_kind(db):
    census = InspectionBatch.objects.create(name="2027年普查", check_date=datetime.date(2027, 2, 3))
    assert bulletin.default_title(census) == "关于2027年第一季度政府网站普查情况的通报"


def test_bulletin_page_and_downloads(admin_client, batch):
    url = f"/admin/supervision/batches/{batch.pk}/bulletin/"
    html = admin_client.get(url).content.decode()
    assert "关于2026年第四季度政府网站抽查情况的通报" in html
    assert "丙区人民政府" in html and "丁县卫生健康局" in html and "50.0%" in html
    assert "甲市人民政府" not in html.split('id="bulletin-failed"')[1].split("</table>")[0]
    custom = admin_client.get(url, {"title": "关于全市政府网站专项检查情况的通报", "deadline": "2027-01-10"})
    page = custom.content.decode()
    assert "关于全市政府网站专项检查情况的通报" in page and "2027年1月10日前完成整改" in page
    assert "bulletin.docx?title=" in page

    response = admin_client.get(
        f"/admin/supervision/batches/{batch.pk}/bulletin.docx", {"deadline": "2027-01-10"}
    )
    assert response["Content-Disposition"].startswith("attachment")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert document.paragraphs[0].text == "关于2026年第四季度政府网站抽查情况的通报"
    assert "总体合格率为50.0%" in text and "2027年1月10日前完成整改" in text
    table = document.tables[0]
    assert [row.cells[1].text for row in table.rows] == ["网站名称", "丙区人民政府", "丁县卫生健康局"]
    assert table.rows[1].cells[3].text == "首页不更新、栏目不更新"

    book = load_workbook(
        io.BytesIO(admin_client.get(f"/admin/supervision/batches/{batch.pk}/report.xlsx").content)
    )
    rows = {row[0]: row for row in book["概览"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"甲市人民政府", "乙县人民政府", "丙区人民政府", "丁县卫生健康局", "戊镇人民政府"}
    assert rows["丙区人民政府"][4] == "不合格" and rows["戊镇人民政府"][4] == "无法检查"
    assert book["问题清单"].max_row > 5


def test_batch_listing_links_to_the_bulletin(admin_client, batch):
    html = admin_client.get("/admin/inspection_batches/").content.decode()
    assert f"/admin/supervision/batches/{batch.pk}/bulletin/" in html and "5/5" in html and "50.0%" in html
