"""Render pages of a generated site, in the template family its spec names.

Three families, as real cluster platforms write them:

* TRS: ``<ul><li><a>…</a><span>2026-11-20</span></li>``, list pages ``index.html``, ``index_1.html``…
  reachable only through the ``createPageHTML(n, i, "index", "html")`` script call;
* Hanweb (大汉): list entries exist only as ``<record><![CDATA[…]]></record>`` inside
  ``<script type="text/xml">``, later ones behind ``/module/web/jpage/dataproxy.jsp`` (SPEC §3c);
* table: ``<table><tr><td><a>…</a></td><td>2026年11月20日</td></tr>``, dates in a per-column form
  (2026年11月20日, 2026/11/20, 2026.11.20) and plain ``index_2.shtml`` page links.

Year-less short dates (``11-20``, ``[11-20]``) are shown only for items less than a year old, so the
year is always the one of the inspection day or the year before, whichever is not in the future.
Links are root-relative, so the same bytes serve on any port or host name.
"""

import datetime
import html
import math
import random
import re

from govsite.demo import corpus
from govsite.indicators.evidence import ColumnKind
from govsite.indicators.inspection import GuideElement

from .model import (
    HANWEB_GROUP,
    HOMEPAGE_ITEMS,
    LETTERS_PER_PAGE,
    PER_PAGE,
    Channel,
    Column,
    Family,
    GeneratedSite,
    Guide,
    Item,
    Letter,
    OnlineSystem,
    SpamFragment,
    channel_path,
    list_page_count,
    list_path,
)

esc = html.escape
GUIDE_LABELS: dict[GuideElement, str] = {
    GuideElement.NAME: "事项名称",
    GuideElement.BASIS: "设定依据",
    GuideElement.CONDITIONS: "申请条件",
    GuideElement.MATERIALS: "办理材料",
    GuideElement.PLACE: "办理地点",
    GuideElement.HOURS: "办理时间",
    GuideElement.CONTACT: "咨询方式",
    GuideElement.PROCESS: "办理流程",
    GuideElement.TIME_LIMIT: "办理时限",
    GuideElement.FEES: "收费标准",
    GuideElement.FORMS: "表格下载",
}
_TABLE_STYLES = ("cn", "slash", "dot")
DATAPROXY = "/module/web/jpage/dataproxy.jsp"


def full_date(day: datetime.date, style: str = "iso") -> str:
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    separator = {"iso": "-", "slash": "/", "dot": "."}[style]
    return f"{day:%Y}{separator}{day:%m}{separator}{day:%d}"


def list_date(site: GeneratedSite, column: Column | None, day: datetime.date, *, short: bool) -> str:
    """A date as the family's lists show it; `short` drops the year of items less than a year old."""
    recent = (site.today - day).days < 365
    family = site.spec.family
    if family is Family.HANWEB:
        return f"[{day:%m-%d}]" if recent else f"[{day:%Y-%m-%d}]"
    if family is Family.TABLE:
        return full_date(day, _TABLE_STYLES[column.numeric_id % 3] if column else "cn")
    return f"{day:%m-%d}" if short and recent else full_date(day)


# --- Page chrome --------------------------------------------------------------------------------


