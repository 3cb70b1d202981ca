"""An article page read as an inspector reads it: title, dates, source, author and body text.

Government CMSs (TRS, Hanweb, Ucap, our own platform) put the standard meta tags in the head
(ArticleTitle, PubDate, ContentSource, …), a title and a "发布时间：… 来源：…" line above the text, and the
text in a container whose name betrays the CMS (TRS_Editor, UCAP-CONTENT, zoom). Each fact is read from
the most reliable place first and from the visible page as a fallback.
"""

import datetime
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.inspection import ArticleEvidence

from .dates import parse_date, parse_full_date
from .metadata import (
    DisclosureMetadata,
    extract_disclosure_metadata,
    looks_like_metadata,
    may_hold_metadata,
    signature_date,
)
from .text import block_text, compact, fold_width, squash_spaces, visible_tree

__all__ = ["GOV_META_NAMES", "ArticlePage", "extract_article"]

# The meta tags of the national government-site specification, plus the ones pages commonly add.
GOV_META_NAMES = (
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
    "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Author", "EditorName", "Keywords",
    "Description", "Url", "lastmodifiedtime",
)  # fmt: skip
_META_NAME_CASE = {name.lower(): name for name in GOV_META_NAMES}


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One article page. `meta` holds the gov meta tags as written (ArticleTitle may carry markup);
    `written` and `signed` come from the disclosure metadata table and the body's signature, when the
    page has such a table."""

    url: str
    title: str
    published: datetime.date | None
    source: str = ""
    author: str = ""
    body_text: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    disclosure: DisclosureMetadata = field(default_factory=DisclosureMetadata)
    written: datetime.date | None = None
    signed: datetime.date | None = None

    def to_evidence(self) -> ArticleEvidence:
        return ArticleEvidence(
            url=self.url,
            title=self.title,
            published=self.published,
            text=self.body_text,
            written=self.written,
            signed=self.signed,
        )


def extract_article(html: str, url: str, *, today: datetime.date) -> ArticlePage:
    """Read the article on the page at ``url``; ``today`` dates list-style short dates (11-20)."""
    tree = visible_tree(html)
    meta = _gov_meta(tree)
    disclosure = extract_disclosure_metadata(html, tree)  # before _body_container changes the tree
    body = tree.body
    page_text = block_text(body) if body is not None else ""
    container = _body_container(body, may_hold_metadata(html)) if body is not None else None
    title = _title(tree, meta, container)
    body_text = block_text(container) if container is not None else ""
    around = _Around.title(page_text, title, body_text)
    return ArticlePage(
        url=url,
        title=title,
        published=_published(meta, disclosure, around, today),
        source=around.nearest(_SOURCE) or meta.get("ContentSource", "") or _labelled(around.rest, _SOURCE),
        author=meta.get("Author", "") or _labelled(around.rest, _AUTHOR) or _labelled(around.rest, _EDITOR),
        body_text=body_text,
        meta=meta,
        disclosure=disclosure,
        written=disclosure.written_date,
        signed=None if disclosure.is_empty else signature_date(body_text, today=today),
    )


def _gov_meta(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = _META_NAME_CASE.get((node.attributes.get("name") or "").strip().lower())
        if name is not None and name not in found:
            found[name] = (node.attributes.get("content") or "").strip()
    return found


# --- title ------------------------------------------------------------------------------------------

_TAG = re.compile(r"\s*<[^>]*>\s*")
_TITLE_CANDIDATES = "h1, h2, h3, [class*=title], [id*=title], [class*=Title], [id*=Title]"
_TITLE_LENGTH = range(5, 201)
# "标题_站点名": the part after the last separator names the site, when it looks like one.
_TITLE_SUFFIX = re.compile(r"^(?P<title>.+?)\s*(?:_|\||｜| - | — |－|-{2,})\s*(?P<site>[^_|｜]{2,40})$")
_SITE_WORDS = ("网", "政府", "门户", "人民", "省", "市", "县", "区", "局", "委", "厅", "办", "部", "院", "中心")  # fmt: skip


def _title(tree: LexborHTMLParser, meta: dict[str, str], container: LexborNode | None) -> str:
    # ArticleTitle sometimes carries markup (<div>——副题</div> on bynr.gov.cn): text only.
    if from_meta := squash_spaces(_TAG.sub("", meta.get("ArticleTitle", ""))):
        return from_meta
    if tree.body is not None and (from_page := _visible_title(tree.body, container)):
        return from_page
    head_title = tree.css_first("title")
    if head_title is None:
        return ""
    return _without_site_suffix(squash_spaces(head_title.text()), meta.get("SiteName", ""))


def _visible_title(body: LexborNode, container: LexborNode | None) -> str:
    """The heading nearest above the article text. Navigation lists carry "title" classes too, so
    the position relative to the text decides, not the first match on the page."""
    order = {node.mem_id: index for index, node in enumerate(body.traverse())}
    limit = order.get(container.mem_id, len(order)) if container is not None else len(order)
    above: tuple[int, str] | None = None
    first = ""
    for node in body.css(_TITLE_CANDIDATES):
        text = squash_spaces(node.text(deep=True).replace("\n", " "))
        if len(text) not in _TITLE_LENGTH or _is_link_like(node):
            continue
        index = order.get(node.mem_id, len(order))
        first = first or text
        if index < limit and (above is None or index > above[0]) and not _contains(node, container):
            above = (index, text)
    return above[1] if above is not None else first


def _is_link_like(node: LexborNode) -> bool:
    # Lists of other articles also carry "title" classes; the page's own title is not a link.
    if node.css_first("a") is not None:
        return True
    ancestor = node.parent
    while ancestor is not None and ancestor.tag not in ("body", "html"):
        if ancestor.tag in ("a", "li"):
            return True
        ancestor = ancestor.parent
    return False


def _without_site_suffix(title: str, site_name: str) -> str:
    match = _TITLE_SUFFIX.match(title)
    if match is None:
        return title
    site = match["site"]
    if (site_name and site_name in site) or any(word in site for word in _SITE_WORDS):
        return match["title"]
    return title


@dataclass(frozen=True, slots=True)
class _Around:
    """The visible text around the title, where pages put the "发布时间：… 来源：…" line (above the
    title on some sites, below it on most) and, after the body, "责任编辑：…"."""

    before: str = ""  # the lines just above the title
    after: str = ""  # the lines just below it
    rest: str = ""  # everything from the title on

    def nearest(self, pattern: re.Pattern[str]) -> str:
        """The labelled value closest to the title, above or below it (a short article's "below"
        reaches the footer, whose copyright notice says "注明来源：…")."""
        found = [(m.start(), _value(self.after, m)) for m in pattern.finditer(fold_width(self.after))]
        found += [
            (len(self.before) - m.start(), _value(self.before, m))
            for m in pattern.finditer(fold_width(self.before))
        ]
        return min(found)[1] if found else ""

    @classmethod
    def title(cls, page_text: str, title: str, body_text: str) -> "_Around":
        if not title:
            return cls()
        # Pages break long titles over lines or around markup: find the title by its first characters.
        # Lists of related articles may repeat them, so take the last occurrence above the body.
        head = title[:12]
        body_start = page_text.find(body_text[:30]) if body_text else -1
        position = page_text.rfind(head, 0, body_start) if body_start > 0 else -1
        if position < 0:
            position = page_text.find(head)
        if position < 0:
            return cls()
        end = position + (len(title) if page_text.startswith(title, position) else len(head))
        return cls(
            before=page_text[max(0, position - _BEFORE_TITLE) : position],
            after=page_text[end : end + _AFTER_TITLE],
            rest=page_text[end:],
        )


_BEFORE_TITLE = 300  # characters
_AFTER_TITLE = 600


# --- dates, source, author --------------------------------------------------------------------------

_LABELLED_DATE = re.compile(
    r"(?:(?:信息)?发布(?:时间|日期)|发表(?:时间|日期)|发文日期|更新(?:时间|日期)|(?<![\u4e00-\u9fff])(?:时间|日期))"
    r"\s*[:：]\s*(?P<value>\S[^\n]{0,30})"
)


def _published(
    meta: dict[str, str], disclosure: DisclosureMetadata, around: _Around, today: datetime.date
) -> datetime.date | None:
    if found := parse_full_date(meta.get("PubDate", "")):
        return found
    if disclosure.pub_date is not None:
        return disclosure.pub_date
    if (labelled := around.nearest(_LABELLED_DATE)) and (found := parse_date(labelled, today=today)):
        return found
    # No label: the first date on the lines under the title (not in the title itself).
    return parse_date(around.after[:200], today=today)


_VALUE = r"\s*[:：]\s*(?P<value>[^\s|｜【】\[\]“”\"。，,;；]{1,40})"
_SOURCE = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)" + _VALUE)
_AUTHOR = re.compile(r"(?:作者|撰稿)" + _VALUE)
_EDITOR = re.compile(r"(?:责任编辑|编辑)" + _VALUE)
# Labels that run on after a value when the page puts no space between them (来源：新华社编辑：张三).
_NEXT_LABEL = re.compile(r"(?:编辑|作者|责任编辑|发布时间|发布日期|时间|日期|浏览|点击|字号)[:：]?.*$")


def _labelled(text: str, pattern: re.Pattern[str]) -> str:
    match = pattern.search(fold_width(text))
    return _value(text, match) if match is not None else ""


def _value(text: str, match: re.Match[str]) -> str:
    # Slice the original (fold_width keeps positions), so full-width names stay as written.
    value = text[match.start("value") : match.end("value")]
    return _NEXT_LABEL.sub("", value).strip()


# --- body -------------------------------------------------------------------------------------------

# Containers named by the common CMSs, then generic names that may also wrap a whole page.
_BODY_SELECTORS = (
    "#UCAP-CONTENT, .TRS_Editor, .TRS_UEDITOR, .trs_editor_view, #zoom, .article-content, #article-content, "
    ".article_content, .article-body, .pages_content, .wenzhang-content, #wenzhang-content, .news_content, "
    ".art_con, .contents_div, #pare",
    "#content, .content, article, .article, #article, main",
)
_FOOTER_SELECTOR = "footer, [role=contentinfo], #footer, .footer, #foot, .foot, #copyright, .copyright"
_MIN_BODY_CHARS = 50
_LONGEST_METADATA = 1500  # characters; a longer table holding labels is content that mentions them
_LINK_HEAVY = 0.5  # a container more than half links is navigation, not an article
_INNER_SHARE = 0.6  # a container nested in another and holding this much of its text is the tighter fit


def _body_container(body: LexborNode, metadata_possible: bool = True) -> LexborNode | None:
    """The element holding the article text. Metadata tables are removed from the page first: they
    are read on their own (extract_disclosure_metadata), and the body is the document."""
    for block in body.css("table, ul, dl") if metadata_possible else ():
        text = block.text()
        if len(text) < _LONGEST_METADATA and looks_like_metadata(text):
            block.decompose()
    # The footer (主办单位, 标识码, 备案号) is the densest text on a page without an article: reading it
    # as the body would make every list page an "article", and every such article a twin of the others.
    for block in body.css(_FOOTER_SELECTOR):
        block.decompose()
    return _named_container(body) or _densest_container(body)


def _text_size(node: LexborNode) -> tuple[int, int]:
    text = len(compact(node.text(deep=True)))
    links = sum(len(compact(link.text(deep=True))) for link in node.css("a"))
    return text, links


def _named_container(body: LexborNode) -> LexborNode | None:
    for selector in _BODY_SELECTORS:
        sized = []
        for node in body.css(selector):
            text, links = _text_size(node)
            if text >= _MIN_BODY_CHARS and links <= text * _LINK_HEAVY:
                sized.append((text, node))
        if not sized:
            continue
        sized.sort(key=lambda pair: pair[0], reverse=True)
        best_size, best = sized[0]
        # Named containers nest (TRS_Editor in #zoom): the inner one is the tighter fit when it
        # holds most of the outer one's text.
        for size, node in sized[1:]:
            if size >= best_size * _INNER_SHARE and _contains(best, node):
                best_size, best = size, node
        return best
    return None


def _densest_container(body: LexborNode) -> LexborNode | None:
    best, best_score = None, 0
    for node in body.css("div, td, section, main, article"):
        text, links = _text_size(node)
        if text - 2 * links > best_score:
            best, best_score = node, text - 2 * links
    if best is None or best_score < _MIN_BODY_CHARS:
        return None
    # Walk down while one child carries most of the weight: the wrapper's sidebars fall away.
    descended = True
    while descended:
        descended = False
        for child in best.iter():
            text, links = _text_size(child)
            if text - 2 * links >= best_score * _INNER_SHARE:
                best, best_score, descended = child, text - 2 * links, True
                break
    return best


def _contains(outer: LexborNode, inner: LexborNode | None) -> bool:
    node = inner.parent if inner is not None else None
    while node is not None:
        if node.mem_id == outer.mem_id:
            return True
        node = node.parent
    return False
