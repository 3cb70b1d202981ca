"""Lists of items on a page: real nfra.gov.cn pages against their ground truth, then common layouts."""

import datetime
import json
import time
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shared_data
from govsite.supervision.extract.lists import (
    ItemList,
    find_item_lists,
    find_pagination,
    is_navigation_only,
)

REALDATA = shared_data.REALDATA
NFRA = REALDATA / "gov_pages" / "nfra_rendered"
NFRA_URL = "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1170162&itemId=4113"
NFRA_DAY = datetime.date(2025, 7, 3)
TODAY = datetime.date(2026, 11, 23)

# Ground-truth lists that are no item lists by design: the top navigation (4-character column
# names), the leaders' names, and a picture link without any title.
NOT_ITEM_LISTS = {"navItems", "nav_huilingdao_div_other", "xinwenfabu"}


def _nfra_truth() -> dict:
    path = NFRA / "ground_truth.json"
    if not path.is_file():
        pytest.skip(f"real test data not found at {path}")
    return json.loads(path.read_text())


def _nfra_lists(name: str) -> list[ItemList]:
    return find_item_lists((NFRA / name).read_text(), NFRA_URL, today=NFRA_DAY)


def _owner(lists: list[ItemList], href: str | None, title: str | None) -> int | None:
    """Index of the list holding the item: by href, or by title where nfra shows a different link
    than the hidden template copy the ground truth read (two 国新办 items link to scio.gov.cn)."""
    url = urljoin(NFRA_URL, href).split("#")[0] if href else None
    for index, found in enumerate(lists):
        if any(item.url == url for item in found.items):
            return index
    squashed = " ".join((title or "").split())
    for index, found in enumerate(lists):
        if squashed and any(" ".join(item.title.split()) == squashed for item in found.items):
            return index
    return None


@pytest.mark.parametrize(
    "page",
    ["nfra_article_jinfajuezi_2024_36.rendered.html", "nfra_article_zhejinfajuezi_2024_52.rendered.html"],
)
def test_nfra_in_page_lists_are_found_whole_and_once(page: str) -> None:
    truth = _nfra_truth()[page]["in_page_lists"]
    lists = _nfra_lists(page)
    expected = matched = 0
    for name, items in truth.items():
        if name in NOT_ITEM_LISTS:
            continue
        titled = [item for item in items if len((item["title"] or "").strip()) >= 6]
        owners = {_owner(lists, item["href"], item["title"]) for item in titled}
        expected += len(titled)
        matched += sum(1 for item in titled if _owner(lists, item["href"], item["title"]) is not None)
        assert None not in owners, f"{name}: items not found"
        assert len(owners) == 1, f"{name}: items split over several lists"
        found = lists[owners.pop()]
        assert len(found.items) == len(titled), f"{name}: {len(found.items)} items, expected {len(titled)}"
    # 102 ground-truth items less 7 navigation links, 5 names, 1 picture and 法治宣传 (4 characters).
    assert matched == expected == 88


def test_nfra_hidden_twins_are_not_counted() -> None:
    _nfra_truth()
    lists = _nfra_lists("nfra_article_jinfajuezi_2024_36.rendered.html")
    for found in lists:
        keys = [(item.url, item.title) for item in found.items]
        assert len(keys) == len(set(keys)), found.heading


def test_nfra_leave_a_message_dates_and_headings() -> None:
    truth = _nfra_truth()["nfra_article_jinfajuezi_2024_36.rendered.html"]["in_page_lists"]
    lists = _nfra_lists("nfra_article_jinfajuezi_2024_36.rendered.html")
    by_heading = {found.heading: found for found in lists}
    messages = by_heading["政务咨询"]  # the 留言选登 panel sits under the 政务咨询 tab
    assert [(item.title, item.published) for item in messages.items] == [
        (item["title"], datetime.date.fromisoformat(item["date"]))
        for item in truth["nav_liuyanxuandeng_list"]
    ]
    assert messages.more_url.endswith("itemUrl=hudongjiaoliu/woyaozixun.html&itemName=我要咨询")
    # Headings come from the tab that names each panel.
    for heading in (
        "监管动态",
        "领导活动及讲话",
        "新闻发言人",
        "政策解读",
        "公告通知",
        "人事信息",
        "征求意见",
        "统计信息",
    ):
        assert heading in by_heading
    assert [item.title for item in by_heading["新闻发言人"].items] == ["新闻发言人名单"]  # a list of one