def page(site: GeneratedSite, heading: str, crumbs: list[tuple[str, str]], body: str, meta: str = "") -> str:
    """A whole HTML page titled "heading_site name": header, nav, breadcrumbs, content, footer identity."""
    ident, spec = site.identity, site.spec
    title = f"{heading}_{ident.site_name}" if heading else ident.site_name
    spam = _spam(site, crumbs)
    hijack = next((fragment.title for fragment in spam if fragment.title), "")
    charset = ""
    if spec.faults.charset_label:
        charset = (
            '<meta charset="utf-8">'
            if spec.charset.value == "utf-8"
            else f'<meta http-equiv="Content-Type" content="text/html; charset={spec.charset.value}">'
        )
    nav = "".join(f'<li><a href="{esc(href)}">{esc(text)}</a></li>' for text, href in _nav(site))
    trail = " &gt; ".join(f'<a href="{esc(href)}">{esc(text)}</a>' for text, href in [("首页", "/"), *crumbs])
    head_spam = "".join(f.html for f in spam if f.where == "head")
    body_spam = "".join(f.html for f in spam if f.where == "body")
    # Footer identity, search box and accessibility entrance: present on a healthy site (SPEC §2).
    access = (
        '<a href="javascript:void(0);" id="cniil_wza">无障碍浏览</a> <a href="javascript:void(0);" id="zzms">长者模式</a>'
        if ident.has_accessibility
        else ""
    )
    search = (
        '<form action="/search/" method="get" class="search"><input type="text" name="q" placeholder="请输入关键字">'
        '<button type="submit">搜索</button></form>'
        if ident.has_search
        else ""
    )
    codes = (
        f'<p>网站标识码：{ident.site_code}　{esc(ident.icp_number)}　<img src="/images/dzjg.png" alt="党政机关">'
        f"{esc(ident.police_filing_number)}</p>\n"
        if ident.site_code
        else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{charset}\n<title>{esc(hijack or title)}</title>\n'
        f'<meta name="SiteName" content="{esc(ident.site_name)}">\n<meta name="SiteIDCode" content="{ident.site_code}">\n'
        f'{meta}<link rel="stylesheet" href="/css/style.css">\n{head_spam}</head>\n<body>\n'
        f'<div class="top"><span>欢迎访问{esc(ident.site_name)}</span> {access}</div>\n'
        f'<div class="header"><img src="/images/logo.png" alt="{esc(ident.site_name)}">{search}</div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n<div class="crumb">当前位置：{trail}</div>\n'
        f'<div class="main">\n{body}\n</div>\n<div class="footer"><p>{esc(ident.site_name)}　版权所有</p>\n'
        f"<p>主办单位：{esc(ident.sponsor)}　联系电话：{ident.phone}　地址：{esc(ident.address)}</p>\n"
        f"{codes}{body_spam}</div>\n</body>\n</html>\n"
    )  # fmt: skip


def _nav(site: GeneratedSite) -> list[tuple[str, str]]:
    entries = [("首页", "/")]
    first = {column.kind: column for column in reversed(site.columns) if column.items}
    for label, kind in (
        ("要闻动态", ColumnKind.NEWS),
        ("通知公告", ColumnKind.NOTICE),
        ("政策文件", ColumnKind.POLICY),
        ("政策解读", ColumnKind.INTERPRETATION),
    ):
        if kind in first:
            entries.append((label, first[kind].path))
    working = [channel for channel in site.channels if channel.works]
    if working:
        entries.append(("互动交流", working[0].path))
    if site.guides:
        entries.append(("办事服务", "/bsfw/bszn/index.html"))
    if site.template_broken_link:
        entries.append(("政府信息公开指南", site.template_broken_link))
    if site.path_trap_prefix:
        entries.append(("专题活动", site.path_trap_prefix))
    return entries


def _spam(site: GeneratedSite, crumbs: list[tuple[str, str]]) -> list[SpamFragment]:
    # Injected into the homepage only (crumbs empty), or into the template that every page shares.
    return site.spam if not crumbs or site.faults.spam_everywhere else []


def _list_entry(
    site: GeneratedSite, column: Column | None, item: Item, *, short: bool, dated: bool = True
) -> str:
    date = list_date(site, column, item.published, short=short) if dated else ""
    link = f'<a href="{esc(item.path)}" title="{esc(item.title)}" target="_blank">{esc(item.title)}</a>'
    if site.spec.family is Family.TABLE:
        return f"<tr><td>{link}</td><td>{date}</td></tr>"
    return f"<li>{link}<span>{date}</span></li>" if dated else f"<li>{link}</li>"


def _listing(site: GeneratedSite, column: Column | None, entries: list[str], *, proxy: str = "") -> str:
    """Entries wrapped as the family does it. Hanweb: records in a script block only."""
    family = site.spec.family
    if family is Family.HANWEB:
        records = "\n".join(f"<record><![CDATA[\n{entry}\n]]></record>" for entry in entries)
        nextgroup = (
            f'<nextgroup><![CDATA[<a href="{esc(proxy)}"></a>]]></nextgroup>'
            if proxy
            else "<nextgroup></nextgroup>"
        )
        container = f' id="{column.numeric_id}"' if column else ""
        return (
            f'<div class="default_pgContainer"{container}><script type="text/xml"><datastore>{nextgroup}\n'
            f"<recordset>\n{records}\n</recordset></datastore></script></div>"
        )
    if family is Family.TABLE:
        return f'<table class="list" width="100%">{"".join(entries)}</table>' if entries else ""
    return f'<ul class="list">{"".join(entries)}</ul>' if entries else ""


# --- Pages --------------------------------------------------------------------------------------


