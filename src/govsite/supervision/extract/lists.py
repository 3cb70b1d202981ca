"""The lists of items on a page: the evidence of whether a column (or a homepage) is updated.

A list is a run of repeated sibling entries (``ul/li``, ``table/tr``, ``div`` rows, ``dl/dd``), each
holding one item: a title of at least six characters, usually a link, often a date. Entries are found
from their titles upwards: an entry is the largest element around a title that holds no other title,
and the element holding two or more entries is the list. This needs no knowledge of any CMS's class
names, and it reads each title once even where a template repeats it in a hidden element (nfra.gov.cn
repeats every title in an ``ng-hide`` span).

Lists hidden as a whole (a tab panel with ``style="display:none"``) are real content and are kept,
marked hidden. Records kept in scripts (Hanweb, SPEC §3c) are added as one more list.
"""

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.evidence import ItemEvidence

from .dates import find_dates
from .hanweb import find_script_records, script_paging, trs_paging
from .links import hides, is_title_text, link_title, normalise_url, one_line, script_targets
from .tree import parse, per_page

__all__ = [
    "Entry",
    "EntryGroup",
    "ItemList",
    "Pagination",
    "block_heading",
    "find_entry_groups",
    "find_item_lists",
    "find_pagination",
    "is_navigation_only",
    "lists_beneath",
]


@dataclass(frozen=True, slots=True)
class Entry:
    node: LexborNode  # the repeated element: li, tr, a row div, a tbody
    item: ItemEvidence


@dataclass(frozen=True, slots=True)
class EntryGroup:
    container: LexborNode  # the element whose children are the entries
    entries: tuple[Entry, ...]
    hidden: bool = False  # the whole list is hidden (an inactive tab panel)


@dataclass(frozen=True)
class ItemList:
    heading: str
    more_url: str = ""
    items: list[ItemEvidence] = field(default_factory=list)
    hidden: bool = False
    from_script: bool = False  # records read from a Hanweb <script type="text/xml"> block

    @property
    def dated_count(self) -> int:
        return sum(1 for item in self.items if item.published is not None)


@per_page
def find_item_lists(html: str, base_url: str, *, today: datetime.date) -> list[ItemList]:
    """Every list of items on the page, in document order; script-held records last, as one list."""
    tree = parse(html)
    groups = find_entry_groups(tree, base_url, today=today)
    lists = []
    beneath = lists_beneath([group.container for group in groups])
    for group in groups:
        heading, more_url = block_heading(group.container, beneath, base_url)
        items = [entry.item for entry in group.entries]
        lists.append(ItemList(heading, more_url, items, hidden=group.hidden))
    records = find_script_records(html, base_url, today=today)
    if records:
        holder = tree.css_first('script[type="text/xml"]')
        heading, more_url = block_heading(holder, Counter(), base_url) if holder is not None else ("", "")
        lists.append(ItemList(heading, more_url, records, from_script=True))
    return lists