def test_largest_real_page_is_read_in_milliseconds() -> None:
    _nfra_truth()
    html = (NFRA / "nfra_article_jinfajuezi_2024_36.rendered.html").read_text()  # 383 KB
    find_item_lists(html, NFRA_URL, today=NFRA_DAY)
    runs = 10
    start = time.perf_counter()
    for _ in range(runs):
        find_item_lists(html, NFRA_URL, today=NFRA_DAY)
    per_page = (time.perf_counter() - start) / runs
    assert per_page < 0.1, f"{per_page * 1000:.1f} ms per page"  # measured ~10 ms; the bound allows slow CI


# --- layouts ---------------------------------------------------------------------------------------

NEWS = [
    "市政府召开第十二次常务会议",
    "全市安全生产工作会议召开",
    "关于做好冬季供暖工作的通知",
    "市长调研重点项目建设情况",
]


def _page(body: str) -> str:
    return f"<html><head><title>西地市人民政府</title></head><body>{body}</body></html>"


def _only(html: str) -> ItemList:
    lists = find_item_lists(html, "http://www.xd.gov.cn/", today=TODAY)
    assert len(lists) == 1, [found.heading for found in lists]
    return lists[0]


def test_ul_with_dates_heading_and_more_link() -> None:
    rows = "".join(
        f'<li><a href="/art/{i}.html">{t}</a><span>2026-11-{20 - i:02d}</span></li>'
        for i, t in enumerate(NEWS)
    )
    found = _only(
        _page(
            f'<div class="box"><div class="hd"><h3>政务动态</h3><a href="/zwdt/">更多>></a></div><ul>{rows}</ul></div>'
        )
    )
    assert found.heading == "政务动态"
    assert found.more_url == "http://www.xd.gov.cn/zwdt/"
    assert [item.title for item in found.items] == NEWS
    assert [item.published for item in found.items] == [datetime.date(2026, 11, 20 - i) for i in range(4)]
    assert found.items[1].url == "http://www.xd.gov.cn/art/1.html"


def test_table_rows_short_dates_and_a_date_in_the_title() -> None:
    rows = "".join(
        f'<tr><td>{i + 1}</td><td><a href="t{i}.html">{t}</a></td><td>[11-{10 + i}]</td></tr>'
        for i, t in enumerate(NEWS)
    )
    rows += (
        '<tr><td>5</td><td><a href="t9.html">关于2026年12月31日前完成年报的通知</a></td><td>[10-02]</td></tr>'
    )
    found = _only(_page(f"<h2>通知公告</h2><table>{rows}</table>"))
    assert found.heading == "通知公告"
    assert [item.published for item in found.items][-2:] == [
        datetime.date(2026, 11, 13),
        datetime.date(2026, 10, 2),
    ]
    assert found.items[0].url == "http://www.xd.gov.cn/t0.html"


def test_div_rows_and_cut_titles_read_from_the_title_attribute() -> None:
    full = "关于印发西地市二〇二六年度重点工作任务分解方案的通知"
    rows = "".join(
        f'<div class="row"><a href="/a{i}" title="{t}">{t}</a><em>2026年11月{i + 1}日</em></div>'
        for i, t in enumerate(NEWS)
    )
    rows += f'<div class="row"><a href="/a9" title="{full}">关于印发西地市二〇二六…</a><em>2026年11月9日</em></div>'
    found = _only(_page(f'<div class="list">{rows}</div>'))
    assert found.items[-1].title == full
    assert found.items[-1].published == datetime.date(2026, 11, 9)


def test_links_that_wrap_their_date() -> None:
    rows = "".join(
        f'<li><a href="/w{i}"><span class="t">{t}</span><span class="d">2026-11-0{i + 1}</span></a></li>'
        for i, t in enumerate(NEWS)
    )
    found = _only(_page(f"<ul>{rows}</ul>"))
    assert [(item.title, item.published) for item in found.items] == [
        (t, datetime.date(2026, 11, i + 1)) for i, t in enumerate(NEWS)
    ]


def test_definition_list_with_the_date_in_the_term() -> None:
    rows = "".join(f'<dt>11-{10 + i:02d}</dt><dd><a href="/d{i}">{t}</a></dd>' for i, t in enumerate(NEWS))
    found = _only(_page(f"<dl>{rows}</dl>"))
    assert [item.published for item in found.items] == [datetime.date(2026, 11, 10 + i) for i in range(4)]


