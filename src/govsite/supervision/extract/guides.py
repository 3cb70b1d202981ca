"""Which 办事指南 elements a service guide really fills in (SPEC §5), and the forms it offers.

Guides are written every way: a table of label and value cells, a definition list, numbered headings
("一、申请条件") followed by paragraphs, or "办理地点：…" lines. The page is read as a sequence of
lines (one per block element or ``<br>``); a line that starts with a known label opens a section, and
the section's content is the value cell beside it, its inline value, or the lines up to the next label.

An element counts only with content: an empty cell, "暂无", or "详见附件" where nothing is attached is
missing (SPEC §7: service sections that are empty shells). "无" is content only for fees (no fee).

``labelled_sections`` is the general reader; letter detail pages use it too.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.inspection import GuideElement, LinkKind, ServiceGuideEvidence

from .links import hides, link_kind, normalise_url, one_line
from .tree import compact_text, parse

__all__ = [
    "GUIDE_LABELS",
    "GuideFacts",
    "Section",
    "guide_elements",
    "labelled_sections",
    "read_guide",
]

Key = TypeVar("Key")

# Label synonyms per element, as real guides write them.
GUIDE_LABELS: dict[GuideElement, tuple[str, ...]] = {
    GuideElement.NAME: ("事项名称", "项目名称", "服务事项名称", "办理事项名称"),
    GuideElement.BASIS: ("设定依据", "法律依据", "办理依据", "实施依据", "法定依据", "政策依据"),
    GuideElement.CONDITIONS: ("申请条件", "受理条件", "办理条件", "申报条件"),
    GuideElement.MATERIALS: ("办理材料", "申请材料", "申报材料", "所需材料", "提交材料", "材料目录", "申请材料目录"),
    GuideElement.PLACE: ("办理地点", "受理地点", "办公地址", "办理地址", "受理地址", "窗口地址"),
    GuideElement.HOURS: ("办理时间", "受理时间", "办公时间", "工作时间"),
    GuideElement.CONTACT: ("联系电话", "咨询电话", "咨询方式", "监督电话", "投诉电话", "联系方式", "监督投诉电话"),
    GuideElement.PROCESS: ("办理流程", "办事流程", "办理程序", "办理步骤", "审批流程"),
    GuideElement.TIME_LIMIT: ("办理时限", "承诺时限", "法定时限", "承诺办结时限", "法定办结时限"),
    GuideElement.FEES: ("收费标准", "收费依据", "是否收费", "收费情况"),
    GuideElement.FORMS: ("表格下载", "表格及样表", "附件", "样表下载", "申请表下载", "表格样表"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Section:
    """What follows one label: the label as written, its content on one line, the links in it."""

    label: str
    text: str
    links: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuideFacts:
    evidence: ServiceGuideEvidence
    sections: dict[GuideElement, Section] = field(default_factory=dict)  # every label found, filled or not
    forms: tuple[str, ...] = ()  # attachment and form links, for the crawler to check


_ANY_LABEL = {
    element: re.compile("|".join(map(re.escape, synonyms))) for element, synonyms in GUIDE_LABELS.items()
}


def shows_guide_labels(html: str, at_least: int) -> bool:
    """Whether the page's text holds labels of ``at_least`` different elements, spaces ignored: a quick
    test before ``read_guide``, which can find no more sections than this."""
    text = compact_text(html)
    found = 0
    for pattern in _ANY_LABEL.values():
        if pattern.search(text):
            found += 1
            if found >= at_least:
                return True
    return False


def guide_elements(html: str, url: str) -> ServiceGuideEvidence:
    """The elements the guide at ``url`` fills in (see ``read_guide`` for the sections and forms)."""
    return read_guide(html, url).evidence


def read_guide(html: str, url: str) -> GuideFacts:
    tree = parse(html)
    labels = {synonym: element for element, synonyms in GUIDE_LABELS.items() for synonym in synonyms}
    sections = labelled_sections(tree, url, labels)
    page_attachments = _page_attachments(tree, url)
    present = {
        element
        for element, section in sections.items()
        if has_content(section, allow_none=element is GuideElement.FEES, attached=bool(page_attachments))
    }
    forms_section = sections.get(GuideElement.FORMS)
    forms = tuple(dict.fromkeys([*(forms_section.links if forms_section else ()), *page_attachments]))
    if page_attachments:
        present.add(GuideElement.FORMS)  # forms offered for download, whatever their label says
    name_section = sections.get(GuideElement.NAME)
    name = (
        name_section.text if name_section is not None and GuideElement.NAME in present else _page_name(tree)
    )
    evidence = ServiceGuideEvidence(name=name, url=url, elements=frozenset(present))
    return GuideFacts(evidence, sections, forms)


# A value that says nothing: 暂无, 无, -, /, 空, 待补充 … ("无" is an answer only where "none" is one).
_EMPTY_VALUES = frozenset(("暂无", "空", "-", "--", "—", "/", "待补充", "待定", "略", "null", "none"))
_SEE_ATTACHMENT = re.compile(r"^(?:详|具体)?见附件\W*$|^详见附件.{0,6}$")
_PUNCTUATION = re.compile(r"[\s\W_]+")


def has_content(section: Section, *, allow_none: bool = False, attached: bool = False) -> bool:
    """Whether a section holds a real value, not an empty cell, "暂无" or a pointer to nothing."""
    text = section.text.strip(" ：:;；。.,，")
    core = _PUNCTUATION.sub("", text)
    if not core and not section.links:
        return False
    if core.lower() in _EMPTY_VALUES or text in _EMPTY_VALUES:
        return False
    if core == "无":
        return allow_none
    if _SEE_ATTACHMENT.match(core):
        return bool(section.attachments) or attached
    return True


def _page_attachments(tree: LexborHTMLParser, url: str) -> list[str]:
    found = []
    for anchor in _content_anchors(tree):
        target = normalise_url(anchor.attributes.get("href") or "", url)
        if target and link_kind(target) is LinkKind.ATTACHMENT:
            found.append(target)
    return list(dict.fromkeys(found))


def _content_anchors(tree: LexborHTMLParser) -> list[LexborNode]:
    return [anchor for anchor in tree.css("a[href]") if not any(_is_chrome(a) for a in _lineage(anchor))]


def _lineage(node: LexborNode) -> list[LexborNode]:
    chain = []
    current: LexborNode | None = node
    while current is not None and current.tag not in ("html", "-document"):
        chain.append(current)
        current = current.parent
    return chain


def _page_name(tree: LexborHTMLParser) -> str:
    for selector in ("h1", "h2", "title"):
        node = tree.css_first(selector)
        if node is not None and one_line(node.text()):
            return one_line(node.text())
    return ""


# --- the general label reader ----------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "blockquote",
        "pre",
        "caption",
    ]
)
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"))
# 一、 （一） 1. 1、 (1) ① 第一条 — numbering before a label.
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．)]|[①-⑳]|"
    r"第[一二三四五六七八九十\d]+[条项部分章节])?[\s*★●◆■【\[]*"
)
# A line that reads as some label we do not know ("服务对象：", "审批部门"): it ends a section too.
_GENERIC_LABEL = re.compile(r"^[^\s:：]{2,10}[:：]")


@dataclass(slots=True)
class _Line:
    text: str
    block: LexborNode
    anchors: list[LexborNode]


def labelled_sections(tree: LexborHTMLParser, base_url: str, labels: Mapping[str, Key]) -> dict[Key, Section]:
    """For each key, the section opened by the first of its labels (synonym → key); a filled
    section wins over an empty one with the same key."""
    lines = _lines(tree)
    synonyms = sorted(labels, key=len, reverse=True)
    found: dict[Key, Section] = {}
    starts = [_label_at(line.text, synonyms) for line in lines]
    for index, start in enumerate(starts):
        if start is None:
            continue
        section = _section(lines, starts, index, start, base_url)
        key = labels[start.synonym]
        if key not in found or (not found[key].text and section.text):
            found[key] = section
    return found


@dataclass(frozen=True, slots=True)
class _Start:
    synonym: str
    inline: str  # the value after the colon on the label's own line
    colon: bool  # "办理地点：" (a line of label: value pairs) rather than a heading "一、办理地点"


def _label_at(text: str, synonyms: list[str]) -> _Start | None:
    """How the line opens a section: a label alone, or a label and a colon (then maybe a value)."""
    compact = re.sub(r"\s+", "", text) if len(text) <= 24 else text  # "办 理 地 点" in table cells
    body = _ORDINAL.sub("", compact, count=1)
    for synonym in synonyms:
        if body.startswith(synonym):
            rest = body[len(synonym) :].lstrip("0123456789】] ")  # 附件1：…
            if not rest.strip("：: "):
                return _Start(synonym, "", bool(rest.strip()))
            if rest[:1] in (":", "："):
                # The value from the line as written: squeezing spaces out would join "2020-03-02 10:11".
                return _Start(synonym, _COLON.split(text, maxsplit=1)[1].strip(), True)
            return None
    return None


_COLON = re.compile(r"[:：]")


def _section(
    lines: list[_Line], starts: list[_Start | None], index: int, start: _Start, base_url: str
) -> Section:
    line = lines[index]
    if not start.inline and line.block.tag in ("td", "th"):
        cell = _next_cell(line.block)
        if cell is not None:
            return _make_section(start.synonym, one_line(cell.text()), cell.css("a"), base_url)
    texts = [start.inline] if start.inline else []
    anchors = list(line.anchors) if start.inline else []
    for following, opens in zip(lines[index + 1 :], starts[index + 1 :], strict=True):
        if opens is not None or following.block.tag in _HEADING_TAGS:
            break
        # Among "label：value" lines an unknown label ends the section; under a heading, content lines
        # may read "身份证：原件一份" and belong to it.
        if start.colon and _GENERIC_LABEL.match(following.text):
            break
        texts.append(following.text)
        anchors.extend(following.anchors)
    return _make_section(start.synonym, " ".join(texts), anchors, base_url)


def _next_cell(cell: LexborNode) -> LexborNode | None:
    """The value cell: the next cell of the row, else (label alone in its row) the next row."""
    sibling = cell.next
    while sibling is not None and sibling.tag not in ("td", "th"):
        sibling = sibling.next
    if sibling is not None:
        return sibling
    row = cell.parent
    following = row.next if row is not None else None
    while following is not None and following.tag != "tr":
        following = following.next
    if following is not None and row is not None and len(row.css("td, th")) == 1:
        return following
    return None


def _make_section(label: str, text: str, anchors: list[LexborNode], base_url: str) -> Section:
    urls = [u for a in anchors if (u := normalise_url(a.attributes.get("href") or "", base_url))]
    attachments = tuple(u for u in urls if link_kind(u) is LinkKind.ATTACHMENT)
    return Section(label, one_line(text), tuple(dict.fromkeys(urls)), attachments)


_MAX_DEPTH = 200  # element nesting read as structure; Python's recursion limit is 1000
_CHROME = re.compile(r"foot|copyright|bottom|nav|menu|banner", re.IGNORECASE)


def _is_chrome(node: LexborNode) -> bool:
    """Site chrome around the content: footers carry 联系电话 that belong to no guide."""
    if node.tag in ("footer", "nav", "header", "script", "style", "noscript", "select", "head"):
        return True
    marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    return bool(_CHROME.search(marks)) if marks.strip() else False


def _lines(tree: LexborHTMLParser) -> list[_Line]:
    lines: list[_Line] = []
    body = tree.body
    if body is None:
        return lines
    parts: list[str] = []
    anchors: list[LexborNode] = []

    def flush(block: LexborNode) -> None:
        text = one_line(" ".join(parts))
        if text or anchors:
            lines.append(_Line(text, block, list(anchors)))
        parts.clear()
        anchors.clear()

    def walk(node: LexborNode, block: LexborNode, depth: int) -> None:
        if depth > _MAX_DEPTH:  # hundreds of unclosed tags: read the rest as plain text
            parts.append(node.text())
            return
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                parts.append(child.text(deep=False))
            elif tag == "br":
                flush(block)
            elif tag.startswith("-") or _is_chrome(child) or hides(child):
                pass
            elif tag in _BLOCK_TAGS:
                flush(block)
                walk(child, child, depth + 1)
                flush(child)
            else:
                if tag == "a":
                    anchors.append(child)
                walk(child, block, depth + 1)
            child = child.next

    walk(body, body, 0)
    flush(body)
    return lines
