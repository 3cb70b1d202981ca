"""List records that a page keeps in scripts instead of in its HTML (SPEC §3c).

Hanweb/大汉 JCMS column pages ship their records as CDATA inside ``<script type="text/xml">``::

    <datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&…"></a>]]></nextgroup>
    <recordset><record><![CDATA[<li><a href="/art/2026/11/20/art_1_1.html" title="…">…</a>
    <span>2026-11-20</span></li>]]></record>…</recordset></datastore>

and fetch the following groups from ``/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15``
(the proxy answers with the same ``<record>`` XML, so the functions here read its answer too). TRS pages
sometimes write their lists with ``document.write("<a href='…'>")``. A crawler that follows only ``<a>``
elements misses all of these.
"""

import datetime
import html as html_lib
import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from selectolax.lexbor import LexborHTMLParser

from govsite.indicators.evidence import ItemEvidence

from .dates import find_dates
from .links import is_hidden, is_title_text, link_title, normalise_url, one_line, script_targets
from .tree import parse

__all__ = [
    "HANWEB_GROUP_SIZE",
    "ScriptPaging",
    "find_script_records",
    "find_written_urls",
    "has_script_records",
    "script_paging",
    "trs_paging",
]

_RECORD = re.compile(
    r"<record[^>]*>\s*(?:<!\[CDATA\[(?P<cdata>.*?)\]\]>|(?P<plain>.*?))\s*</record>", re.S | re.I
)
_NEXT_GROUP = re.compile(
    r"<nextgroup[^>]*>\s*(?:<!\[CDATA\[)?(?P<body>.*?)(?:\]\]>)?\s*</nextgroup>", re.S | re.I
)
_HREF = re.compile(r"""href\s*=\s*(["'])(?P<url>[^"']*)\1""", re.I)
_PROXY_URL = re.compile(
    r"""["'(=\s](?P<url>(?:https?://[^"'\s()<>/]+)?/[^"'\s()<>]*?/jpage/dataproxy\.jsp[^"'\s()<>]*)""", re.I
)

# The jpage plug-in shows 15 records a page and fetches 3 pages (45 records) per proxy request.
HANWEB_GROUP_SIZE = 3
_DEFAULT_PER_PAGE = 15


def has_script_records(html: str) -> bool:
    return "<record" in html or "<RECORD" in html


def find_script_records(html: str, base_url: str, *, today: datetime.date) -> list[ItemEvidence]:
    """The items held in ``<record>`` blocks (a Hanweb column page or a dataproxy answer)."""
    if not has_script_records(html):
        return []
    items: list[ItemEvidence] = []
    for match in _RECORD.finditer(html):
        body = match["cdata"] if match["cdata"] is not None else html_lib.unescape(match["plain"] or "")
        item = _record_item(body, base_url, today)
        if item is not None:
            items.append(item)
    return items


def _record_item(body: str, base_url: str, today: datetime.date) -> ItemEvidence | None:
    if body.lstrip()[:3].lower() == "<tr":  # a bare table row is dropped by an HTML parser outside a table
        body = f"<table>{body}</table>"
    tree = LexborHTMLParser(body)
    root = tree.body
    if root is None:
        return None
    for anchor in root.css("a"):
        title = link_title(anchor)
        if not is_title_text(title) or is_hidden(anchor):
            continue
        href = anchor.attributes.get("href") or ""
        url = normalise_url(href, base_url)
        if url is None:  # onclick="window.open('…')" rows
            targets = script_targets(anchor.attributes.get("onclick") or "")
            url = normalise_url(targets[0], base_url) if targets else None
        rest = one_line(root.text(deep=True, separator=" ")).replace(title, " ")
        rest = rest.replace(one_line(anchor.text()), " ")  # a cut title ("关于2026年…") is no date column
        dates = find_dates(rest, today=today)
        return ItemEvidence(title=title, url=url or "", published=dates[0] if dates else None)
    return None


@dataclass(frozen=True, slots=True)
class ScriptPaging:
    """Paging that a script draws: how many pages (or records), and the URLs of the other pages."""

    total_pages: int | None = None
    current_page: int | None = None  # 1-based
    urls: tuple[str, ...] = ()
    total_records: int | None = None
    per_page: int | None = None
    next_url: str = ""


_TOTAL_RECORD = re.compile(r"""totalrecord["']?\s*(?:[:=]\s*["']?|>)\s*(\d+)""", re.I)
_PER_PAGE = re.compile(r"""perpage["']?\s*(?:[:=]\s*["']?|>)\s*(\d+)""", re.I)
# The parameters jpage sends with each proxy request: ajaxParam / params: {col:1, webid:3, columnid:…}
_AJAX_PARAM = re.compile(
    r"""\b(?P<key>col|appid|webid|path|columnid|sourceContentType|unitid|webname|permissiontype)"""
    r"""["']?\s*:\s*["']?(?P<value>[^"',}\s]*)""",
)


