"""The disclosure metadata table (信息公开目录 fields, SPEC §6) of a document page, and its signature date.

Sites lay the table out in many ways — label cell then value cell (<td>/<th>), a bold label followed by
text, <li><span>label</span>value</li>, or "label：value" in one run of text — and pad labels with
spaces (索 引 号, 标　　题). So the reader works on the visible text nodes, not on one layout: it finds
each label, climbs to the largest element that holds only that label, and reads what follows it up to
the next label.
"""

import datetime
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.core.identifiers import parse_document_number

from .dates import parse_date, parse_full_date
from .text import compact, fold_width, visible_tree
from .tree import compact_text

__all__ = ["DisclosureMetadata", "extract_disclosure_metadata", "looks_like_metadata", "signature_date"]


@dataclass(frozen=True, slots=True)
class DisclosureMetadata:
    """What a page's metadata table says; None: the label is not on the page, "": shown empty.

    `raw` keeps each value as written (by field name), so a finding can quote the page."""

    index_no: str | None = None  # 索引号
    subject: str | None = None  # 主题分类, levels joined by "/"
    issuer: str | None = None  # 发布机构 / 发文机关
    written_date: datetime.date | None = None  # 成文日期
    title: str | None = None  # 标题
    doc_no: str | None = None  # 文号, normalised when it parses
    pub_date: datetime.date | None = None  # 发布日期
    keywords: str | None = None  # 主题词
    validity: str | None = None  # 有效性
    raw: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.raw


# Field → the labels sites use for it, compared without spaces and colons.
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索取号"),
    "subject": ("主题分类", "分类", "信息分类", "所属分类", "组配分类"),
    "issuer": ("发布机构", "发文机关", "发文单位", "发布单位", "发文机构", "发布机关", "办文部门"),
    "written_date": ("成文日期", "成文时间", "生成日期", "发文日期"),
    "title": ("标题", "名称", "文件名称", "信息名称", "公文名称"),
    "doc_no": ("文号", "发文字号", "发文文号", "文件编号"),
    "pub_date": ("发布日期", "发布时间", "公开日期", "公开时间"),
    "keywords": ("主题词", "关键词", "关键字"),
    "validity": ("有效性", "时效性", "效力状态"),
}
_FIELD_OF_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_ALTERNATIVES = "|".join(sorted(_FIELD_OF_LABEL, key=len, reverse=True))
# The same labels padded with spaces, as they appear in a run of text (索 引 号：).
_SPACED_ALTERNATIVES = "|".join(
    r"\s*".join(label) for label in sorted(_FIELD_OF_LABEL, key=len, reverse=True)
)
_COLON = r"[:：]"
_ANY_LABEL = re.compile(_ALTERNATIVES)
_LABEL_ONLY = re.compile(rf"^(?P<label>{_ALTERNATIVES}){_COLON}?$")
_LABEL_THEN_VALUE = re.compile(rf"^\s*(?:{_SPACED_ALTERNATIVES})\s*{_COLON}")
# "label：" inside a run of text: 索引号：000014349/2019-00007　主题分类：综合政务.
_INLINE_LABEL = re.compile(rf"(?P<label>{_SPACED_ALTERNATIVES})\s*{_COLON}")

_COMPACT_LABEL = re.compile(rf"(?P<label>{_ALTERNATIVES}){_COLON}")
# Fewer labels than this is an article header (发布时间：…), not a metadata table.
_MIN_LABELS = 3


def may_hold_metadata(html: str) -> bool:
    """Whether the page's text names enough different fields for a metadata table, spaces ignored: a
    quick test that can say yes in vain (hidden or script text), never no in vain."""
    fields_seen = {_FIELD_OF_LABEL[m[0]] for m in _ANY_LABEL.finditer(compact_text(html))}
    return len(fields_seen) >= _MIN_LABELS


def extract_disclosure_metadata(html: str, visible: LexborHTMLParser | None = None) -> DisclosureMetadata:
    """The metadata table of a disclosure page; empty when the page has none. The first table wins
    (pages repeat it for mobile layouts). ``visible``: the page's ``visible_tree``, when the caller has
    one already (it is read, not changed)."""
    if not may_hold_metadata(html):
        return DisclosureMetadata()
    root = (visible or visible_tree(html)).body
    if root is None:
        return DisclosureMetadata()
    raw: dict[str, str] = {}
    for node in root.traverse(include_text=True):
        if node.is_text_node:
            for name, value in _read_labels(node):
                # The first filled-in value wins; an empty one only until a filled one turns up.
                if not raw.get(name):
                    raw[name] = value
    if len(raw) < _MIN_LABELS:
        return DisclosureMetadata()
    return _interpret(raw)


def looks_like_metadata(text: str) -> bool:
    """Whether ``text`` (of a table or list) reads like a metadata table: several labelled fields."""
    folded = compact(fold_width(text))
    fields_seen = {_FIELD_OF_LABEL[m["label"]] for m in _COMPACT_LABEL.finditer(folded)}
    return len(fields_seen) >= _MIN_LABELS