def test_hidden_tab_panel_is_kept_and_marked() -> None:
    panel = "".join(
        f'<li><a href="/p{i}">{t}</a><span>2026-11-0{i + 1}</span></li>' for i, t in enumerate(NEWS)
    )
    other = "".join(
        f'<li><a href="/q{i}">{t}（二）</a><span>2026-10-0{i + 1}</span></li>' for i, t in enumerate(NEWS)
    )
    html = _page(
        '<div class="tab"><ul class="tab-hd"><li>工作动态</li><li>通知公告</li></ul>'
        f'<div class="tab-bd"><ul class="con">{panel}</ul><ul class="con" style="display:none">{other}</ul></div></div>'
    )
    lists = find_item_lists(html, "http://www.xd.gov.cn/", today=TODAY)
    assert [(found.heading, found.hidden, len(found.items)) for found in lists] == [
        ("工作动态", False, 4),
        ("通知公告", True, 4),
    ]


def test_single_dated_item_is_a_list_and_undated_lone_links_are_not() -> None:
    one = _page('<h3>人事任免</h3><ul><li><a href="/r1">关于张三同志任职的通知</a> 2026-11-02</li></ul>')
    assert [item.title for item in _only(one).items] == ["关于张三同志任职的通知"]
    lone = _page('<p>欢迎访问<a href="/about">西地市人民政府门户网站</a></p>')
    assert find_item_lists(lone, "http://www.xd.gov.cn/", today=TODAY) == []


def test_template_placeholders_and_navigation_words_are_not_items() -> None:
    rows = "".join(f'<li><a href="{{{{x.url}}}}">{t}</a></li>' for t in NEWS)
    nav = '<ul><li><a href="/">网站首页</a></li><li><a href="/p2">下一页</a></li><li><a href="/m">更多信息</a></li></ul>'
    (found,) = find_item_lists(_page(f"<ul>{rows}</ul>{nav}"), "http://www.xd.gov.cn/", today=TODAY)
    assert [item.url for item in found.items] == [""] * 4  # titles kept, unrendered links dropped


def test_navigation_only_homepage() -> None:
    grid = "".join(
        f'<li><a href="/c{i}/">{name}</a></li>'
        for i, name in enumerate(["政务公开专栏", "政务服务大厅", "互动交流平台", "走进西地市"])
    )
    assert is_navigation_only(_page(f'<div class="grid"><ul>{grid}</ul></div>'))
    news = "".join(
        f'<li><a href="/n{i}">{t}</a><span>2026-11-0{i + 1}</span></li>' for i, t in enumerate(NEWS)
    )
    assert not is_navigation_only(_page(f"<ul>{grid}</ul><ul>{news}</ul>"))


def test_hanweb_records_are_one_more_list() -> None:
    records = "".join(
        f'<record><![CDATA[<li><a href="/art/2026/11/{20 - i}/art_1_{i}.html" title="{t}">{t}</a><span>2026-11-{20 - i}</span></li>]]></record>'
        for i, t in enumerate(NEWS)
    )
    html = _page(
        f'<div class="bt">通知公告</div><div id="4565"><script type="text/xml"><datastore><recordset>{records}'
        "</recordset></datastore></script></div>"
    )
    found = _only(html)
    assert found.from_script and found.heading == "通知公告"
    assert found.dated_count == 4 and found.items[0].url == "http://www.xd.gov.cn/art/2026/11/20/art_1_0.html"


