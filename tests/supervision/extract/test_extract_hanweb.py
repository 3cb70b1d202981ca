"""Records that Hanweb and TRS pages keep in scripts (SPEC §3c)."""

import datetime
from urllib.parse import parse_qs, urlsplit

from govsite.supervision.extract.hanweb import (
    find_script_records,
    find_written_urls,
    has_script_records,
    script_paging,
    trs_paging,
)

TODAY = datetime.date(2026, 11, 23)
COLUMN_URL = "https://www.xd.gov.cn/col/col1234/index.html"
TITLES = [
    "西地市人民政府关于印发2026年重点工作任务分解方案的通知",
    "西地市2026年第三季度政府信息公开工作情况",
    "关于公开征求《西地市城市管理条例（草案）》意见的公告",
]


def _record(index: int, title: str, date: str) -> str:
    return (
        f'<record><![CDATA[\n<li><a href="/art/2026/11/{20 - index}/art_1234_{index}.html" title="{title}" '
        f'target="_blank">{title[:12]}…</a><span class="bt-data-time">{date}</span></li>\n]]></record>'
    )


def _column_page(records: str, paging: str = "") -> str:
    return f"""<html><body><div class="bt">政府文件</div>
<div id="4565478"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=1234&unitid=4565478&webname=%E8%A5%BF&permissiontype=0"></a>]]></nextgroup>
<recordset>{records}</recordset></datastore></script></div>
<script language="javascript">{paging}</script></body></html>"""


def test_records_give_full_titles_urls_and_dates() -> None:
    records = "".join(_record(i, t, f"2026-11-{20 - i}") for i, t in enumerate(TITLES))
    items = find_script_records(_column_page(records), COLUMN_URL, today=TODAY)
    assert [item.title for item in items] == TITLES  # the title attribute, not the cut text
    assert [item.published for item in items] == [datetime.date(2026, 11, 20 - i) for i in range(3)]
    assert items[2].url == "https://www.xd.gov.cn/art/2026/11/18/art_1234_2.html"


def test_records_with_short_dates_table_rows_and_no_cdata() -> None:
    rows = (
        '<record><![CDATA[<tr><td><a href="./a1.html">西地市财政局2026年部门预算公开说明</a></td><td>[11-20]</td></tr>]]></record>'
        "<record>&lt;li&gt;&lt;a href=&quot;/a2.html&quot;&gt;西地市统计局发布十月经济运行情况&lt;/a&gt;"
        "&lt;span&gt;2026/10/31&lt;/span&gt;&lt;/li&gt;</record>"
        "<record><![CDATA[<li><a href='javascript:;'>更多</a></li>]]></record>"  # no item in it
    )
    items = find_script_records(_column_page(rows), COLUMN_URL, today=TODAY)
    assert [(item.url, item.published) for item in items] == [
        ("https://www.xd.gov.cn/col/col1234/a1.html", datetime.date(2026, 11, 20)),
        ("https://www.xd.gov.cn/a2.html", datetime.date(2026, 10, 31)),
    ]


def test_a_dataproxy_answer_is_read_like_the_page() -> None:
    answer = (
        '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>338</totalrecord><totalpage>23</totalpage>'
        f"<recordset>{_record(0, TITLES[0], '2026-09-01')}</recordset></datastore>"
    )
    (item,) = find_script_records(answer, COLUMN_URL, today=TODAY)
    assert item.published == datetime.date(2026, 9, 1)


def test_page_without_records() -> None:
    html = "<html><body><ul><li><a href='/a'>普通列表</a></li></ul></body></html>"
    assert not has_script_records(html)
    assert find_script_records(html, COLUMN_URL, today=TODAY) == []
    assert script_paging(html, COLUMN_URL).urls == ()


def test_paging_groups_follow_the_records_on_the_page() -> None:
    records = "".join(_record(i % 3, TITLES[i % 3], "2026-11-01") for i in range(45))
    paging_script = (
        "$('#4565478').jpage({dataStore: dataStore, proxyUrl: '/module/web/jpage/dataproxy.jsp', "
        "perPage: 15, totalRecord: 100, groupSize: 3, ajaxParam: {col:1, webid:1, columnid:1234, unitid:4565478}});"
    )
    paging = script_paging(_column_page(records, paging_script), COLUMN_URL)
    assert (paging.total_records, paging.per_page, paging.total_pages) == (100, 15, 7)
    assert paging.urls[0].startswith(
        "https://www.xd.gov.cn/module/web/jpage/dataproxy.jsp?page=1&"
    )  # nextgroup
    groups = [parse_qs(urlsplit(url).query) for url in paging.urls[1:]]
    assert [(g["startrecord"], g["endrecord"]) for g in groups] == [(["46"], ["90"]), (["91"], ["100"])]
    assert all(g["columnid"] == ["1234"] and g["perpage"] == ["15"] for g in groups)


def test_paging_from_a_proxy_url_in_the_page() -> None:
    html = '<a href="/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&columnid=7">x</a> totalRecord="60"'
    paging = script_paging(html, COLUMN_URL)
    assert paging.total_pages == 4
    proxy = "https://www.xd.gov.cn/module/web/jpage/dataproxy.jsp"
    assert paging.urls == (  # no record on the page: every group is to be fetched
        f"{proxy}?startrecord=1&endrecord=45&perpage=15&columnid=7",
        f"{proxy}?startrecord=46&endrecord=60&perpage=15&columnid=7",
    )


def test_trs_create_page_html_variants() -> None:
    plain = trs_paging(
        '<script>createPageHTML(3, 1, "index", "shtml");</script>', "http://www.xd.gov.cn/zwgk/index_1.shtml"
    )
    assert plain.total_pages == 3 and plain.current_page == 2
    assert plain.urls == ("http://www.xd.gov.cn/zwgk/index.shtml", "http://www.xd.gov.cn/zwgk/index_2.shtml")
    with_variables = trs_paging(
        "<script>var countPage = 4//共多少页\nvar currentPage = 0;\n"
        "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}\n"
        "createPageHTML('page_div', countPage, currentPage, 'index', 'html', 57);</script>",
        "http://www.xd.gov.cn/tzgg/",
    )
    assert with_variables.total_pages == 4
    assert with_variables.urls[0] == "http://www.xd.gov.cn/tzgg/index_1.html"
    assert trs_paging("<p>no script</p>", "http://www.xd.gov.cn/").urls == ()


def test_document_write_lists_and_article_urls_in_scripts() -> None:
    html = """<html><body><ul><script>
    var str_1 = "./202611/t20261120_998.html";
    document.write("<li><a href='./202611/t20261120_999.html' title='西地市召开会议'>西地市召开会议</a></li>");
    document.write('<li><a href="' + url + '">动态拼接的地址不可读</a></li>');
    </script></ul><script type="text/xml"><record><![CDATA[<a href="/x.html">x</a>]]></record></script></body></html>"""
    assert find_written_urls(html, "http://www.xd.gov.cn/zwdt/index.html") == [
        "http://www.xd.gov.cn/zwdt/202611/t20261120_999.html",
        "http://www.xd.gov.cn/zwdt/202611/t20261120_998.html",
    ]