def homepage(site: GeneratedSite) -> str:
    faults = site.faults
    blocks = []
    for column in site.homepage_columns():
        shown = column.items[:HOMEPAGE_ITEMS]
        entries = [
            _list_entry(site, column, item, short=True, dated=not faults.homepage_undated) for item in shown
        ]
        blocks.append(
            f'<div class="block"><h3><a href="{esc(column.path)}">{esc(column.name)}</a>'
            f'<a class="more" href="{esc(column.path)}">更多&gt;&gt;</a></h3>{_listing(site, column, entries)}</div>'
        )
    directory = "".join(f'<li><a href="{esc(c.path)}">{esc(c.name)}</a></li>' for c in site.columns)
    blocks.append(f'<div class="block"><h3>政务公开</h3><ul class="dir">{directory}</ul></div>')
    mailboxes = []
    for channel in site.channels:
        icon = f'<img src="/images/{channel.key}.png" alt="{esc(channel.name)}">'
        mailboxes.append(
            f'<li><a href="{esc(channel.path)}">{icon}{esc(channel.name)}</a></li>'
            if channel.works
            else f"<li>{icon}</li>"
        )
    blocks.append(f'<div class="block"><h3>互动交流</h3><ul class="hd">{"".join(mailboxes)}</ul></div>')
    services = [('<a href="/bsfw/bszn/index.html">办事指南</a>', site.guides)] + [
        (f'<a href="{esc(s.path)}">{esc(s.name)}</a>', True) for s in site.systems
    ]
    links = [f"<li>{link}</li>" for link, present in services if present]
    extras = [
        (site.calendar_path and f"{site.calendar_path}?d={site.today.isoformat()}", "活动日历"),
        (site.redirect_paths and site.redirect_paths[0], "旧版网站"),
        (site.gzip_bomb_path, "统计年鉴"),
    ]
    links += [f'<li><a href="{esc(href)}">{text}</a></li>' for href, text in extras if href]
    blocks.append(f'<div class="block"><h3>办事服务</h3><ul>{"".join(links)}</ul></div>')
    return page(site, "", [], "\n".join(blocks))


def column_page(site: GeneratedSite, column: Column, page_no: int) -> str:
    family = site.spec.family
    side = "".join(f'<li><a href="{esc(c.path)}">{esc(c.name)}</a></li>' for c in site.columns)
    banner = '<p class="closed">本专题已结束，内容不再更新，仅供查阅。</p>' if column.historical else ""
    if family is Family.HANWEB:
        shown = column.items[: PER_PAGE[family] * HANWEB_GROUP]
        proxy = (
            _proxy_url(column, len(shown) + 1, len(column.items)) if len(column.items) > len(shown) else ""
        )
        entries = [_list_entry(site, column, item, short=False) for item in shown]
        listing = _listing(site, column, entries, proxy=proxy) + (
            f"<script>$('#{column.numeric_id}').jpage({{proxyUrl:'{DATAPROXY}',perPage:{PER_PAGE[family]},"
            f"totalRecord:{len(column.items)},groupSize:{HANWEB_GROUP},columnid:{column.numeric_id}}});</script>"
        )
    else:
        per = PER_PAGE[family]
        pages = list_page_count(family, column)
        shown = column.items[page_no * per : (page_no + 1) * per]
        listing = _listing(site, column, [_list_entry(site, column, item, short=False) for item in shown])
        if family is Family.TRS:
            listing += f'<div class="page"><script>createPageHTML({pages}, {page_no}, "index", "html");</script></div>'
        else:
            links = [(1, "首页"), (page_no, "上一页"), (page_no + 2, "下一页"), (pages, "尾页")]
            listing += (
                '<div class="page">'
                + " ".join(
                    f'<a href="{esc(list_path(family, column, n - 1))}">{text}</a>'
                    for n, text in links
                    if 1 <= n <= pages
                )
                + f" 共{pages}页</div>"
            )
    if not column.items:
        listing = '<p class="none">暂无信息</p>'
    body = f'<div class="side"><ul>{side}</ul></div><div class="content"><h2>{esc(column.name)}</h2>{banner}{listing}</div>'
    # Real sites file topics under a 专题专栏 section, which is how a reader (and the inspector) knows
    # that 防汛抗旱 is a topic and not a news column.
    section = [("专题专栏", column.path)] if column.kind is ColumnKind.TOPIC else []
    return page(site, column.name, [*section, (column.name, column.path)], body)


def _proxy_url(column: Column, start: int, total: int) -> str:
    end = min(total, start + PER_PAGE[Family.HANWEB] * HANWEB_GROUP - 1)
    return (
        f"{DATAPROXY}?startrecord={start}&endrecord={end}&perpage={PER_PAGE[Family.HANWEB]}"
        f"&columnid={column.numeric_id}&unitid={column.numeric_id + 1}"
    )


