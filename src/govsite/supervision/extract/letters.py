"""Public letters (信件选登, 留言选登, 来信公开) and the channels that take them (SPEC §3, §7).

The poor-interaction veto needs, for each published letter, when it was asked and when (if ever) it
was answered. Listings show this as a table with a header row (标题 | 来信时间 | 回复时间 | 办理状态)
or as rows carrying labelled dates ("留言时间：2019-04-25"); detail pages show the letter, then the
reply with its date. A reply block with no text is no answer.
"""

import datetime
import enum
import re
from collections import defaultdict
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.inspection import ChannelEvidence, ChannelKind, LetterEvidence

from .dates import find_dates, parse_date
from .guides import labelled_sections
from .links import hides, is_title_text, link_title, normalise_url, one_line, script_targets
from .lists import find_entry_groups
from .tree import compact_text, parse

__all__ = [
    "IMAGE_ONLY_MAILBOX",
    "LetterDetail",
    "LetterRow",
    "LetterStatus",
    "classify_channel",
    "find_channels",
    "find_letter_rows",
    "find_letters",
    "letter_detail",
]


class LetterStatus(enum.StrEnum):
    ANSWERED = "answered"  # 已回复, 已办结, 已答复
    PENDING = "pending"  # 办理中, 已受理, 未回复
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LetterRow:
    """One letter as a listing shows it, with the status words the listing prints."""

    title: str
    url: str
    asked: datetime.date | None
    answered: datetime.date | None
    status: LetterStatus = LetterStatus.UNKNOWN

    @property
    def needs_detail(self) -> bool:
        """Marked answered but without a reply date here: the detail page has the date."""
        return self.status is LetterStatus.ANSWERED and self.answered is None


_ASKED_WORDS = "来信|留言|提问|写信|提交|咨询|投诉|发帖|信件|申请|登记|受理"
_ANSWERED_WORDS = "回复|答复|办结|处理|反馈|回应"
_ASKED_LABEL = re.compile(rf"(?:{_ASKED_WORDS})(?:时间|日期)")
_ANSWERED_LABEL = re.compile(rf"(?:{_ANSWERED_WORDS})(?:时间|日期)")
_TITLE_LABEL = re.compile(r"^(?:信件|留言|来信|咨询|投诉)?(?:标题|主题)$|^(?:信件|留言|来信)?内容摘要$")
_STATUS_LABEL = re.compile(r"状态|办理情况|处理情况")
_ANSWERED_STATUS = re.compile(r"已回复|已答复|已办结|已处理|已反馈|已回应|办结|已完成")
_PENDING_STATUS = re.compile(
    r"办理中|处理中|受理中|已受理|待回复|待处理|未回复|未答复|未办结|已转办|转办中|待受理"
)


def find_letters(
    html: str,
    base_url: str,
    *,
    today: datetime.date,
    channel: str = "",
    channel_kind: ChannelKind = ChannelKind.CONSULTATION,
) -> list[LetterEvidence]:
    """The letters a listing page publishes, as evidence for the interaction indicators."""
    return [
        LetterEvidence(channel, channel_kind, row.asked, row.answered, row.title, row.url)
        for row in find_letter_rows(html, base_url, today=today)
    ]


def shows_letter_dates(html: str) -> bool:
    """Whether the page's text has a 来信时间 / 答复日期 label, spaces ignored: every listing
    ``find_letter_rows`` reads has one, in a header row or beside each letter."""
    text = compact_text(html)
    return bool(_ASKED_LABEL.search(text) or _ANSWERED_LABEL.search(text))


def find_letter_rows(html: str, base_url: str, *, today: datetime.date) -> list[LetterRow]:
    tree = parse(html)
    rows: list[LetterRow] = []
    claimed: set[int] = set()
    for table in tree.css("table"):
        if table.mem_id not in claimed and len(table.css("table")) == 1:  # css() matches the node itself
            found = _table_rows(table, base_url, today)
            if found:
                claimed.update(node.mem_id for node in [table, *table.css("table")])
                rows.extend(found)
    labelled = _labelled_rows(tree, base_url, today, claimed)
    if not rows and not labelled and _has_letter_header(tree):
        labelled = _grid_rows(tree, base_url, today)
    return rows + labelled


def _has_letter_header(tree: LexborHTMLParser) -> bool:
    body = tree.body
    if body is None:
        return False
    for node in body.traverse(include_text=True):
        if node.tag == "-text":
            text = node.text(deep=False).strip()
            if len(text) <= 8 and (_ASKED_LABEL.search(text) or _ANSWERED_LABEL.search(text)):
                return True
    return False


