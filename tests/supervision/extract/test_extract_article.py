import datetime
import json
import re
import time
from difflib import SequenceMatcher

import pytest

import shared_data
from govsite.supervision.extract.article import ArticlePage, extract_article

REALDATA = shared_data.REALDATA
PAGES = REALDATA / "gov_pages"
TODAY = datetime.date(2026, 11, 23)
D = datetime.date


def _page(*parts: str) -> str:
    path = PAGES.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"real test data not found at {path}")
    return path.read_text()


def _labels() -> list[dict]:
    return json.loads(_page("cwce_gov_articles", "labels.json"))


def _overlap(ours: str, reference: str) -> tuple[float, float]:
    """(recall, precision) of characters, whitespace ignored, over the longest common blocks."""
    a, b = re.sub(r"\s+", "", ours), re.sub(r"\s+", "", reference)
    common = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return common / len(b), common / len(a)


def _without_gov_meta(html: str) -> str:
    return re.sub(r"<meta\s+name=[^>]*>", "", html, flags=re.IGNORECASE | re.DOTALL)


# --- three hand-labelled provincial and municipal pages ------------------------------------------------

CWCE = ["500b350d", "d232c5df", "e8847578"]


@pytest.mark.parametrize("prefix", CWCE)
def test_cwce_pages_title_date_and_body(prefix: str) -> None:
    label = next(row for row in _labels() if row["file"].startswith(prefix))
    html = _page("cwce_gov_articles", label["file"])
    page = extract_article(html, "https://www.example.gov.cn/", today=TODAY)
    # The labelled <title> carries the site name after "_"; the page title does not.
    assert page.title == label["html_title"].split("_")[0]
    published = D.fromisoformat(label["meta_tags"]["pubdate"][:10])
    assert page.published == published
    if prefix != "e8847578":
        # Upstream dated Jilin by its 成文日期 (2022-01-27); it was published 2022-01-28.
        assert page.published == D.fromisoformat(label["label_date"][:10])
    cleaned = _page("cwce_gov_articles", label["file"].replace(".html", ".cleaned.txt"))
    recall, precision = _overlap(page.body_text, cleaned)
    assert recall >= 0.8, f"recall {recall:.3f}"
    assert precision >= 0.95, f"precision {precision:.3f}"


def test_bynr_title_drops_the_markup_inside_its_meta_tag() -> None:
    html = _page("cwce_gov_articles", "500b350d-d38d-4fb0-9e81-75e0c95e95a8.html")
    page = extract_article(html, "https://www.bynr.gov.cn/", today=TODAY)
    assert "<div>" in page.meta["ArticleTitle"]  # kept as written, for a rule to report
    assert page.title == "为现代化巴彦淖尔建设凝聚强大智慧和力量——热烈祝贺市政协五届一次会议开幕"
    assert (page.source, page.author) == ("巴彦淖尔日报", "苏亮")
    assert page.meta["SiteIDCode"] == "1508000002"


def test_jilin_page_brings_its_metadata_table_and_signature() -> None:
    html = _page("cwce_gov_articles", "e8847578-12f0-44cb-bdb7-4eec53c18ed1.html")
    page = extract_article(html, "http://xxgk.jl.gov.cn/", today=TODAY)
    assert page.disclosure.doc_no == "吉政明电〔2022〕1号"
    assert (page.written, page.signed, page.published) == (D(2022, 1, 27), D(2022, 1, 27), D(2022, 1, 28))
    assert "索引号" not in page.body_text.replace(" ", "")  # the table is not part of the document
    assert page.body_text.endswith("吉林省人民政府\n2022年1月27日")
    evidence = page.to_evidence()
    assert (evidence.written, evidence.signed, evidence.published) == (
        page.written,
        page.signed,
        page.published,
    )


@pytest.mark.parametrize("prefix", CWCE)
def test_without_meta_tags_the_visible_page_gives_the_same_title_and_date(prefix: str) -> None:
    label = next(row for row in _labels() if row["file"].startswith(prefix))
    html = _without_gov_meta(_page("cwce_gov_articles", label["file"]))
    page = extract_article(html, "https://www.example.gov.cn/", today=TODAY)
    assert page.meta == {}
    assert page.title == label["html_title"].split("_")[0]
    assert page.published == D.fromisoformat(label["meta_tags"]["pubdate"][:10])


# --- nfra.gov.cn, rendered by Angular ------------------------------------------------------------------

NFRA = ["nfra_article_jinfajuezi_2024_36.rendered.html", "nfra_article_zhejinfajuezi_2024_52.rendered.html"]


