"""Homepage blocks, column pages, breadcrumbs, and the links a page offers."""

import datetime
import json

import pytest

import shared_data
from govsite.indicators import ColumnKind
from govsite.indicators.inspection import LinkKind
from govsite.supervision.extract.links import LinkSource, extract_links, normalise_url
from govsite.supervision.extract.structure import breadcrumb, column_page, homepage_blocks

REALDATA = shared_data.REALDATA
NFRA = REALDATA / "gov_pages" / "nfra_rendered"
TODAY = datetime.date(2026, 11, 23)
SITE = "http://www.xd.gov.cn/"


def _rows(titles: list[str], dates: list[str], prefix: str) -> str:
    return "".join(
        f'<li><a href="/{prefix}/{i}.html">{t}</a><span>{d}</span></li>'
        for i, (t, d) in enumerate(zip(titles, dates, strict=True))
    )


NEWS = ["市政府召开第十二次常务会议", "全市安全生产工作会议召开", "市长调研重点项目建设情况"]
NOTICES = ["关于做好冬季供暖工作的通知", "关于开展消防安全检查的通告", "关于2026年公务员考录的公告"]

HOMEPAGE = f"""<html><head><title>西地市人民政府</title></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="main">
  <div class="block"><div class="title"><span>政务动态</span><a class="more" href="/zwdt/">更多</a></div>
    <ul>{_rows(NEWS, ["2026-11-20", "2026-11-19", "2026-11-18"], "zwdt")}</ul></div>
  <div class="block"><h3><a href="/tzgg/">通知公告</a></h3>
    <ul>{_rows(NOTICES, ["[11-02]", "[10-28]", "[09-30]"], "tzgg")}</ul></div>
</div>
<div class="links"><h4>友情链接</h4><ul><li><a href="http://www.gov.cn/">中华人民共和国中央人民政府</a></li>
<li><a href="http://www.xd-province.gov.cn/">西地省人民政府门户网站</a></li></ul></div>
</body></html>"""


def test_homepage_blocks_with_kinds_and_more_links() -> None:
    blocks = homepage_blocks(HOMEPAGE, SITE, today=TODAY)
    assert [(b.heading, b.kind, b.more_url) for b in blocks] == [
        ("政务动态", ColumnKind.NEWS, "http://www.xd.gov.cn/zwdt/"),
        ("通知公告", ColumnKind.NOTICE, "http://www.xd.gov.cn/tzgg/"),  # the heading's own link
    ]
    assert [item.published for item in blocks[1].items] == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 10, 28),
        datetime.date(2026, 9, 30),
    ]


COLUMN = f"""<html><head><title>通知公告 - 西地市人民政府</title></head><body>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="left"><h3>热点信息</h3><ul>{_rows(NEWS[:2], ["2026-11-20", "2026-11-19"], "rd")}</ul></div>
<div class="right"><ul class="list">{_rows(NOTICES * 3, ["2026-11-0" + str(i) for i in range(1, 10)], "tzgg")}</ul>
<div class="page">共3页 <a href="index_1.html">下一页</a></div></div>
<script>createPageHTML(3, 0, "index", "html");</script></body></html>"""


def test_column_page_name_main_list_and_paging() -> None:
    facts = column_page(COLUMN, "http://www.xd.gov.cn/tzgg/index.html", today=TODAY)
    assert facts.name == "通知公告" and facts.kind is ColumnKind.NOTICE
    assert facts.breadcrumb == ["政务公开", "通知公告"]
    assert len(facts.items) == 9  # the main list, not the two sidebar items
    assert facts.pagination.next_url == "http://www.xd.gov.cn/tzgg/index_1.html"
    assert facts.pagination.total_pages == 3
    assert facts.pagination.page_urls == (
        "http://www.xd.gov.cn/tzgg/index_1.html",
        "http://www.xd.gov.cn/tzgg/index_2.html",
    )


def test_column_name_falls_back_to_the_page_title() -> None:
    html = f"<html><head><title>工作动态_西地市发展和改革委员会</title></head><body><ul>{_rows(NEWS, ['2026-11-01'] * 3, 'a')}</ul></body></html>"
    facts = column_page(html, "http://www.xd.gov.cn/gzdt/", today=TODAY)
    assert (facts.name, facts.kind) == ("工作动态", ColumnKind.NEWS)