def is_navigation_only(
    html: str, *, today: datetime.date | None = None, base_url: str = "http://localhost/"
) -> bool:
    """A homepage of link grids only: no dated item and no list of article-length titles. The
    indicators then judge the site by its second-level column pages instead (SPEC §3). ``base_url``:
    the page's own address, so the homepage's item lists are found once for this and its blocks."""
    lists = find_item_lists(html, base_url, today=today or datetime.date.today())
    for found in lists:
        if found.dated_count:
            return False
        lengths = sorted(len(item.title) for item in found.items)
        if len(lengths) >= 3 and lengths[len(lengths) // 2] >= _ARTICLE_TITLE_CHARS:
            return False
    return True


_ARTICLE_TITLE_CHARS = 12  # column names in a link grid are shorter; news titles are longer


# --- entries ---------------------------------------------------------------------------------------

_NOT_ENTRIES = frozenset(("html", "body", "head", "header", "footer", "nav", "main", "form"))
_MAX_ENTRY_EXTRA_CHARS = 300  # an entry is a title plus a date, a source, maybe a summary
_MAX_ENTRY_LINKS = 8
_REPEAT_ATTRIBUTES = ("ng-repeat", "v-for", "th:each", "wx:for")


@dataclass(slots=True)
class _Candidate:
    node: LexborNode  # a title anchor, or the element around a date for link-less rows
    key: str  # one item: its URL, else its title
    title: str
    url: str
    ancestors: list[LexborNode]


class _Page:
    """One parsed page and the per-call caches the entry search needs."""

    def __init__(self, tree: LexborHTMLParser, base_url: str, today: datetime.date) -> None:
        self.tree = tree
        self.base_url = base_url
        self.today = today
        self._hidden: dict[int, bool] = {}

    def is_hidden(self, node: LexborNode) -> bool:
        chain: list[int] = []
        current: LexborNode | None = node
        result = False
        while current is not None and current.tag != "html":
            known = self._hidden.get(current.mem_id)
            if known is not None:
                result = known
                break
            if hides(current):
                result = True
                chain.append(current.mem_id)
                break
            chain.append(current.mem_id)
            current = current.parent
        for mem_id in chain:
            self._hidden[mem_id] = result
        return result


def find_entry_groups(tree: LexborHTMLParser, base_url: str, *, today: datetime.date) -> list[EntryGroup]:
    """The lists' containers and entries, in document order (no headings: see ``find_item_lists``)."""
    page = _Page(tree, base_url, today)
    claimed: set[int] = set()
    groups: list[EntryGroup] = []
    anchors = list(_anchor_candidates(page))
    for hidden in (False, True):
        candidates = [c for c in anchors if page.is_hidden(c.node) == hidden]
        groups.extend(_group_entries(candidates, page, claimed, hidden=hidden))
    groups.extend(_group_entries(list(_dated_row_candidates(page, claimed)), page, claimed, hidden=False))
    order = {node.mem_id: index for index, node in enumerate(tree.root.traverse())} if tree.root else {}
    groups.sort(key=lambda group: order.get(group.container.mem_id, 0))
    return groups


def _ancestors(node: LexborNode) -> list[LexborNode]:
    chain = []
    current = node.parent
    while current is not None and current.tag not in ("html", "-document"):
        chain.append(current)
        current = current.parent
    return chain


def _anchor_candidates(page: _Page) -> Iterator[_Candidate]:
    for anchor in page.tree.css("a"):
        title = link_title(anchor)
        if _DATE_LIKE.search(title):
            title = _title_without_date(anchor, title, page.today)
        if not is_title_text(title):
            continue
        url = _anchor_url(anchor, page.base_url)
        yield _Candidate(anchor, url or title, title, url, _ancestors(anchor))


def _anchor_url(anchor: LexborNode, base_url: str) -> str:
    url = normalise_url(anchor.attributes.get("href") or "", base_url)
    if url is None:
        targets = script_targets(anchor.attributes.get("onclick") or "")
        url = normalise_url(targets[0], base_url) if targets else None
    return url or ""


_DATE_LIKE = re.compile(r"\d\s*[-/.年月]\s*\d")  # a cheap test before the date parser


def _title_without_date(anchor: LexborNode, title: str, today: datetime.date) -> str:
    """The title of a link that wraps its date too: <a><span>标题</span><span>2026-11-20</span></a>."""
    for child in anchor.iter(include_text=False):
        text = one_line(child.text())
        if len(text) <= 24 and not is_title_text(text) and find_dates(text, today=today):
            title = one_line(title.replace(text, " "))
    return title


def _dated_row_candidates(page: _Page, claimed: set[int]) -> Iterator[_Candidate]:
    """Dates outside the rows found so far: rows whose title is no link (留言选登 on nfra.gov.cn)."""
    body = page.tree.body
    if body is None:
        return
    for holder in body.traverse():  # elements only: their own text, children's text apart
        if holder.tag in ("script", "style", "a", "option", "textarea"):
            continue
        text = holder.text(deep=False).strip()
        if not 6 <= len(text) <= 40 or not _DATE_LIKE.search(text):
            continue
        if not find_dates(text, today=page.today) or page.is_hidden(holder):
            continue
        ancestors = _ancestors(holder)
        if holder.mem_id in claimed or any(a.mem_id in claimed for a in ancestors):
            continue
        yield _Candidate(holder, f"date@{holder.mem_id}", "", "", ancestors)


def _group_entries(
    candidates: list[_Candidate], page: _Page, claimed: set[int], *, hidden: bool
) -> list[EntryGroup]:
    candidates = [
        c
        for c in candidates
        if c.node.mem_id not in claimed and not any(a.mem_id in claimed for a in c.ancestors)
    ]
    keys: dict[int, set[str]] = defaultdict(set)
    for candidate in candidates:
        for ancestor in candidate.ancestors:
            keys[ancestor.mem_id].add(candidate.key)
    by_container: dict[int, dict[int, tuple[LexborNode, _Candidate]]] = defaultdict(dict)
    containers: dict[int, LexborNode] = {}
    for candidate in candidates:
        entry = _widest_single(candidate, keys)
        if entry.parent is None:
            continue
        containers[entry.parent.mem_id] = entry.parent
        by_container[entry.parent.mem_id].setdefault(entry.mem_id, (entry, candidate))
    groups = []
    for container_id, found in by_container.items():
        for group in _accept(containers[container_id], list(found.values()), page, keys, hidden=hidden):
            claimed.update(entry.node.mem_id for entry in group.entries)
            groups.append(group)
    return groups


def _widest_single(candidate: _Candidate, keys: dict[int, set[str]]) -> LexborNode:
    """The largest element around the candidate that holds no other item."""
    entry = candidate.node
    for ancestor in candidate.ancestors:
        if len(keys[ancestor.mem_id]) > 1:
            return entry
        entry = ancestor
    return entry  # the only item on the page: a list only if its row says so (see _single_row)


_INLINE = frozenset(("span", "strong", "b", "em", "i", "u", "font", "small", "label"))


def _shape(entry: LexborNode, candidate: _Candidate) -> tuple[str, ...]:
    """The entry's tag and the block tags down to its title: rows of one list are built alike, while
    a tab strip beside its panels (both holding one title) is not."""
    path = [entry.tag]
    for ancestor in candidate.ancestors:
        if ancestor.mem_id == entry.mem_id:
            break
        if ancestor.tag not in _INLINE:
            path.append(ancestor.tag)
    return tuple(path)


def _accept(
    container: LexborNode,
    found: list[tuple[LexborNode, _Candidate]],
    page: _Page,
    keys: dict[int, set[str]],
    *,
    hidden: bool,
) -> list[EntryGroup]:
    if hidden and not page.is_hidden(container):
        return []  # hidden titles inside visible rows are a template's alternatives, not items
    shapes = Counter(_shape(node, candidate) for node, candidate in found)
    shape, count = shapes.most_common(1)[0]
    if count >= 2:
        alike = (_entry(node, c, page, keys) for node, c in found if _shape(node, c) == shape)
        entries = tuple(entry for entry in alike if entry is not None)
        if len(entries) >= 2:
            return [EntryGroup(container, entries, hidden=hidden)]
    singles = (
        _single_row(candidate, page, keys) for _, candidate in found if candidate.url or candidate.title
    )
    return [EntryGroup(row_parent, (entry,), hidden=hidden) for row_parent, entry in filter(None, singles)]


def _single_row(
    candidate: _Candidate, page: _Page, keys: dict[int, set[str]]
) -> tuple[LexborNode, Entry] | None:
    """A list of one item: accepted only where the row says it is one (a repeat template, or a date)."""
    for row in [candidate.node, *candidate.ancestors][:6]:
        if row.tag not in ("li", "tr", "dd", "tbody") and not _is_repeated(row):
            continue
        entry = _entry(row, candidate, page, keys)
        if entry is None or row.parent is None:
            return None
        if _is_repeated(row) or entry.item.published is not None:
            return row.parent, entry
        return None
    return None


def _is_repeated(node: LexborNode) -> bool:
    attributes = node.attributes
    return any(name in attributes for name in _REPEAT_ATTRIBUTES)


def _entry(node: LexborNode, candidate: _Candidate, page: _Page, keys: dict[int, set[str]]) -> Entry | None:
    if node.tag in _NOT_ENTRIES:
        return None
    text = _flat_text(node)
    title, url = candidate.title, candidate.url
    if not title:  # a link-less row found from its date
        title, url = _row_title(node, page)
        if not title:
            return None
    if len(text) > len(title) + _MAX_ENTRY_EXTRA_CHARS or len(node.css("a")) > _MAX_ENTRY_LINKS:
        return None
    # The date is looked for outside the title: titles name dates too ("关于2026年11月20日…").
    rest = text.replace(title, " ")
    if candidate.node.tag == "a":  # the shown text of a cut title, and its hidden twin
        rest = rest.replace(_flat_text(candidate.node), " ")
    dates = find_dates(rest, today=page.today) or _neighbour_date(node, page, keys)
    return Entry(node, ItemEvidence(title=title, url=url, published=dates[0] if dates else None))


def _flat_text(node: LexborNode) -> str:
    # Cells apart (so "12" and "2026-11-20" in two cells do not run together), on one line.
    return " ".join(node.text(deep=True, separator=" ").split())


def _neighbour_date(node: LexborNode, page: _Page, keys: dict[int, set[str]]) -> list[datetime.date]:
    # <dl><dt>11-20</dt><dd><a>title</a></dd>…: the date sits in a sibling that holds no item.
    for sibling in (_element_sibling(node, backwards=True), _element_sibling(node, backwards=False)):
        if sibling is None or keys.get(sibling.mem_id):
            continue
        text = sibling.text(deep=True).strip()
        if len(text) <= 30:
            dates = find_dates(text, today=page.today)
            if dates:
                return dates
    return []


def _element_sibling(node: LexborNode, *, backwards: bool) -> LexborNode | None:
    sibling = node.prev if backwards else node.next
    while sibling is not None and sibling.tag.startswith("-"):
        sibling = sibling.prev if backwards else sibling.next
    return sibling


def _row_title(node: LexborNode, page: _Page) -> tuple[str, str]:
    """Title and (optional) link of a row whose title is plain text: a ``title`` attribute, else the
    longest text in the row that is not a date or a label."""
    title = ""
    for element in node.css("[title]"):
        candidate = one_line(element.attributes.get("title") or "")
        if "<" not in candidate and is_title_text(candidate) and not page.is_hidden(element):
            title = candidate
            break
    if not title:
        texts = (one_line(t) for t in _texts(node))
        plain = [t for t in texts if is_title_text(t) and not find_dates(t, today=page.today)]
        plain = [t for t in plain if not t.endswith((":", "："))]
        title = max(plain, key=len, default="")
    link = node.css_first("a[href]")
    return title, (_anchor_url(link, page.base_url) if link is not None else "")


def _texts(node: LexborNode) -> Iterable[str]:
    for child in node.traverse(include_text=True):
        if child.tag == "-text" and child.parent is not None and child.parent.tag not in ("script", "style"):
            yield child.text(deep=False)


# --- headings --------------------------------------------------------------------------------------

_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend"))
# Class names templates give a block's title bar: title, tit, hd, head, bt (标题), lm (栏目), name.
_HEADING_CLASS = re.compile(
    r"(?:^|[-_\s])(?:[a-z]*tit(?:le)?|hd|head(?:er|ing)?|bt|lm|name|caption)(?:$|[-_\s\d])", re.I
)
_SHORT_HEADING = (2, 16)  # characters of a plain-text heading ("通知公告", "政务咨询")
_MORE_WORD = re.compile(r"^(?:更多|查看更多|更多内容|更多信息|more)[\W_]*$", re.I)
_MORE_SIGN = re.compile(r"^(?:>>|»|》》|\+|＋|\.\.\.|…)$")
_TRAILING_MORE = re.compile(r"(?:更多|more)?[\s>»》+＋]*$", re.I)
_BLOCK_LEVELS = 3
_MAX_DEPTH = 100  # nesting read for a heading's visible text (unclosed tags nest without end)
_NOT_CONTENT = frozenset(("head", "title", "script", "style", "noscript", "template"))


def lists_beneath(containers: list[LexborNode]) -> Counter[int]:
    """How many of the lists each element holds (by ``mem_id``): a block holds one list only."""
    return Counter(node.mem_id for container in containers for node in [container, *_ancestors(container)])


def block_heading(container: LexborNode, beneath: Counter[int], base_url: str) -> tuple[str, str]:
    """The heading and the "更多" URL of the block holding ``container``.

    The block is the largest element (a few levels up at most) that holds no other list. The heading
    is the nearest heading-like element before the list inside it (h1–h4, .title/.tit/.hd, a short
    span in a header bar), else the tab naming the list's panel, else a heading just above the block.
    """
    block = container
    for _ in range(_BLOCK_LEVELS):
        parent = block.parent
        if parent is None or parent.tag in _NOT_ENTRIES or beneath.get(parent.mem_id, 1) > 1:
            break
        block = parent
    header = _heading_within(container, block) or _tab_for(container) or _heading_above(block)
    heading = _clean_heading(_visible_text(header)) if header is not None else ""
    more = _more_link(block, container, base_url)
    if header is not None and not more:
        link = header if header.tag == "a" else header.css_first("a[href]")
        more = _anchor_url(link, base_url) if link is not None else ""
    if not heading and more:
        heading = _clean_heading(_more_anchor_title(block, container))
    return heading, more


def _heading_within(container: LexborNode, block: LexborNode) -> LexborNode | None:
    node = container
    while node.mem_id != block.mem_id and node.parent is not None:
        for sibling in _preceding(node, limit=3):
            found = _as_heading(sibling)
            if found is not None:
                return found
        node = node.parent
    return None


def _heading_above(block: LexborNode) -> LexborNode | None:
    for node in (block, block.parent):
        if node is None:
            return None
        for sibling in _preceding(node, limit=1):
            found = _as_heading(sibling)
            if found is not None:
                return found
    return None


def _preceding(node: LexborNode, *, limit: int) -> Iterator[LexborNode]:
    sibling = node.prev
    while sibling is not None and limit > 0:
        if not sibling.tag.startswith("-") and sibling.tag not in _NOT_CONTENT:
            yield sibling
            limit -= 1
        sibling = sibling.prev


def _as_heading(node: LexborNode) -> LexborNode | None:
    """``node``, or the heading tag inside it, when it reads as a block heading: a heading tag, a
    title-bar class, or a short text ("通知公告 更多>>")."""
    if _tab_items(node):
        return None  # a strip of tabs names several panels: _tab_for picks the right one
    if not (_is_heading_like(node) or _is_short_text(node)):
        return None
    inner = [n for n in node.css(",".join(sorted(_HEADING_TAGS))) if _is_short_text(n)]
    if inner:
        return inner[-1]
    return node if _is_short_text(node) else None


def _is_heading_like(node: LexborNode) -> bool:
    if node.tag in _HEADING_TAGS:
        return True
    classes = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    return bool(_HEADING_CLASS.search(classes))


def _is_short_text(node: LexborNode) -> bool:
    low, high = _SHORT_HEADING
    if len(node.text(deep=True)) > 50 * high:  # a block of content (50: room for template indentation)
        return False
    return low <= len(_clean_heading(_visible_text(node))) <= high


def _visible_text(node: LexborNode, depth: int = 0) -> str:
    """Text a visitor sees: hidden alternatives (ng-hide twins) left out."""
    if hides(node):
        return ""
    if node.tag == "-text" or depth > _MAX_DEPTH:
        return node.text()
    parts = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            parts.append(child.text(deep=False))
        elif not child.tag.startswith("-"):
            parts.append(_visible_text(child, depth + 1))
        child = child.next
    return " ".join(parts)


def _clean_heading(text: str) -> str:
    text = one_line(text)
    if len(text) > 4 * _SHORT_HEADING[1]:
        return text  # a block of content, not a heading (and no regex over long text)
    return _TRAILING_MORE.sub("", text).strip(" :：|·•")


def _tab_for(container: LexborNode) -> LexborNode | None:
    """The tab naming a panel: the k-th tab of the strip before the panels names the k-th panel."""
    panel = container
    for _ in range(3):
        parent = panel.parent
        if parent is None:
            return None
        signature = _signature(panel)
        panels = [child for child in _children(parent) if _signature(child) == signature]
        if len(panels) >= 2:
            index = next(i for i, p in enumerate(panels) if p.mem_id == panel.mem_id)
            for strip_holder in _preceding(parent, limit=1):
                tabs = _tab_items(strip_holder)
                if len(panels) <= len(tabs) <= len(panels) + 1:
                    return tabs[index]
            return None
        panel = parent
    return None


def _tab_items(strip: LexborNode) -> list[LexborNode]:
    """The tabs of a tab strip: two or more alike children with short names; [] for anything else."""
    items = list(_children(strip))
    while len(items) == 1:  # <div class="tab-hd"><ul><li>…
        items = list(_children(items[0]))
    tabs = [item for item in items if _is_short_text(item)]
    if len(tabs) < 2 or len({tab.tag for tab in tabs}) > 1 or any(_more_in(tab) for tab in tabs):
        return []
    return tabs


def _more_in(node: LexborNode) -> bool:
    return any(_is_more(anchor) for anchor in ([node] if node.tag == "a" else node.css("a")))


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if not child.tag.startswith("-"):
            yield child
        child = child.next


def _signature(node: LexborNode) -> tuple[str, str]:
    classes = (node.attributes.get("class") or "").split()
    return node.tag, classes[0] if classes else ""


def _more_link(block: LexborNode, container: LexborNode, base_url: str) -> str:
    scopes = (
        [block]
        if block.mem_id != container.mem_id
        else [n for n in (container.prev, container.next) if n is not None]
    )
    for scope in scopes:
        anchors = [scope] if scope.tag == "a" else scope.css("a")
        for anchor in anchors:
            if _is_more(anchor):
                url = _anchor_url(anchor, base_url)
                if url:
                    return url
    return ""


def _is_more(anchor: LexborNode) -> bool:
    text = one_line(anchor.text(deep=True)).replace(" ", "")
    if text:
        return bool(_MORE_WORD.match(text) or _MORE_SIGN.match(text))
    attrs = anchor.attributes
    hints = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    image = anchor.css_first("img")
    if image is not None:
        hints += f" {image.attributes.get('alt') or ''} {image.attributes.get('src') or ''}"
    return "more" in hints.lower() or "更多" in hints


def _more_anchor_title(block: LexborNode, container: LexborNode) -> str:
    for anchor in block.css("a"):
        if _is_more(anchor):
            return anchor.attributes.get("title") or ""
    return ""


# --- pagination ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a list continues: the next page, the page count when the page states it, every page URL
    the page reveals (numbered links, TRS index_N.html, Hanweb proxy groups)."""

    next_url: str = ""
    total_pages: int | None = None
    current_page: int | None = None  # 1-based
    page_urls: tuple[str, ...] = ()


_NEXT_TEXT = re.compile(r"^(?:下一页|下页|下一頁|后一页|next|nextpage|>|›)$", re.I)
_LAST_TEXT = re.compile(r"^(?:尾页|末页|最后一页|last|lastpage)$", re.I)
_PREVIOUS_TEXT = re.compile(r"^(?:上一页|上页|上一頁|前一页|prev|previous|<|‹)$", re.I)
# index_1.html (TRS: the second page), index_2.shtml, list_3.htm: never the first page of a list.
_LATER_PAGE_FILE = re.compile(r"/(?:index|list|default)_\d+\.s?html?$", re.I)
_TOTAL_PAGES = (
    re.compile(r"共\s*(\d+)\s*页"),
    re.compile(r"页次\s*[:：]?\s*\d+\s*/\s*(\d+)"),
    re.compile(r"第\s*\d+\s*/\s*(\d+)\s*页"),
    re.compile(r"(?<![\d/])\d+\s*/\s*(\d+)\s*页"),
)
_PAGE_PARAMETERS = ("page", "pagenum", "pageno", "pageindex", "curpage", "currentpage", "pn")


def find_pagination(html: str, base_url: str) -> Pagination:
    """Paging links (下一页, 尾页, ?page=N, Hanweb pageNum), the stated page count (共N页, 页次 3/7), and
    the pages scripts draw (TRS createPageHTML, Hanweb proxy groups)."""
    tree = parse(html)
    here = normalise_url(base_url, base_url)
    next_url = ""
    last_page: int | None = None
    numbered: dict[int, str] = {}
    has_previous = False  # a 上一页 leading elsewhere: this is not the first page
    for anchor in tree.css("a"):
        url = _anchor_url(anchor, base_url)
        if not url or url == here:
            continue
        text = one_line(anchor.text(deep=True)).replace(" ", "")
        page = _page_parameter(url)
        if not next_url and (
            _NEXT_TEXT.match(text) or "next" in (anchor.attributes.get("class") or "").split()
        ):
            next_url = url
        has_previous = has_previous or bool(_PREVIOUS_TEXT.match(text))
        if page is not None:
            numbered.setdefault(page, url)
            if _LAST_TEXT.match(text):
                last_page = page
    body_text = tree.body.text(deep=True, separator=" ") if tree.body is not None else ""
    total = next((int(m.group(1)) for p in _TOTAL_PAGES if (m := p.search(body_text))), last_page)
    current = _page_parameter(base_url) or 1
    if current == 1 and (has_previous or _LATER_PAGE_FILE.search(urlsplit(here).path)):
        current = 2  # at least; the exact number is not needed to know the list was already read
    next_url = next_url or numbered.get(current + 1, "")
    urls = [url for _, url in sorted(numbered.items())]
    for scripted in (trs_paging(html, base_url), script_paging(html, base_url)):
        total = total or scripted.total_pages
        current = scripted.current_page or current
        next_url = next_url or scripted.next_url
        urls.extend(scripted.urls)
    if next_url:
        urls.append(next_url)
    return Pagination(next_url, total, current, tuple(dict.fromkeys(urls)))


def _page_parameter(url: str) -> int | None:
    if "=" not in url:
        return None
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _PAGE_PARAMETERS and value.isdigit():
            return int(value)
    return None