# Titles with digits, dashes and 年月日 in them, so that a date inside a title is tried too.
TITLE = (
    st.text(
        alphabet="政务公开通知关于做好工作会议召开市县发展改革委人民政府印发0123456789-年月日《》（）",
        min_size=6,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda t: sum("\u4e00" <= ch <= "\u9fff" and ch not in "年月日" for ch in t) >= 4)
)


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(
        TITLE,
        min_size=2,
        max_size=12,
        unique=True,
    ),
    days=st.data(),
    layout=st.sampled_from(["ul", "table", "div", "dl"]),
)
def test_any_layout_gives_back_its_titles_and_dates(
    titles: list[str], days: st.DataObject, layout: str
) -> None:
    dates = [days.draw(st.dates(datetime.date(2015, 1, 1), TODAY)) for _ in titles]
    cells = list(zip(titles, dates, strict=True))
    if layout == "ul":
        body = (
            "<ul>"
            + "".join(
                f'<li><a href="/{i}.html">{t}</a><span>{d}</span></li>' for i, (t, d) in enumerate(cells)
            )
            + "</ul>"
        )
    elif layout == "table":
        body = (
            "<table>"
            + "".join(
                f'<tr><td><a href="/{i}.html">{t}</a></td><td>{d:%Y/%m/%d}</td></tr>'
                for i, (t, d) in enumerate(cells)
            )
            + "</table>"
        )
    elif layout == "div":
        body = (
            "<div>"
            + "".join(
                f'<div class="item"><a href="/{i}.html">{t}</a> {d.year}年{d.month}月{d.day}日</div>'
                for i, (t, d) in enumerate(cells)
            )
            + "</div>"
        )
    else:
        body = (
            "<dl>"
            + "".join(f'<dd><a href="/{i}.html">{t}</a><i>{d}</i></dd>' for i, (t, d) in enumerate(cells))
            + "</dl>"
        )
    found = _only(_page(body))
    assert [(item.title, item.published) for item in found.items] == cells


# --- pagination ------------------------------------------------------------------------------------


def test_pagination_from_links_and_page_count() -> None:
    html = _page(
        '<div class="page">共 12 页 <a href="?page=1">1</a><a href="?page=2">2</a><a href="?page=2">下一页</a></div>'
    )
    paging = find_pagination(html, "http://www.xd.gov.cn/tzgg/list.jsp")
    assert paging.next_url == "http://www.xd.gov.cn/tzgg/list.jsp?page=2"
    assert paging.total_pages == 12 and paging.current_page == 1


def test_pagination_of_trs_script() -> None:
    html = _page('<script>createPageHTML(10, 0, "index", "html");</script>')
    paging = find_pagination(html, "http://www.xd.gov.cn/tzgg/index.html")
    assert paging.total_pages == 10
    assert paging.next_url == "http://www.xd.gov.cn/tzgg/index_1.html"
    assert paging.page_urls[-1] == "http://www.xd.gov.cn/tzgg/index_9.html" and len(paging.page_urls) == 9


def test_pagination_on_a_later_page_with_page_number_parameter() -> None:
    html = _page('<a href="list?pageNum=2">上一页</a><a href="list?pageNum=4">下页</a> 页次：3/7')
    paging = find_pagination(html, "http://www.xd.gov.cn/col/list?pageNum=3")
    assert paging.next_url == "http://www.xd.gov.cn/col/list?pageNum=4"
    assert (paging.current_page, paging.total_pages) == (3, 7)


def test_pagination_on_a_later_trs_page_and_a_last_page_link() -> None:
    trs = find_pagination(
        _page('<script>createPageHTML(5, 2, "index", "html");</script>'),
        "http://www.xd.gov.cn/t/index_2.html",
    )
    assert (trs.current_page, trs.next_url) == (3, "http://www.xd.gov.cn/t/index_3.html")
    last = find_pagination(_page('<a href="?pn=2">2</a><a href="?pn=40">尾页</a>'), "http://www.xd.gov.cn/l")
    assert (last.total_pages, last.next_url) == (40, "http://www.xd.gov.cn/l?pn=2")


def test_last_page_without_a_page_number_is_not_the_first_page() -> None:
    """The last page of a static list names no page number: 首页, 上一页 and 尾页 (itself), 共2页. Read as a
    first page it became a second column (the same name, older items) and counted stale twice."""
    links = '<a href="/c/index.shtml">首页</a> <a href="/c/index.shtml">上一页</a> <a href="/c/index_2.shtml">尾页</a> 共2页'
    paging = find_pagination(_page(links), "http://www.xd.gov.cn/c/index_2.shtml")
    assert paging.current_page is not None and paging.current_page > 1
    moved = find_pagination(
        _page('<a href="list.jsp?id=7">上一页</a>'), "http://www.xd.gov.cn/c/more.jsp?id=8"
    )
    assert moved.current_page == 2
    first = find_pagination(
        _page('<a href="/c/index.shtml">上一页</a><a href="/c/index_2.shtml">下一页</a>'),
        "http://www.xd.gov.cn/c/index.shtml",
    )
    assert first.current_page == 1


def test_no_pagination() -> None:
    assert find_pagination(_page("<p>正文</p>"), "http://www.xd.gov.cn/a.html").next_url == ""