def dataproxy(site: GeneratedSite, column: Column, start: int, end: int) -> str:
    """The XML dataproxy.jsp answers: records start..end (1-based, inclusive) and the next group's URL."""
    items = column.items[max(0, start - 1) : max(0, end)]
    entries = "\n".join(
        f"<record><![CDATA[\n{_list_entry(site, column, item, short=False)}\n]]></record>" for item in items
    )
    following = _proxy_url(column, end + 1, len(column.items)) if end < len(column.items) else ""
    nextgroup = f'<nextgroup><![CDATA[<a href="{esc(following)}"></a>]]></nextgroup>' if following else ""
    return (
        f'<?xml version="1.0" encoding="{site.spec.charset.value}"?>\n<datastore>{nextgroup}'
        f"<totalrecord>{len(column.items)}</totalrecord>\n<recordset>\n{entries}\n</recordset></datastore>\n"
    )


def article_paragraphs(site: GeneratedSite, item: Item) -> list[str]:
    """The body text of an article; a twin copies its original's text with names and dates swapped."""
    place = corpus.PLACES[site.spec.place]
    source = item
    if item.twin_of is not None:
        source = next(other for other in site.items() if other.id == item.twin_of)
    rng = random.Random(source.body_seed)
    if source.corpus_kind == "policy":
        draft = corpus.policy_document(rng, place, source.published, source.body_seed % 99 + 1)
        paragraphs = list(draft.body)
        if source.signed is not None:
            signature = corpus.signature_line(draft.issuer, draft.written)
            paragraphs = [
                corpus.signature_line(draft.issuer, source.signed) if p == signature else p
                for p in paragraphs
            ]
    else:
        paragraphs = corpus.body_paragraphs(rng, place, source.corpus_kind, source.title, source.published)
    if item.renames:
        table = dict(item.renames)
        pattern = re.compile("|".join(re.escape(old) for old in sorted(table, key=len, reverse=True)))
        paragraphs = [pattern.sub(lambda match: table[match.group(0)], p) for p in paragraphs]
    return paragraphs


def article_page(site: GeneratedSite, item: Item, padding: int = 0) -> str:
    column = site.column(item.column_key)
    family = site.spec.family
    paragraphs = "".join(
        f'<p style="text-align:right">{esc(p)}</p>'
        if corpus.is_structural_line(p) and "〔" not in p and re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", p)
        else f'<p style="text-indent:2em">{esc(p)}</p>'
        for p in article_paragraphs(site, item)
    )
    when = f"{full_date(item.published, 'cn' if family is Family.TABLE else 'iso')}"
    info = f"发布时间：{when}　来源：{esc(item.source)}"
    meta_table = ""
    if item.meta:
        cells = [f"<th>{label}</th><td>{esc(value)}</td>" for label, value in item.meta.items()]
        rows = "".join(f"<tr>{''.join(cells[i : i + 2])}</tr>" for i in range(0, len(cells), 2))
        meta_table = f'<table class="xxgk-meta">{rows}</table>'
    extras = [f'<li><a href="{esc(a.path)}">{esc(a.name)}</a></li>' for a in item.attachments]
    extras += [
        f'<li><a href="{esc(href)}" target="_blank">{esc(text)}</a></li>' for href, text in item.extra_links
    ]
    related = f'<ul class="fj">{"".join(extras)}</ul>' if extras else ""
    filler = ""
    if padding:
        # A huge page as some sites publish them: a statistics table pasted whole into the article.
        row = "<tr><td>{0}</td><td>主要经济指标</td><td>12345.6</td><td>同比增长5.3%</td></tr>\n"
        filler = "<table class='data'>" + row * math.ceil(padding / len(row.encode())) + "</table>"
    head = (
        f'<meta name="ColumnName" content="{esc(column.name)}">\n<meta name="ArticleTitle" content="{esc(item.title)}">\n'
        f'<meta name="PubDate" content="{item.published.isoformat()} 09:30">\n<meta name="ContentSource" content="{esc(item.source)}">\n'
    )
    if family is Family.TRS:
        body = f'<div class="article">{meta_table}<h1>{esc(item.title)}</h1><div class="info">{info}</div><div class="TRS_Editor">{paragraphs}</div>'
    elif family is Family.HANWEB:
        body = f'<table class="article"><tr><td>{meta_table}</td></tr><tr><td class="title">{esc(item.title)}</td></tr><tr><td class="info">{info}</td></tr><tr><td id="zoom">{paragraphs}</td></tr></table><div>'
    else:
        body = f'<table class="article"><tr><td><h1>{esc(item.title)}</h1></td></tr><tr><td>{meta_table}</td></tr><tr><td>{info}</td></tr><tr><td>{paragraphs}</td></tr></table><div>'
    body += f"{related}{filler}</div>"
    return page(site, item.title, [(column.name, column.path)], body, head)