def _read_labels(text_node: LexborNode) -> list[tuple[str, str]]:
    """(field, raw value) for each label this text node opens: none, one, or several in one run."""
    original = text_node.text(deep=False)
    folded = fold_width(original)  # same length: positions found in it hold in the original
    squeezed = compact(folded)
    if not squeezed:
        return []
    if match := _LABEL_ONLY.match(squeezed):
        return [(_FIELD_OF_LABEL[match["label"]], _value_after(_label_element(text_node), ""))]
    # The inline form needs its colon, so that prose starting with 标题… is not read as a label.
    if not _LABEL_THEN_VALUE.match(folded):
        return []
    labels = list(_INLINE_LABEL.finditer(folded))
    found = []
    for this, following in zip(labels, [*labels[1:], None], strict=True):
        name = _FIELD_OF_LABEL[compact(this["label"])]
        if following is not None:
            found.append((name, _clean_value(original[this.end() : following.start()])))
        else:  # the last value may go on in the next elements: 索引号：<span>…</span>
            found.append((name, _value_after(text_node, original[this.end() :])))
    return found


# A label in a cell of its own: <td><b>索 引 号：</b></td>. Climbing stops at a cell, and never enters
# the row or list around it, where the label would swallow its neighbours.
_CELLS = frozenset({"td", "th", "li", "dt", "dd"})
_CONTAINERS = frozenset({"tr", "tbody", "thead", "tfoot", "table", "ul", "ol", "dl", "form", "body", "html"})


def _label_element(node: LexborNode) -> LexborNode:
    """The largest element holding nothing but this label: its value is in what follows it."""
    squeezed = compact(fold_width(node.text(deep=False)))
    while node.tag not in _CELLS:
        parent = node.parent
        if parent is None or parent.tag in _CONTAINERS:
            break
        if compact(fold_width(parent.text(deep=True))) != squeezed:
            break
        node = parent
    return node


# A value is short; a long block after a label is the page's content, not the label's value.
_LONGEST_VALUE = 300


def _value_after(node: LexborNode, start: str) -> str:
    """The text after a label, through the label's following siblings, up to the next label."""
    parts = [start]
    sibling = node.next
    while sibling is not None and not _opens_with_label(sibling):
        text = sibling.text(deep=True)
        if len(text.strip()) > _LONGEST_VALUE:
            break
        parts.append(text)
        sibling = sibling.next
    return _clean_value(" ".join(parts))


def _opens_with_label(node: LexborNode) -> bool:
    for inner in node.traverse(include_text=True) if not node.is_text_node else [node]:
        if inner.is_text_node and (text := fold_width(inner.text(deep=False))).strip():
            return bool(_LABEL_ONLY.match(compact(text)) or _LABEL_THEN_VALUE.match(text))
    return False


def _clean_value(text: str) -> str:
    # Layout whitespace (line breaks, tabs, &nbsp;) goes; an ideographic space inside a value is the
    # site's own separator (主题词: 体育　运动会　函) and stays.
    text = re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", text).strip(" \u3000")
    # A dash stands for "none" in a cell that must not look empty (our own pages show "—").
    return "" if _PLACEHOLDER.fullmatch(text) else text


_PLACEHOLDER = re.compile(r"[-—－–/／]+")


def _interpret(raw: dict[str, str]) -> DisclosureMetadata:
    subject = raw.get("subject")
    doc_no = raw.get("doc_no")
    parsed_no = parse_document_number(doc_no) if doc_no else None
    return DisclosureMetadata(
        index_no=raw.get("index_no"),
        subject=subject.replace("\\", "/") if subject is not None else None,
        issuer=raw.get("issuer"),
        written_date=parse_full_date(raw.get("written_date", "")),
        title=raw.get("title"),
        doc_no=str(parsed_no) if parsed_no is not None else doc_no,
        pub_date=parse_full_date(raw.get("pub_date", "")),
        keywords=raw.get("keywords"),
        validity=raw.get("validity"),
        raw=raw,
    )


# --- signature ---------------------------------------------------------------------------------------

# A signature line: an optional issuer and a date, nothing else (no sentence punctuation).
_SENTENCE_PUNCTUATION = re.compile(r"[。，；：！？、“”《》()（）,;:!?]")
_ONLY_DATE = re.compile(r"[\d〇○零OoΟ一二三四五六七八九十年月日号元./-]+")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def signature_date(body_text: str, *, today: datetime.date) -> datetime.date | None:
    """The date a document is signed with: a line holding only a date (or an issuer and a date) under
    the main text. Attachments follow the signature and can be signed too, so the first date line
    standing under an issuer or a signer (国务院办公厅, 总理　李克强) wins; failing that, the last one."""
    lines = [compact(fold_width(line)) for line in body_text.splitlines()]
    lines = [line for line in lines if line]
    candidates: list[tuple[int, datetime.date]] = []
    for index, line in enumerate(lines):
        if index < 1 or len(line) > 40 or not line.endswith(("日", "号")):
            continue
        if _SENTENCE_PUNCTUATION.search(line):
            continue
        found = parse_date(line, today=today)
        if found is not None:
            candidates.append((index, found))
    for index, found in candidates:
        if not _ONLY_DATE.fullmatch(lines[index]) or _is_signer(lines[index - 1]):
            return found
    return candidates[-1][1] if candidates else None


def _is_signer(line: str) -> bool:
    # An issuer or a signed name: a few Chinese characters, no sentence. Markup debris (&sp;) is ignored.
    return not re.search("[。，；：！？]", line) and 2 <= len(_NOT_CJK.sub("", line)) <= 30
