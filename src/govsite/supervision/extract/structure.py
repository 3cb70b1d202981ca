"""What a homepage and a column page are made of, as the update indicators read them (SPEC §3).

A homepage is a set of column blocks (通知公告, 政务动态 …), each a heading, a "更多" link to the
column, and the newest items. A column page is one column: its name (from the breadcrumb, the list's
heading or the page title), its main list (the largest dated list, not a sidebar's) and its paging.
"""

import datetime
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.evidence import ColumnKind, ItemEvidence

from .column_kinds import infer_column_kind
from .links import hides, one_line
from .lists import ItemList, Pagination, find_item_lists, find_pagination
from .tree import parse

__all__ = ["ColumnBlock", "ColumnPageFacts", "breadcrumb", "column_page", "homepage_blocks"]


@dataclass(frozen=True)
class ColumnBlock:
    heading: str
    kind: ColumnKind
    more_url: str = ""
    items: list[ItemEvidence] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnPageFacts:
    name: str
    url: str
    kind: ColumnKind
    items: list[ItemEvidence] = field(default_factory=list)
    pagination: Pagination = field(default_factory=Pagination)
    breadcrumb: list[str] = field(default_factory=list)


# Blocks of links to other sites: their items are other sites' names, never this site's updates.
_LINK_DIRECTORIES = re.compile(
    r"友情链接|相关链接|网站链接|站群导航|网站导航|部门网站|部委网站|县区网站|市县网站|政府网站|兄弟单位|分享"
)


def homepage_blocks(html: str, base_url: str, *, today: datetime.date) -> list[ColumnBlock]:
    """The homepage's column blocks in page order, link directories left out."""
    blocks = []
    for found in find_item_lists(html, base_url, today=today):
        if _LINK_DIRECTORIES.search(found.heading):
            continue
        blocks.append(
            ColumnBlock(found.heading, infer_column_kind(found.heading), found.more_url, found.items)
        )
    return blocks


def column_page(html: str, url: str, *, today: datetime.date, paginate: bool = True) -> ColumnPageFacts:
    """The column a page shows. ``paginate=False`` leaves the paging out (``find_pagination`` reads
    every link of the page) for a caller that asks for it only once the page proved to be a list."""
    tree = parse(html)
    crumbs = breadcrumb(tree)
    main = _main_list(find_item_lists(html, url, today=today))
    name = crumbs[-1] if crumbs else (main.heading if main and main.heading else _title_name(tree))
    # A column filed under a 专题专栏 section is a topic whatever its own name says (医疗保障政策宣传).
    if any(infer_column_kind(crumb) is ColumnKind.TOPIC for crumb in crumbs[:-1]):
        kind = ColumnKind.TOPIC
    else:
        kind = next(
            (k for k in map(infer_column_kind, [name, *reversed(crumbs)]) if k is not ColumnKind.OTHER),
            ColumnKind.OTHER,
        )
    items = main.items if main is not None else []
    pagination = find_pagination(html, url) if paginate else Pagination()
    return ColumnPageFacts(name, url, kind, items, pagination, crumbs)


def _main_list(lists: list[ItemList]) -> ItemList | None:
    # The column's own list is the one with the most dated items; sidebars (热点, 排行) are shorter.
    return max(lists, key=lambda found: (found.dated_count, len(found.items)), default=None)


_TITLE_SEPARATORS = re.compile(r"\s*[-_|—–·>]+\s*|\s+")


def _title_name(tree: LexborHTMLParser) -> str:
    heading = tree.css_first("h1")
    if heading is not None and 2 <= len(one_line(heading.text())) <= 20:
        return one_line(heading.text())
    title = tree.css_first("title")
    parts = (
        [part for part in _TITLE_SEPARATORS.split(one_line(title.text())) if part]
        if title is not None
        else []
    )
    return parts[0] if parts else ""


# --- breadcrumb ------------------------------------------------------------------------------------

# Where templates put the breadcrumb, most telling first: "crumb", then its Chinese spellings.
_CRUMB_SELECTORS = (
    '[class*="crumb"], [id*="crumb"]',
    ", ".join(
        f'[{attribute}*="{word}"]'
        for attribute in ("class", "id")
        for word in ("dqwz", "weizhi", "curpos", "lujing", "position", "location")
    ),
)
_CRUMB_LABEL = re.compile(r"^(?:当前位置|您的位置|您现在的位置|现在的位置|所在位置)\s*[:：]?\s*")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|›|»|＞|→|/|\\|\|)\s*")
_NOT_CRUMBS = frozenset(("首页", "网站首页", "主页", "返回首页", "正文", "详情", "内容", "文章", "当前位置"))
_MAX_CRUMB_TEXT = 200
_MAX_DEPTH = 50  # nesting read inside a breadcrumb (unclosed tags nest without end)


def breadcrumb(html: str | LexborHTMLParser) -> list[str]:
    """The path to the page as its breadcrumb shows it, home and "正文" left out:
    ``当前位置：首页 > 政务公开 > 通知公告`` → ``["政务公开", "通知公告"]``."""
    tree = parse(html) if isinstance(html, str) else html
    holder = _crumb_holder(tree)
    if holder is None:
        return []
    crumbs: list[str] = []
    for piece in _pieces(holder):
        piece = _CRUMB_LABEL.sub("", piece).strip(" :：")
        if piece and piece not in _NOT_CRUMBS and len(piece) <= 30:
            crumbs.append(piece)
    return crumbs


def _crumb_holder(tree: LexborHTMLParser) -> LexborNode | None:
    candidates = [node for node in tree.css(_CRUMB_SELECTORS[0]) if _holds_crumbs(node)]
    candidates += [node for node in (_labelled_crumb(tree),) if node is not None]
    candidates += [node for node in tree.css(_CRUMB_SELECTORS[1]) if _holds_crumbs(node)]
    return candidates[0] if candidates else None


def _holds_crumbs(node: LexborNode) -> bool:
    if node.tag == "a" or hides(node) or node.css_first("a") is None:
        return False
    return 2 <= len(one_line(node.text())) <= _MAX_CRUMB_TEXT


def _labelled_crumb(tree: LexborHTMLParser) -> LexborNode | None:
    """The element after a "当前位置：" label (the label often sits in a span of its own)."""
    body = tree.body
    if body is None:
        return None
    for node in body.traverse(include_text=True):
        if node.tag == "-text" and _CRUMB_LABEL.match(node.text(deep=False).strip()):
            holder = node.parent
            while holder is not None and holder.css_first("a") is None and holder.parent is not None:
                holder = holder.parent
            if holder is not None and _holds_crumbs(holder):
                return holder
    return None


def _pieces(node: LexborNode, depth: int = 0) -> list[str]:
    """Each link's text as one piece; plain text split at the separators (首页 > 政务公开 > 正文)."""
    if depth > _MAX_DEPTH:
        return _CRUMB_SEPARATORS.split(one_line(node.text()))
    pieces: list[str] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            pieces.extend(_CRUMB_SEPARATORS.split(one_line(child.text(deep=False))))
        elif child.tag == "a":
            pieces.append(one_line(child.text()))
        elif not child.tag.startswith("-") and child.tag not in ("script", "style") and not hides(child):
            pieces.extend(_pieces(child, depth + 1))
        child = child.next
    return pieces