def channel_page(site: GeneratedSite, channel: Channel, page_no: int) -> str:
    pages = max(1, math.ceil(len(channel.letters) / LETTERS_PER_PAGE))
    rows = []
    for letter in channel.letters[page_no * LETTERS_PER_PAGE : (page_no + 1) * LETTERS_PER_PAGE]:
        answered = full_date(letter.answered) if letter.answered else ""
        state = "已回复" if letter.answered else "办理中"
        rows.append(
            f'<tr><td><a href="{esc(letter.path)}">{esc(letter.title)}</a></td>'
            f"<td>{full_date(letter.asked)}</td><td>{state}</td><td>{answered}</td></tr>"
        )
    nav = " ".join(f'<a href="{esc(channel_path(channel, n))}">{n + 1}</a>' for n in range(pages))
    body = (
        f'<h2>{esc(channel.name)}</h2><table class="letters"><tr><th>信件标题</th><th>来信时间</th><th>办理状态</th>'
        f'<th>回复时间</th></tr>{"".join(rows)}</table><div class="page">{nav}</div>'
    )
    return page(
        site,
        f"{channel.name}",
        [("互动交流", channel.path), (channel.name, channel.path)],
        body,
    )


def letter_page(site: GeneratedSite, letter: Letter) -> str:
    place = corpus.PLACES[site.spec.place]
    rng = random.Random(letter.seed)
    channel = next(c for c in site.channels if c.key == letter.channel_key)
    ask = (
        f"您好！我是{rng.choice(place.localities or (place.name,))}的居民，{letter.title.rstrip('？')}，"
        "希望有关部门能够给予答复，谢谢！"
    )
    rows = [("信件标题", esc(letter.title)), ("来信时间", full_date(letter.asked)), ("来信内容", esc(ask))]
    if letter.answered:
        unit = rng.choice(place.departments)
        reply = f"您好！您反映的问题已收悉。经{unit}核实，相关工作正按计划推进，如有疑问请拨打咨询电话。感谢您的关心和支持！"
        rows += [
            ("办理状态", "已回复"),
            ("回复单位", esc(unit)),
            ("回复时间", full_date(letter.answered)),
            ("回复内容", esc(reply)),
        ]
    else:
        rows += [("办理状态", "办理中")]
    table = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    body = f'<h2>{esc(channel.name)}</h2><table class="letter">{table}</table>'
    return page(
        site,
        f"{letter.title}",
        [("互动交流", channel.path), (channel.name, channel.path)],
        body,
    )


def guides_page(site: GeneratedSite) -> str:
    entries = "".join(f'<li><a href="{esc(g.path)}">{esc(g.name)}</a></li>' for g in site.guides)
    systems = "".join(f'<li><a href="{esc(s.path)}">{esc(s.name)}</a></li>' for s in site.systems)
    body = f'<h2>办事指南</h2><ul class="list">{entries}</ul><h3>网上办事</h3><ul>{systems}</ul>'
    return page(site, "办事指南", [("办事服务", "/bsfw/bszn/index.html")], body)


def guide_page(site: GeneratedSite, guide: Guide) -> str:
    rows = []
    for element, label in GUIDE_LABELS.items():
        if element not in guide.elements:
            continue
        value = esc(guide.elements[element])
        if element is GuideElement.FORMS and value:
            value += "".join(f' <a href="{esc(form.path)}">{esc(form.name)}</a>' for form in guide.forms)
        rows.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    online = "".join(f'<a class="btn" href="{esc(s.path)}">{esc(s.name)}</a>' for s in site.systems[:1])
    body = f'<h2>{esc(guide.name)}</h2><table class="guide">{"".join(rows)}</table><p>{online}</p>'
    return page(
        site,
        f"{guide.name}",
        [("办事服务", "/bsfw/bszn/index.html"), (guide.name, guide.path)],
        body,
    )


def system_page(site: GeneratedSite, system: OnlineSystem) -> str:
    body = (
        f'<h2>{esc(system.name)}</h2><form method="post" action="{esc(system.path)}"><input name="user" placeholder="用户名">'
        '<input name="password" type="password" placeholder="密码"><button>登录</button></form>'
    )
    return page(site, system.name, [("办事服务", "/bsfw/bszn/index.html")], body)