@pytest.mark.parametrize("name", NFRA)
def test_nfra_meta_tags_and_visible_date(name: str) -> None:
    truth = json.loads(_page("nfra_rendered", "ground_truth.json"))[name]
    page = extract_article(_page("nfra_rendered", name), "https://www.nfra.gov.cn/", today=TODAY)
    assert truth["meta_tags"].items() <= page.meta.items()
    assert page.meta["Author"] == "国家金融监督管理总局"  # a plain <meta name="author">, read too
    assert page.title == truth["meta_tags"]["ArticleTitle"]
    assert page.published == D.fromisoformat(truth["visible_pub_date"])
    assert page.source  # 来源 above the title, not the copyright notice's "注明来源" below
    assert "版权与免责声明" not in page.body_text
    assert "行政处罚" in page.body_text
    # Without the meta tags, the date comes from "发布时间：" on the page.
    bare = extract_article(_without_gov_meta(_page("nfra_rendered", name)), "https://x/", today=TODAY)
    assert bare.published == D.fromisoformat(truth["visible_pub_date"])
    assert bare.title.startswith("国家金融监督管理总局")


def test_nfra_source_is_the_one_next_to_the_title() -> None:
    page = extract_article(_page("nfra_rendered", NFRA[1]), "https://www.nfra.gov.cn/", today=TODAY)
    assert page.source == "浙江监管局"


# --- the forgery specimen ----------------------------------------------------------------------------


def test_forgery_specimen_claims_a_henan_identity() -> None:
    html = _page("forgery_specimen", "henan_article_copy_hosted_off_gov.html")
    page = extract_article(html, "https://mhxqwer.github.io/zyjhenan.gov.cn/", today=TODAY)
    assert page.meta["SiteIDCode"] == "4500000001"
    assert page.meta["Url"] == "https://www.henan.gov.cn/2022/08-11/2559082.html"
    assert page.meta["lastmodifiedtime"] == "2025-06-18 15:48"
    assert page.published == D(2022, 8, 11)
    assert page.title == "在省第十届青年戏剧演员大赛中 许昌市喜获佳绩"
    assert (page.source, page.author) == ("许昌市人民政府", "张家祺")
    assert "2024年参与拍摄" in page.body_text  # the added paragraph: a 2022 article telling of 2024


# --- our own platform's markup -------------------------------------------------------------------------