def _grid_rows(tree: LexborHTMLParser, base_url: str, today: datetime.date) -> list[LetterRow]:
    """Rows of a div or ul grid under a header line (标题 | 来信时间 | 回复时间) that is no table:
    the first date of a row is the letter's, the second the reply's."""
    rows = []
    for group in find_entry_groups(tree, base_url, today=today):
        for entry in group.entries:
            text = " ".join(entry.node.text(deep=True, separator=" ").split()).replace(entry.item.title, " ")
            dates = find_dates(text, today=today)
            if not dates:
                continue
            answered = dates[1] if len(dates) > 1 else None
            status = _badge_status(entry.node)
            if answered is not None and status is LetterStatus.UNKNOWN:
                status = LetterStatus.ANSWERED
            rows.append(LetterRow(entry.item.title, entry.item.url, dates[0], answered, status))
    return rows


def _status(text: str) -> LetterStatus:
    if _PENDING_STATUS.search(text):  # before ANSWERED: 未办结 contains 办结
        return LetterStatus.PENDING
    if _ANSWERED_STATUS.search(text):
        return LetterStatus.ANSWERED
    return LetterStatus.UNKNOWN


# --- tables with a header row ----------------------------------------------------------------------


def _table_rows(table: LexborNode, base_url: str, today: datetime.date) -> list[LetterRow]:
    trs = table.css("tr")
    for index, tr in enumerate(trs[:3]):
        columns = _header_columns(tr)
        if "title" in columns and ("asked" in columns or "answered" in columns):
            return [row for tr in trs[index + 1 :] if (row := _table_row(tr, columns, base_url, today))]
    return []


def _header_columns(tr: LexborNode) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in _cells(tr):
        label = re.sub(r"\s+", "", cell.text())
        if len(label) > 8:
            continue
        role = (
            "asked"
            if _ASKED_LABEL.search(label)
            else "answered"
            if _ANSWERED_LABEL.search(label)
            else "status"
            if _STATUS_LABEL.search(label)
            else "title"
            if _TITLE_LABEL.match(label)
            else ""
        )
        if role:
            columns.setdefault(role, position)
    return columns


def _cells(tr: LexborNode) -> list[tuple[int, LexborNode]]:
    """Cells with their column positions, colspans counted."""
    cells = []
    position = 0
    for cell in tr.css("td, th"):
        if cell.parent is not None and cell.parent.mem_id != tr.mem_id:
            continue  # a cell of a nested table
        cells.append((position, cell))
        span = cell.attributes.get("colspan") or "1"
        position += int(span) if span.isdigit() else 1
    return cells


def _table_row(
    tr: LexborNode, columns: dict[str, int], base_url: str, today: datetime.date
) -> LetterRow | None:
    cells = dict(_cells(tr))
    title_cell = cells.get(columns["title"])
    if title_cell is None:
        return None
    title, url = _title_and_url(title_cell, base_url)
    if not title:
        return None

    def date_in(role: str) -> datetime.date | None:
        cell = cells.get(columns.get(role, -1))
        return parse_date(cell.text(), today=today) if cell is not None else None

    status_cell = cells.get(columns.get("status", -1))
    status = _status(status_cell.text()) if status_cell is not None else LetterStatus.UNKNOWN
    answered = date_in("answered")
    if answered is not None and status is LetterStatus.UNKNOWN:
        status = LetterStatus.ANSWERED
    return LetterRow(title, url, date_in("asked"), answered, status)


def _title_and_url(node: LexborNode, base_url: str) -> tuple[str, str]:
    for anchor in node.css("a"):
        title = link_title(anchor)
        if is_title_text(title) and not hides(anchor):
            url = normalise_url(anchor.attributes.get("href") or "", base_url)
            if url is None:
                targets = script_targets(anchor.attributes.get("onclick") or "")
                url = normalise_url(targets[0], base_url) if targets else None
            return title, url or ""
    for element in node.css("[title]"):
        title = one_line(element.attributes.get("title") or "")
        if is_title_text(title) and "<" not in title:
            return title, ""
    return one_line(node.text()), ""


# --- rows with labelled dates ----------------------------------------------------------------------

_ASKED_AT = re.compile(rf"(?:{_ASKED_WORDS})(?:时间|日期)\s*[:：]?\s*")
_ANSWERED_AT = re.compile(rf"(?:{_ANSWERED_WORDS})(?:时间|日期)\s*[:：]?\s*")


def _labelled_rows(
    tree: LexborHTMLParser, base_url: str, today: datetime.date, claimed: set[int]
) -> list[LetterRow]:
    """Rows found from their "来信时间" labels: each row is the largest element around one label."""
    body = tree.body
    if body is None:
        return []
    markers = []
    for node in body.traverse(include_text=True):
        if node.tag == "-text" and _ASKED_LABEL.search(node.text(deep=False)) and node.parent is not None:
            chain = _lineage(node.parent)
            if not any(a.mem_id in claimed for a in chain) and not any(hides(a) for a in chain):
                markers.append(chain)
    counts: dict[int, int] = defaultdict(int)
    for chain in markers:
        for ancestor in chain:
            counts[ancestor.mem_id] += 1
    rows = []
    for chain in markers:
        entry = chain[0]
        for ancestor in chain[1:]:
            if counts[ancestor.mem_id] > 1:
                break
            entry = ancestor
        row = _labelled_row(entry, base_url, today)
        if row is not None:
            rows.append(row)
    return rows


