import pytest

import shared_data
from govsite.indicators.inspection import Identity
from govsite.supervision.extract.identity import extract_identity, identity_problems

REALDATA = shared_data.REALDATA
PAGES = REALDATA / "gov_pages"


def _page(*parts: str) -> str:
    path = PAGES.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"real test data not found at {path}")
    return path.read_text()


# --- real pages --------------------------------------------------------------------------------------


def test_nmg_portal_footer() -> None:
    found = extract_identity(_page("cwce_gov_articles", "d232c5df-4a6a-47f7-8c63-2dd47719ffe7.html"))
    assert found == Identity(
        site_name="内蒙古自治区政府门户网站",
        site_code="1500000001",
        sponsor="内蒙古自治区人民政府办公厅",
        icp_number="蒙ICP备05000248号",
        police_filing_number="蒙公网安备15010502000333号",
        has_search=True,
        has_accessibility=True,  # 无障碍浏览, and the wza toolbar
    )
    assert identity_problems(found) == {}


def test_bynr_footer_shows_malformed_filing_numbers_as_written() -> None:
    found = extract_identity(_page("cwce_gov_articles", "500b350d-d38d-4fb0-9e81-75e0c95e95a8.html"))
    assert found.site_code == "1508000002"
    assert found.sponsor == "巴彦淖尔市人民政府办公室"  # written "…办公室（主办）"
    assert found.icp_number == "蒙ICP备05006530"  # the page omits 号
    assert found.police_filing_number == "15081599004-00001"  # "公安机关备案号：…", not a 公网安备 number
    assert found.has_search and not found.has_accessibility
    assert set(identity_problems(found)) == {"icp_number", "police_filing_number"}


def test_nfra_department_site() -> None:
    found = extract_identity(_page("nfra_rendered", "nfra_article_jinfajuezi_2024_36.rendered.html"))
    assert (found.site_name, found.site_code) == ("国家金融监督管理总局", "bm55000001")
    assert found.icp_number == "京ICP备19014889号"
    assert found.police_filing_number == "京公网安备11010202008000号"
    assert found.has_search  # an input named "search" outside any form
    assert found.has_accessibility
    assert identity_problems(found) == {}


def test_jilin_footer_lives_in_an_iframe_and_a_comment() -> None:
    # Its footer is loaded in an <iframe>; the copy in the page is commented out. Only the meta tag
    # and the error-report script remain, so the ICP number is (correctly) not found here.
    found = extract_identity(_page("cwce_gov_articles", "e8847578-12f0-44cb-bdb7-4eec53c18ed1.html"))
    assert (found.site_code, found.site_name) == ("2200000019", "信息公开专栏")
    assert found.icp_number == "" and found.sponsor == ""


def test_forgery_specimen_claims_a_code_in_meta_only() -> None:
    found = extract_identity(_page("forgery_specimen", "henan_article_copy_hosted_off_gov.html"))
    assert (found.site_code, found.site_name) == ("4500000001", "河南省人民政府")
    assert (found.icp_number, found.police_filing_number, found.sponsor) == ("", "", "")


# --- footers -----------------------------------------------------------------------------------------

OUR_FOOTER = """<html><head><title>首页 - 示范市人民政府</title></head><body>
<header><button type="button" data-toggle-class="care-mode">长者模式</button>
<form class="site-search" action="/search/" role="search"><input id="q" type="search" name="q"></form></header>
<main><p>正文</p></main>
<footer class="site-footer" id="footer"><div class="footer-identity" data-identity>
<p><span>主办单位：示范市人民政府办公室</span><span>承办单位：示范市大数据中心</span><span>联系电话：020-12345678</span></p>
<p><span class="site-code">网站标识码：4401000001</span><span>粤ICP备12345678号-1</span>
<span class="police-filing"><span class="police-badge" aria-hidden="true"></span>粤公网安备 44010402000001号</span></p>
</div></footer></body></html>"""


