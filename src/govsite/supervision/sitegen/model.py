"""The model of a generated government site: what it holds, where each thing lives, what is wrong.

`SiteSpec` says what to generate (seed, size, template family, charset, the day of the inspection and
the faults); `generate.generate(spec)` returns a `GeneratedSite`. Pages are not stored: the model holds
titles, dates and seeds, and `markup` renders a page from them when it is asked for, so a 300-page site
costs a few milliseconds to generate and nothing to keep.
"""

import calendar
import datetime
import enum
import math
import random
from dataclasses import dataclass, field, fields

from govsite.indicators.evidence import ColumnKind
from govsite.indicators.inspection import ChannelKind, Concealment, ContentRisk, GuideElement

DEFAULT_TODAY = datetime.date(2026, 11, 20)
# The official availability timeout (SPEC §3, site unreachable): a page not open within 15 s failed.
OFFICIAL_TIMEOUT_S = 15.0
MIB = 1 << 20


class SpamKind(enum.StrEnum):
    """How attackers inject gambling spam into a government page (the ways bulletins describe)."""

    HIDDEN_LINKS = "hidden_links"  # a display:none block of links to a gambling site
    OFFSCREEN_TEXT = "offscreen_text"  # text positioned far outside the page
    SAME_COLOUR = "same_colour"  # white text on a white background
    JS_REDIRECT = "js_redirect"  # visitors arriving from a search engine are sent elsewhere
    TITLE_HIJACK = "title_hijack"  # the <title> and keywords rewritten for search engines


@dataclass(frozen=True)
class Faults:
    """What is wrong with a generated site. All zero/False/None: a clean site that must pass.

    Column counts are columns *added on top of* whatever `homepage_stale_days` / `frozen_days` age
    (those age the homepage columns, or every column, and the truth counts the result).
    """

    # Timeliness (不及时)
    frozen_days: int | None = None  # zombie: the newest item of every column is at least this old
    homepage_stale_days: int | None = None  # the homepage's newest item is exactly this many days old
    homepage_undated: bool = False  # homepage lists show no dates at all
    stale_news: int = 0  # 动态要闻 columns silent more than 2 weeks
    stale_notice_policy: int = 0  # 通知公告 / 政策文件 columns silent more than 6 months
    long_stale: int = 0  # other dated columns silent more than 12 months
    empty_columns: int = 0
    # Interaction (不回应)
    unanswered_letters: int = 0  # consultation letters asked 100–330 days ago, never answered
    mailbox_image_only: bool = False  # 领导信箱 entrance is an image with no link
    no_channels: bool = False  # every channel entrance is an image: no working channel at all
    # Services (不实用)
    no_services: bool = False
    empty_guides: int = 0  # guides whose element headings have no content
    guides_missing_elements: int = 0  # guides lacking 1–3 key elements
    dead_forms: int = 0  # form downloads answering 404
    dead_online_system: bool = False  # the online application system answers 502
    # Identity and entrances (SPEC §2): deduction items, no veto
    no_identity: bool = False  # footer without 网站标识码, ICP and 公安机关备案 numbers
    no_search: bool = False
    no_accessibility: bool = False
    # Security (gambling spam)
    spam: tuple[SpamKind, ...] = ()
    spam_everywhere: bool = False  # in the page template (every page) rather than on the homepage only
    # Links
    broken_template_link: bool = False  # one dead link in the header of every page: one root cause
    broken_links: int = 0  # list entries whose article was deleted (404)
    broken_attachments: int = 0
    broken_external_links: int = 0  # to 127.0.0.1 closed ports
    # Accuracy (不准确)
    twin_pairs: int = 0
    date_mismatches: int = 0  # policy documents whose 成文日期 differs from the signature date
    # Server side
    slow_pages: int = 0
    slow_delay: float = 20.0  # seconds; beyond OFFICIAL_TIMEOUT_S the page counts as timed out
    huge_pages: int = 0
    huge_bytes: int = 6 * MIB
    gzip_bomb: bool = False
    gzip_bomb_bytes: int = 1024 * MIB  # decompressed size; about 1 MB on the wire
    redirect_loop: bool = False
    calendar_trap: bool = False
    path_trap: bool = False
    server_errors: int = 0  # article pages answering 500
    charset_label: bool = True  # False: GBK bytes with no charset in the header or a <meta>

    def __post_init__(self) -> None:
        for spec_field in fields(self):
            value = getattr(self, spec_field.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"Faults.{spec_field.name} must not be negative ({value})")
        if self.gzip_bomb_bytes % MIB:
            raise ValueError("Faults.gzip_bomb_bytes must be a whole number of MiB")
        object.__setattr__(self, "spam", tuple(SpamKind(kind) for kind in self.spam))

    @property
    def is_clean(self) -> bool:
        return self == Faults()