def _lineage(node: LexborNode) -> list[LexborNode]:
    chain = []
    current: LexborNode | None = node
    while current is not None and current.tag not in ("html", "body", "-document"):
        chain.append(current)
        current = current.parent
    return chain


def _labelled_row(entry: LexborNode, base_url: str, today: datetime.date) -> LetterRow | None:
    text = one_line(entry.text(deep=True, separator=" "))
    asked_at = _ASKED_AT.search(text)
    asked = parse_date(text[asked_at.end() : asked_at.end() + 24], today=today) if asked_at else None
    if asked is None:
        return None  # a header's "来信时间" with no date after it: no letter
    title, url = _title_and_url(entry, base_url)
    if not is_title_text(title) or _ASKED_LABEL.search(title):
        title = _first_plain_title(entry)
        if not title:
            return None
    answered_at = _ANSWERED_AT.search(text)
    answered = (
        parse_date(text[answered_at.end() : answered_at.end() + 24], today=today) if answered_at else None
    )
    status = _badge_status(entry)
    if answered is not None and status is LetterStatus.UNKNOWN:
        status = LetterStatus.ANSWERED
    return LetterRow(title, url, asked, answered, status)


def _first_plain_title(entry: LexborNode) -> str:
    """A row's title when it is no link: its heading, else its first title-length text that is no
    "label：value" line and no status word."""
    for heading in entry.css("h1, h2, h3, h4, h5, h6, strong, b, [class*=title], [class*=tit]"):
        text = one_line(heading.text())
        if is_title_text(text) and not _ASKED_LABEL.search(text):
            return text
    texts = (one_line(n.text(deep=False)) for n in entry.traverse(include_text=True) if n.tag == "-text")
    plain = (t for t in texts if is_title_text(t) and ":" not in t and "：" not in t and not _status_only(t))
    return next(plain, "")


def _badge_status(entry: LexborNode) -> LetterStatus:
    """The status a row shows as a badge ("已办结"), not words in a reply ("正在调查处理中")."""
    for node in entry.traverse(include_text=True):
        if node.tag == "-text":
            text = node.text(deep=False).strip()
            if text and len(text) <= _MAX_BADGE:
                status = _status(text)
                if status is not LetterStatus.UNKNOWN:
                    return status
    return LetterStatus.UNKNOWN


_MAX_BADGE = 8


def _status_only(text: str) -> bool:
    return len(text) <= 6 and _status(text) is not LetterStatus.UNKNOWN


# --- detail pages ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterDetail:
    title: str
    url: str
    asked: datetime.date | None
    answered: datetime.date | None  # None when no reply text is published, whatever date is shown
    reply_text: str = ""
    reply_date_shown: datetime.date | None = None

    def evidence(self, channel: str = "", kind: ChannelKind = ChannelKind.CONSULTATION) -> LetterEvidence:
        return LetterEvidence(channel, kind, self.asked, self.answered, self.title, self.url)


_DETAIL_LABELS = {
    **dict.fromkeys(("信件标题", "留言标题", "来信标题", "标题", "主题", "信件主题"), "title"),
    **dict.fromkeys(
        ("来信时间", "留言时间", "提问时间", "写信时间", "提交时间", "咨询时间", "投诉时间", "来信日期", "留言日期"),
        "asked",
    ),
    **dict.fromkeys(
        ("回复时间", "答复时间", "办结时间", "处理时间", "反馈时间", "回复日期", "答复日期", "办结日期"), "answered"
    ),
    **dict.fromkeys(
        ("回复内容", "答复内容", "回复意见", "答复意见", "办理结果", "处理结果", "办理意见", "官方回复", "部门回复",
         "回复", "答复"),
        "reply",
    ),
}  # fmt: skip


def letter_detail(html: str, url: str, *, today: datetime.date) -> LetterDetail:
    tree = parse(html)
    sections = labelled_sections(tree, url, _DETAIL_LABELS)

    def text_of(key: str) -> str:
        section = sections.get(key)
        return section.text if section is not None else ""

    title = text_of("title") or _heading(tree)
    asked = parse_date(text_of("asked"), today=today)
    shown = parse_date(text_of("answered"), today=today)
    reply = text_of("reply")
    if shown is None and reply:  # "回复内容：… 2019年5月10日" with the date at the reply's end
        dates = find_dates(reply, today=today)
        shown = dates[-1] if dates else None
    answered = shown if _reply_has_text(reply) else None
    return LetterDetail(title, url, asked, answered, reply, shown)