def test_empty_column_page() -> None:
    html = "<html><head><title>人事任免</title></head><body><div class='crumb'><a href='/'>首页</a>/人事任免</div><p>暂无信息</p></body></html>"
    facts = column_page(html, "http://www.xd.gov.cn/rsrm/", today=TODAY)
    assert (facts.name, facts.kind, facts.items) == ("人事任免", ColumnKind.PERSONNEL, [])


@pytest.mark.parametrize(
    "page",
    ["nfra_article_jinfajuezi_2024_36.rendered.html", "nfra_article_zhejinfajuezi_2024_52.rendered.html"],
)
def test_real_breadcrumbs(page: str) -> None:
    truth_path = NFRA / "ground_truth.json"
    if not truth_path.is_file():
        pytest.skip(f"real test data not found at {truth_path}")
    truth = json.loads(truth_path.read_text())[page]
    assert breadcrumb((NFRA / page).read_text()) == truth["breadcrumb"]


# --- links -----------------------------------------------------------------------------------------


def test_normalise_url() -> None:
    base = "http://WWW.xd.gov.cn:80/zwgk/tzgg/index.html"
    assert normalise_url("../zcwj/./a.html#p2", base) == "http://www.xd.gov.cn/zwgk/zcwj/a.html"
    assert normalise_url("https://www.xd.gov.cn:443/", base) == "https://www.xd.gov.cn/"
    assert normalise_url("http://www.xd.gov.cn:8080/a", base) == "http://www.xd.gov.cn:8080/a"
    assert normalise_url("/../../x.html", base) == "http://www.xd.gov.cn/x.html"
    assert normalise_url("?page=2", base) == "http://www.xd.gov.cn/zwgk/tzgg/index.html?page=2"
    for not_a_link in (
        "javascript:void(0)",
        "#",
        "#top",
        "mailto:a@xd.gov.cn",
        "tel:12345",
        "{{x.docId}}",
        "",
        "ftp://x",
    ):
        assert normalise_url(not_a_link, base) is None


def test_extract_links_kinds_sources_and_hidden() -> None:
    html = """<html><head><link rel="stylesheet" href="/css/main.css"><base href="http://www.xd.gov.cn/zwgk/"></head><body>
    <a href="a.html">通知</a><a href="files/表格.DOCX">申请表</a><a href="/down.jsp?filename=x.xls">下载</a>
    <a href="javascript:void(0)" onclick="window.open('/letter/1.html')">写信</a>
    <div onclick="location.href='/map.html'">地图</div>
    <img src="/img/logo.png" alt="标志"><map><area href="/area.html" alt="区域"></map>
    <iframe src="/frame.html"></iframe>
    <div style="display: none"><a href="http://spam.example/">博彩</a></div><p hidden><a href="/h.html">x</a></p>
    <a href="/docs/{{x.docId}}.html">模板</a><a href="mailto:a@b.cn">邮件</a><a href="#top">顶部</a>
    </body></html>"""
    links = {link.url: link for link in extract_links(html, "http://www.xd.gov.cn/index.html")}
    assert links["http://www.xd.gov.cn/zwgk/a.html"].kind is LinkKind.PAGE
    assert links["http://www.xd.gov.cn/zwgk/a.html"].is_page
    assert links["http://www.xd.gov.cn/zwgk/files/表格.DOCX"].kind is LinkKind.ATTACHMENT
    assert links["http://www.xd.gov.cn/down.jsp?filename=x.xls"].kind is LinkKind.ATTACHMENT
    assert links["http://www.xd.gov.cn/letter/1.html"].source is LinkSource.SCRIPT
    assert links["http://www.xd.gov.cn/letter/1.html"].text == "写信"
    assert links["http://www.xd.gov.cn/map.html"].is_page
    assert links["http://www.xd.gov.cn/img/logo.png"].kind is LinkKind.IMAGE
    assert links["http://www.xd.gov.cn/area.html"].source is LinkSource.AREA
    assert not links["http://www.xd.gov.cn/frame.html"].is_page
    assert not links["http://www.xd.gov.cn/css/main.css"].is_page
    assert links["http://spam.example/"].hidden and links["http://www.xd.gov.cn/h.html"].hidden
    assert not links["http://www.xd.gov.cn/zwgk/a.html"].hidden
    assert not any("{{" in url or "mailto" in url for url in links)
    assert len(links) == 11