class Family(enum.StrEnum):
    """Template families, as the cluster platforms common in China render pages."""

    TRS = "trs"  # ul/li lists, <span>2026-11-20</span>, createPageHTML() JS paging: index_1.html …
    HANWEB = "hanweb"  # 大汉 JCMS: list records inside <script type="text/xml">, dataproxy.jsp paging
    TABLE = "table"  # table layouts, 2026年11月20日 / 2026/11/20 / 2026.11.20, plain ?page=N links


class Charset(enum.StrEnum):
    UTF8 = "utf-8"
    GBK = "gbk"
    GB2312 = "gb2312"


@dataclass(frozen=True)
class SiteSpec:
    """What to generate. Equal specs give byte-identical sites."""

    name: str = "site"  # a slug: names the site in reports, host names and truth files
    seed: int = 1
    pages: int = 300  # approximate number of HTML pages (the truth gives the exact count)
    family: Family = Family.TRS
    charset: Charset = Charset.UTF8
    today: datetime.date = DEFAULT_TODAY  # the day the inspection is taken to run
    faults: Faults = field(default_factory=Faults)
    place: str = "city_yunchuan"  # a key of govsite.demo.corpus.PLACES

    def __post_init__(self) -> None:
        object.__setattr__(self, "family", Family(self.family))
        object.__setattr__(self, "charset", Charset(self.charset))
        if self.pages < 30:
            raise ValueError(f"SiteSpec.pages must be at least 30 ({self.pages})")
        if not self.name.replace("-", "").replace("_", "").isalnum() or not self.name.isascii():
            raise ValueError(f"SiteSpec.name must be an ASCII slug ({self.name!r})")


@dataclass(frozen=True)
class SpamFragment:
    """One injected piece of markup and how an inspector should classify it."""

    kind: SpamKind
    html: str
    where: str  # "head" or "body"
    risks: tuple[ContentRisk, ...]
    concealment: Concealment
    terms: tuple[str, ...]
    title: str = ""  # a hijacked <title> replacing the page's own


class ColumnRole(enum.StrEnum):
    """Why a column's dates are what they are: the plan the generator followed."""

    FRESH = "fresh"
    AT_LIMIT = "at_limit"  # newest item exactly as old as the cadence allows: still up to date
    STALE = "stale"  # injected: silent beyond its cadence
    EMPTY = "empty"  # injected: never had an item
    HISTORICAL = "historical"  # a closed topic: old on purpose, exempt
    AGED = "aged"  # aged by homepage_stale_days / frozen_days; stale or not by its cadence


class ItemFault(enum.StrEnum):
    DELETED = "deleted"  # still listed, the page answers 404
    SLOW = "slow"
    HUGE = "huge"
    ERROR = "error"  # the page answers 500


@dataclass
class Attachment:
    path: str
    name: str
    dead: bool = False  # answers 404


@dataclass
class Item:
    """An article listed in a column. The body is rendered from `body_seed` when the page is asked for."""

    id: int
    column_key: str
    corpus_kind: str  # a govsite.demo.corpus kind: news, notice, policy …
    title: str
    published: datetime.date
    path: str
    source: str
    body_seed: int
    attachments: list[Attachment] = field(default_factory=list)
    # Policy documents: the disclosure metadata (SPEC §6) and the date signed at the end of the body.
    meta: dict[str, str] | None = None
    written: datetime.date | None = None  # 成文日期 in the metadata table
    signed: datetime.date | None = None  # the signature date when it differs from `written` (a fault)
    twin_of: int | None = None  # body copied from this item, names and dates swapped (a fault)
    renames: tuple[tuple[str, str], ...] = ()
    extra_links: list[tuple[str, str]] = field(default_factory=list)  # (href, text) added to the body
    fault: ItemFault | None = None