def _reply_has_text(reply: str) -> bool:
    core = re.sub(r"[\s\W_]+", "", reply)
    return bool(core) and core not in ("暂无", "暂无回复", "无", "未回复", "待回复", "办理中")


def _heading(tree: LexborHTMLParser) -> str:
    for selector in ("h1", "h2", "title"):
        node = tree.css_first(selector)
        if node is not None and one_line(node.text()):
            return one_line(node.text())
    return ""


# --- channels --------------------------------------------------------------------------------------

IMAGE_ONLY_MAILBOX = "信箱入口只是图片，没有链接"
_EMPTY_LINK_MAILBOX = "信箱入口的链接是空的"

# Narrow kinds before broad: 纪委举报 is discipline, not complaint; 信访 before 投诉 (信访投诉).
_CHANNEL_RULES: tuple[tuple[ChannelKind, re.Pattern[str]], ...] = (
    (ChannelKind.DISCIPLINE, re.compile(r"纪检|纪委|监察|监委")),
    (ChannelKind.PETITION, re.compile(r"信访")),
    (ChannelKind.INTERVIEW, re.compile(r"访谈")),
    (ChannelKind.SURVEY, re.compile(r"调查|征集|征求意见|问卷|民意")),
    (ChannelKind.COMPLAINT, re.compile(r"投诉|举报")),
)


def classify_channel(name: str) -> ChannelKind:
    """The kind of a letter channel from its name; 领导信箱, 政务咨询, 建议 and the rest are consultation."""
    for kind, pattern in _CHANNEL_RULES:
        if pattern.search(name):
            return kind
    return ChannelKind.CONSULTATION


_CHANNEL_NAME = re.compile(
    r"信箱|咨询|投诉|举报|信访|访谈|留言|征集|征求意见|调查|写信|建言|建议|问政|12345|来信"
)
# Icon file names of mailboxes: xinxiang.png, email.gif, ldxx (领导信箱), szxx (市长信箱), sjxx (书记信箱).
_MAILBOX_IMAGE = re.compile(r"信箱|邮箱|xinxiang|mail|letter|ldxx|szxx|sjxx|xzxx|qzxx", re.IGNORECASE)
_MAX_CHANNEL_NAME = 12  # "领导信箱", "12345政务服务热线"; longer texts are documents about a channel


def find_channels(html: str, base_url: str) -> list[ChannelEvidence]:
    """Entrances to letter channels: linked ones, and mailbox icons that lead nowhere."""
    tree = parse(html)
    channels: dict[tuple[str, str], ChannelEvidence] = {}
    for anchor in tree.css("a"):
        name = _channel_name(anchor)
        if not name:
            continue
        href = anchor.attributes.get("href") or ""
        url = normalise_url(href, base_url)
        if url is None:
            targets = script_targets(anchor.attributes.get("onclick") or "")
            url = normalise_url(targets[0], base_url) if targets else None
        evidence = (
            ChannelEvidence(name, classify_channel(name), url)
            if url
            else ChannelEvidence(name, classify_channel(name), "", works=False, problem=_EMPTY_LINK_MAILBOX)
        )
        channels.setdefault((name, evidence.url), evidence)
    for image in tree.css("img"):
        if _inside_link(image):
            continue
        attrs = image.attributes
        label = one_line(attrs.get("alt") or attrs.get("title") or "")
        if _CHANNEL_NAME.search(label) or _MAILBOX_IMAGE.search((attrs.get("src") or "").rsplit("/", 1)[-1]):
            name = label if _CHANNEL_NAME.search(label) else "信箱"
            channels.setdefault(
                (name, ""),
                ChannelEvidence(name, classify_channel(name), "", works=False, problem=IMAGE_ONLY_MAILBOX),
            )
    return list(channels.values())


def _channel_name(anchor: LexborNode) -> str:
    text = one_line(anchor.text())
    if not text:
        image = anchor.css_first("img")
        attrs = image.attributes if image is not None else {}
        text = one_line(anchor.attributes.get("title") or attrs.get("alt") or attrs.get("title") or "")
    if not text or len(text) > _MAX_CHANNEL_NAME or not _CHANNEL_NAME.search(text):
        return ""
    return text


def _inside_link(node: LexborNode) -> bool:
    """Whether clicking the image goes somewhere: a link or a click handler on it or around it."""
    current: LexborNode | None = node
    for _ in range(5):
        if current is None:
            return False
        attrs = current.attributes
        if current.tag in ("a", "area", "button") or attrs.get("onclick") or attrs.get("usemap"):
            return True
        current = current.parent
    return False