def test_our_own_footer() -> None:
    assert extract_identity(OUR_FOOTER) == Identity(
        site_name="示范市人民政府",
        site_code="4401000001",
        sponsor="示范市人民政府办公室",
        icp_number="粤ICP备12345678号-1",
        police_filing_number="粤公网安备44010402000001号",
        has_search=True,
        has_accessibility=True,
    )


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        # one line, full-width colons and separators
        (
            "<div class=foot>主办单位：北京市人民政府办公厅｜网站标识码：1100000088｜京ICP备05060933号｜京公网安备 11010502035637号</div>",
            ("1100000088", "北京市人民政府办公厅", "京ICP备05060933号", "京公网安备11010502035637号"),
        ),
        # a table, labels in their own cells, no colon after the code label
        (
            "<table><tr><td>主办：</td><td>国务院办公厅</td></tr><tr><td>网站标识码 bm01000001</td>"
            "<td>京ICP备05070218号</td><td>京公网安备11010202000001号</td></tr></table>",
            ("bm01000001", "国务院办公厅", "京ICP备05070218号", "京公网安备11010202000001号"),
        ),
        # the sponsor after its name, half-width colon, code split from its label by markup
        (
            "<p>某某县人民政府（主办）　某某县融媒体中心（承办）</p><p>政府网站标识码:<b>3301270001</b> "
            "<a href='https://beian.miit.gov.cn/'>浙ICP备 12043567 号</a></p>",
            ("3301270001", "某某县人民政府", "浙ICP备12043567号", ""),
        ),
        # the code and filing shown only as images with alt text
        (
            "<div id=footer><p>主办单位:某某市人民政府</p><img src=code.png alt='网站标识码：3501000014'>"
            "<img src=ga.png alt='闽公网安备 35010202000123号'></div>",
            ("3501000014", "某某市人民政府", "", "闽公网安备35010202000123号"),
        ),
    ],
)
def test_footer_layouts(footer: str, expected: tuple[str, str, str, str]) -> None:
    found = extract_identity(f"<html><body><main>正文</main>{footer}</body></html>")
    assert (found.site_code, found.sponsor, found.icp_number, found.police_filing_number) == expected


def test_an_invalid_code_is_still_returned_and_named_as_a_problem() -> None:
    found = extract_identity("<footer>主办单位：某局 网站标识码：9900000001 京ICP备1234号</footer>")
    assert found.site_code == "9900000001"
    problems = identity_problems(found)
    assert "行政区划" in problems["site_code"]
    assert problems["police_filing_number"] == "未找到公安机关备案号"
    assert found.icp_number == "京ICP备1234号"
    assert problems["icp_number"].startswith("ICP备案号格式")  # too few digits


def test_code_from_the_error_report_widget_when_the_footer_does_not_show_it() -> None:
    html = "<footer>主办单位：某市政府</footer><script id='_jiucuo_' sitecode='3205000001' src='jiucuo.js'></script>"
    assert extract_identity(html).site_code == "3205000001"


def test_visible_text_wins_over_the_meta_tag() -> None:
    html = '<head><meta name="SiteIDCode" content="1100000001"></head><footer>网站标识码：1100000088</footer>'
    assert extract_identity(html).site_code == "1100000088"


def test_comments_and_hidden_copies_do_not_count() -> None:
    html = "<footer><!-- 京ICP备05070218号 --><p style='display:none'>网站标识码：1100000088</p></footer>"
    found = extract_identity(html)
    assert (found.icp_number, found.site_code) == ("", "")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<form action=/s><input name=kw></form>", True),
        ("<div><input type=text placeholder='请输入搜索关键词'></div>", True),
        ("<a href='/search/index.html'>高级搜索</a>", True),
        ("<a href='/so/'>站内搜索</a>", True),
        ("<form action=/login><input type=password name=pw></form>", False),
        ("<form><input type=hidden name=a><button>提交</button></form>", False),
        ("<p>搜索引擎优化不是搜索框</p>", False),
    ],
)
def test_search(html: str, expected: bool) -> None:
    assert extract_identity(html).has_search is expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<a href='/wza/'>无障碍</a>", True),
        ("<a href='javascript:;'>长者模式</a>", True),
        ("<span>适老化</span>", True),
        ("<button>关怀版</button>", True),
        ("<img src=old.png alt='读屏专用'>", True),
        ("<script src='https://www.cniil.com/wza/aria.js?appid=abc'></script>", True),
        ("<a class='toolbarSwitch'>辅助浏览</a>", True),
        ("<p>全市新建无障碍设施120处，适老化改造惠及3000户家庭，进一步提升城市温度。</p>", False),
        ("<p>正文</p>", False),
    ],
)
def test_accessibility_entrance(html: str, expected: bool) -> None:
    assert extract_identity(html).has_accessibility is expected


def test_site_name_from_the_title_when_no_meta() -> None:
    html = "<html><head><title>关于春节放假的通知_某某县人民政府</title></head><body></body></html>"
    assert extract_identity(html).site_name == "某某县人民政府"
    assert extract_identity("<title>某某县人民政府</title>").site_name == "某某县人民政府"


def test_empty_pages_do_not_raise() -> None:
    for html in ("", "<html>", "<<>>", "网站标识码："):
        assert isinstance(extract_identity(html), Identity)