@dataclass
class Column:
    key: str
    name: str
    kind: ColumnKind
    path: str  # the list's first page
    role: ColumnRole
    items: list[Item] = field(default_factory=list)  # newest first
    on_homepage: bool = False
    historical: bool = False
    numeric_id: int = 0  # Hanweb columnid / unitid


@dataclass
class Letter:
    id: int
    channel_key: str
    title: str
    asked: datetime.date
    answered: datetime.date | None
    path: str
    seed: int


@dataclass
class Channel:
    key: str
    name: str
    kind: ChannelKind
    path: str
    works: bool = True  # False: the entrance is only an image, nothing to click
    letters: list[Letter] = field(default_factory=list)  # newest first


@dataclass
class Guide:
    id: int
    name: str
    path: str
    elements: dict[GuideElement, str]  # an element absent from the dict has no heading on the page
    forms: list[Attachment] = field(default_factory=list)


@dataclass
class OnlineSystem:
    name: str
    path: str
    works: bool = True


@dataclass(frozen=True)
class SiteIdentity:
    site_name: str
    site_code: str  # 网站标识码
    sponsor: str  # 主办单位
    phone: str
    address: str
    icp_number: str
    police_filing_number: str
    has_search: bool = True
    has_accessibility: bool = True


class RouteKind(enum.StrEnum):
    HOME = "home"
    LIST = "list"
    ARTICLE = "article"
    CHANNEL = "channel"
    LETTER = "letter"
    GUIDES = "guides"
    GUIDE = "guide"
    SYSTEM = "system"
    FILE = "file"
    IMAGE = "image"


@dataclass
class GeneratedSite:
    """A generated site: the model pages are rendered from, and the record of its planted faults."""

    spec: SiteSpec
    identity: SiteIdentity
    columns: list[Column]
    channels: list[Channel]
    guides: list[Guide]
    systems: list[OnlineSystem]
    # path -> (kind, object, page number): everything that answers at a fixed path.
    routes: dict[str, tuple[RouteKind, object, int]] = field(default_factory=dict)
    template_broken_link: str = ""  # a dead link in every page's header, when injected
    spam: list[SpamFragment] = field(default_factory=list)  # injected markup, when hijacked
    twin_pairs: list[tuple[Item, Item]] = field(default_factory=list)
    external_broken: list[tuple[str, str]] = field(default_factory=list)  # (url, page it is on)
    # Server-side traps and their entry paths (empty: not present).
    calendar_path: str = ""
    path_trap_prefix: str = ""
    redirect_paths: tuple[str, str] | None = None
    gzip_bomb_path: str = ""

    @property
    def today(self) -> datetime.date:
        return self.spec.today

    @property
    def faults(self) -> Faults:
        return self.spec.faults

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def items(self) -> list[Item]:
        return [item for column in self.columns for item in column.items]

    def homepage_columns(self) -> list[Column]:
        return [column for column in self.columns if column.on_homepage]

    def html_paths(self) -> list[str]:
        """Every fixed path answering with an HTML page (200), in a stable order."""
        skip = {RouteKind.FILE, RouteKind.IMAGE}
        return [
            path
            for path, (kind, target, _page) in self.routes.items()
            if kind not in skip and _answers_ok(kind, target) and path != "/index.html"  # the homepage again
        ]


def _answers_ok(kind: RouteKind, target: object) -> bool:
    if kind is RouteKind.ARTICLE:
        assert isinstance(target, Item)
        return target.fault is None or target.fault is ItemFault.SLOW or target.fault is ItemFault.HUGE
    if kind is RouteKind.SYSTEM:
        assert isinstance(target, OnlineSystem)
        return target.works
    return True