def script_paging(html: str, base_url: str) -> ScriptPaging:
    """Paging of a Hanweb list: total records, page size, and the proxy URLs of the later groups."""
    if not any(mark in html for mark in ("dataproxy", "totalRecord", "<datastore", "<DATASTORE")):
        return ScriptPaging()
    total = _first_int(_TOTAL_RECORD, html)
    per_page = _first_int(_PER_PAGE, html)
    urls: list[str] = []
    next_group = _NEXT_GROUP.search(html)
    if next_group:
        href = _HREF.search(next_group["body"])
        url = normalise_url(html_lib.unescape(href["url"]), base_url) if href else None
        if url:
            urls.append(url)
    proxy = _PROXY_URL.search(html)
    if total is not None and proxy is not None:
        shown = len(_RECORD.findall(html))
        urls.extend(_group_urls(html, proxy["url"], base_url, total, per_page or _DEFAULT_PER_PAGE, shown))
    pages = math.ceil(total / (per_page or _DEFAULT_PER_PAGE)) if total is not None else None
    unique = tuple(dict.fromkeys(urls))
    return ScriptPaging(pages, None, unique, total, per_page, next_url=unique[0] if unique else "")


def _group_urls(html: str, proxy: str, base_url: str, total: int, per_page: int, shown: int) -> list[str]:
    proxy = html_lib.unescape(proxy)
    path, _, query = proxy.partition("?")
    params = {
        key: value
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key.lower() not in ("startrecord", "endrecord", "perpage", "page")
    }
    for match in _AJAX_PARAM.finditer(html):
        params.setdefault(match["key"], match["value"])
    group = per_page * HANWEB_GROUP_SIZE
    urls = []
    for start in range(shown + 1, total + 1, group):
        end = min(start + group - 1, total)
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page, **params})
        url = normalise_url(f"{path}?{query}", base_url)
        if url:
            urls.append(url)
    return urls


# TRS WCM: createPageHTML(10, 0, "index", "html") draws pages index.html, index_1.html … index_9.html;
# newer templates pass a container id first, or variables (var countPage = 10).
_CREATE_PAGE = re.compile(r"createPageHTML\s*\((?P<args>[^()]*)\)")
_JS_NUMBER = re.compile(r"\bvar\s+(?P<name>\w+)\s*=\s*[\"']?(?P<value>\d+)")
_PAGE_SUFFIX = re.compile(r"^(?:s?html?|jsp|php|aspx?)$", re.I)


def trs_paging(html: str, base_url: str) -> ScriptPaging:
    """Pages a TRS ``createPageHTML(pages, current, "index", "html")`` call draws."""
    if "createPageHTML" not in html:
        return ScriptPaging()
    variables = {m["name"]: int(m["value"]) for m in _JS_NUMBER.finditer(html)}
    for match in _CREATE_PAGE.finditer(html):
        numbers: list[int] = []
        strings: list[str] = []
        for arg in (a.strip() for a in match["args"].split(",")):
            if arg[:1] in ("'", '"'):
                strings.append(arg.strip("'\""))
            elif arg.isdigit():
                numbers.append(int(arg))
            elif arg in variables:
                numbers.append(variables[arg])
        if not numbers:
            continue  # the function's own definition: createPageHTML(_nPageCount, _nCurrIndex, …)
        suffix_at = next((i for i, s in enumerate(strings) if _PAGE_SUFFIX.match(s)), None)
        suffix = strings[suffix_at] if suffix_at is not None else "html"
        prefix = strings[suffix_at - 1] if suffix_at else "index"
        total, current = numbers[0], (numbers[1] if len(numbers) > 1 else 0)
        names = [f"{prefix}.{suffix}"] + [f"{prefix}_{page}.{suffix}" for page in range(1, total)]
        urls = {i: normalise_url(name, base_url) or "" for i, name in enumerate(names) if i != current}
        return ScriptPaging(
            total,
            current + 1,
            tuple(url for url in urls.values() if url),
            next_url=urls.get(current + 1, ""),
        )
    return ScriptPaging()


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None


_WRITE = re.compile(
    r"""document\.write(?:ln)?\s*\(\s*(?P<q>["'])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""", re.S
)
# TRS article addresses written into script strings: ./202611/t20261120_123.html
_TRS_ARTICLE = re.compile(r"""["'](?P<url>[^"'\s]*?/t\d{8}_\d+\.s?html?)["']""")


def find_written_urls(html: str, base_url: str) -> list[str]:
    """URLs that inline scripts write into the page (TRS ``document.write`` lists, article URLs in
    script strings), normalised and deduplicated in order."""
    if "<script" not in html.lower():
        return []
    urls: list[str] = []
    for script in parse(html).css("script"):
        if (script.attributes.get("type") or "").lower() == "text/xml":
            continue  # Hanweb records: find_script_records reads them
        code = script.text()
        for match in _WRITE.finditer(code):
            body = match["body"].replace("\\'", "'").replace('\\"', '"')
            urls.extend(m["url"] for m in _HREF.finditer(body))
        urls.extend(m["url"] for m in _TRS_ARTICLE.finditer(code))
    absolute = (normalise_url(url, base_url) for url in urls if "+" not in url)
    return list(dict.fromkeys(url for url in absolute if url))