OURS = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>关于开展2026年冬季安全生产大检查的通知 - 示范市人民政府</title>
<meta name="SiteName" content="示范市人民政府"><meta name="SiteDomain" content="www.example.gov.cn">
<meta name="SiteIDCode" content="4401000001">
<meta name="ArticleTitle" content="关于开展2026年冬季安全生产大检查的通知">
<meta name="PubDate" content="2026-11-20"><meta name="ContentSource" content="市应急管理局">
<meta name="ColumnName" content="通知公告"></head>
<body><header class="site-header"><span class="topbar-date">2026年11月23日 星期一</span>
<form class="site-search" action="/search/"><input type="search" name="q"></form>
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/tzgg/">通知公告</a></li></ul></nav></header>
<main id="main" class="container"><article class="panel article">
{metadata}
<h1 class="article-title">关于开展2026年冬季安全生产大检查的通知</h1>
<p class="article-meta"><span>发布日期：<time datetime="2026-11-20">2026-11-20</time></span>
<span>来源：市应急管理局</span><span>作者：王敏</span>
<span class="article-tools"><a href="print/">打印本页</a></span></p>
<div class="article-body rich-text"><p>各区人民政府，市政府各部门：</p>
<p>为切实做好冬季安全生产工作，防范遏制重特大事故发生，市政府决定开展冬季安全生产大检查。现将有关事项通知如下。</p>
<p>一、检查时间：2026年11月25日至12月31日。</p><p>二、检查范围：全市各类生产经营单位。</p>
<p style="text-align:right">示范市人民政府办公室</p><p style="text-align:right">2026年11月18日</p></div>
</article></main>
<footer class="site-footer"><p><span>主办单位：示范市人民政府办公室</span></p>
<p><span class="site-code">网站标识码：4401000001</span><span>粤ICP备12345678号</span></p></footer>
</body></html>"""

METADATA = """<table class="disclosure-metadata"><caption class="visually-hidden">信息公开元数据</caption><tbody>
<tr><th scope="row">索引号</th><td>11440100MB2C92/2026-00012</td><th scope="row">主题分类</th><td>—</td></tr>
<tr><th scope="row">发布机构</th><td>示范市人民政府办公室</td><th scope="row">成文日期</th><td>2026年11月17日</td></tr>
<tr><th scope="row">标题</th><td colspan="3">关于开展2026年冬季安全生产大检查的通知</td></tr>
<tr><th scope="row">文号</th><td>示府办〔2026〕9号</td><th scope="row">发布日期</th><td>2026年11月20日</td></tr>
<tr><th scope="row">有效性</th><td>现行有效</td><th scope="row">主题词</th><td>—</td></tr></tbody></table>"""


def test_our_own_article_markup() -> None:
    page = extract_article(OURS.format(metadata=""), "https://www.example.gov.cn/tzgg/1/", today=TODAY)
    assert isinstance(page, ArticlePage)
    assert page.title == "关于开展2026年冬季安全生产大检查的通知"
    assert page.published == D(2026, 11, 20)
    assert (page.source, page.author) == ("市应急管理局", "王敏")
    assert page.body_text.startswith("各区人民政府，市政府各部门：\n为切实做好")
    assert page.body_text.endswith("示范市人民政府办公室\n2026年11月18日")
    assert "打印本页" not in page.body_text
    assert page.meta["ColumnName"] == "通知公告"
    assert page.disclosure.is_empty and (page.written, page.signed) == (None, None)


def test_our_own_policy_page_with_its_metadata_table() -> None:
    page = extract_article(OURS.format(metadata=METADATA), "https://www.example.gov.cn/zcwj/9/", today=TODAY)
    assert page.disclosure.doc_no == "示府办〔2026〕9号"
    assert (page.disclosure.subject, page.disclosure.keywords) == ("", "")  # "—" means none
    assert page.disclosure.validity == "现行有效"
    # 成文日期 says 11-17 but the document is signed 11-18: the accuracy rule's evidence.
    assert (page.written, page.signed) == (D(2026, 11, 17), D(2026, 11, 18))
    assert "索引号" not in page.body_text


def test_visible_fallbacks_without_meta_tags() -> None:
    html = _without_gov_meta(OURS.format(metadata=""))
    page = extract_article(html, "https://www.example.gov.cn/tzgg/1/", today=TODAY)
    assert page.title == "关于开展2026年冬季安全生产大检查的通知"
    assert page.published == D(2026, 11, 20)  # 发布日期：, not the topbar's today or the 检查时间
    assert page.source == "市应急管理局"


def test_head_title_without_the_site_name_when_nothing_else_is_there() -> None:
    html = "<html><head><title>关于春节放假的通知_某某县人民政府网</title></head><body><p>正文。</p></body></html>"
    assert extract_article(html, "https://x.gov.cn/", today=TODAY).title == "关于春节放假的通知"
    html = "<html><head><title>一九四九—二〇二六：回顾</title></head><body></body></html>"
    assert extract_article(html, "https://x.gov.cn/", today=TODAY).title == "一九四九—二〇二六：回顾"


def test_an_unlabelled_date_under_the_title_and_a_short_one() -> None:
    html = """<div class="nav"><ul><li><a href="/a">另一条消息标题很长</a><span>11-02</span></li></ul></div>
    <div class="detail"><h2 class="detail-title">区领导调研冬季供暖保障工作</h2><div class="info">[11-21]  浏览次数：35</div>
    <div class="TRS_Editor"><p>11月20日，区领导一行先后来到区热力公司和部分居民小区，实地调研冬季供暖保障工作，看望慰问一线职工。</p></div></div>"""
    page = extract_article(html, "https://x.gov.cn/", today=TODAY)
    assert page.title == "区领导调研冬季供暖保障工作"
    assert page.published == D(2026, 11, 21)


def test_empty_and_broken_pages_do_not_raise() -> None:
    for html in ("", "<html>", "<p>只有一句话</p>", "<<<>>>", "<meta name=PubDate content='无'>"):
        page = extract_article(html, "https://x.gov.cn/", today=TODAY)
        assert page.published is None


def test_time_per_page_on_the_largest_real_page() -> None:
    largest = max((p for p in PAGES.glob("*/*.html")), key=lambda p: p.stat().st_size, default=None)
    if largest is None:
        pytest.skip(f"real test data not found at {PAGES}")
    html = largest.read_text()
    runs = 5
    start = time.perf_counter()
    for _ in range(runs):
        extract_article(html, "https://x/", today=TODAY)
    per_page = (time.perf_counter() - start) / runs
    assert per_page < 0.25, f"{per_page * 1000:.0f} ms for {largest.name} ({len(html)} chars)"