# --- How long a column may stay silent (国办秘函〔2019〕19号, as in indicators/rulesets/gov2019.toml).
# (months, days); None: no update cadence, only the empty-column check applies.
LONG_KINDS: tuple[ColumnKind, ...] = tuple(
    ColumnKind(k)
    for k in ("interpretation", "personnel", "plan", "statistics", "finance", "procurement", "topic")
)
UNDATED_KINDS: tuple[ColumnKind, ...] = tuple(
    ColumnKind(k) for k in ("overview", "service", "interaction", "other")
)
CADENCES: dict[ColumnKind, tuple[int, int] | None] = (
    {ColumnKind.NEWS: (0, 14), ColumnKind.NOTICE: (6, 0), ColumnKind.POLICY: (6, 0)}
    | dict.fromkeys(LONG_KINDS, (12, 0))
    | dict.fromkeys(UNDATED_KINDS, None)
)  # fmt: skip


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months, the day clamped to the month's end (Aug 31 + 6 months = end of February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_after(kind: ColumnKind, last: datetime.date) -> datetime.date | None:
    """The last day a column of `kind` updated on `last` still counts as up to date."""
    cadence = CADENCES[kind]
    if cadence is None:
        return None
    months, days = cadence
    return add_months(last, months) + datetime.timedelta(days=days)


def oldest_fresh_date(kind: ColumnKind, today: datetime.date) -> datetime.date | None:
    """The earliest newest-item date that still keeps a column of `kind` up to date on `today`."""
    cadence = CADENCES[kind]
    if cadence is None:
        return None
    months, days = cadence
    # Month clamping makes "today minus the cadence" inexact; step forward to the first date that counts.
    candidate = add_months(today, -months) - datetime.timedelta(days=days + 3)
    while (due := due_after(kind, candidate)) is not None and due < today:
        candidate += datetime.timedelta(days=1)
    return candidate


# --- Layout: how many entries a page lists, and where each thing lives. Each family lays its URLs
# out the way that platform does.

PER_PAGE: dict[Family, int] = {Family.TRS: 20, Family.HANWEB: 15, Family.TABLE: 15}
HANWEB_GROUP = 1  # list pages whose records a Hanweb column page carries; the rest come from dataproxy.jsp
HOMEPAGE_ITEMS = 8
LETTERS_PER_PAGE = 20


def rng_for(spec: SiteSpec, purpose: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random.Random: stable across runs and machines.
    return random.Random(f"{spec.seed}:{spec.place}:{purpose}")


def list_path(family: Family, column: Column, page: int) -> str:
    """Path of list page `page` (0 = first) of a column."""
    if family is Family.TRS:
        return f"/{column.key}/index.html" if page == 0 else f"/{column.key}/index_{page}.html"
    if family is Family.HANWEB:
        return f"/col/col{column.numeric_id}/index.html"
    return (
        f"/channel/{column.key}/index.shtml" if page == 0 else f"/channel/{column.key}/index_{page + 1}.shtml"
    )


def list_page_count(family: Family, column: Column) -> int:
    if family is Family.HANWEB:
        return 1
    return max(1, math.ceil(len(column.items) / PER_PAGE[family]))


def list_page_of(family: Family, column: Column, index: int) -> str:
    """The list page showing item number `index` (Hanweb: the column page for the first record group)."""
    if family is Family.HANWEB:
        return list_path(family, column, 0)
    return list_path(family, column, index // PER_PAGE[family])


def article_path(family: Family, column: Column, item: Item) -> str:
    day = item.published
    if family is Family.TRS:
        return f"/{column.key}/{day:%Y%m}/t{day:%Y%m%d}_{item.id}.html"
    if family is Family.HANWEB:
        return f"/art/{day.year}/{day.month}/{day.day}/art_{column.numeric_id}_{item.id}.html"
    return f"/channel/{column.key}/content/{day:%Y-%m}/{day:%d}/{item.id}.shtml"


def channel_path(channel: Channel, page: int) -> str:
    return channel.path if page == 0 else f"/hdjl/{channel.key}/index_{page}.html"
