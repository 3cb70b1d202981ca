"""Evidence an inspection gathers about one whole site, beyond its columns.

The crawler fills these from arbitrary HTML; the platform fills the same types from its database for
its own sites. Rules read only these values (and `ColumnEvidence` / `ItemEvidence`), never pages.
Every collection is a tuple so that evidence, once gathered, cannot change under a rule.
"""

import datetime
import enum
from dataclasses import dataclass, field

from .evidence import ColumnEvidence, ItemEvidence


@dataclass(frozen=True, slots=True)
class Probe:
    """One availability probe of the homepage: did it open within the official 15 s?"""

    at: datetime.datetime
    ok: bool
    status: int | None = None
    elapsed: float | None = None  # seconds
    error: str = ""  # what went wrong, in a word: "timeout", "dns", "tls", "http 503", …


class LinkProblem(enum.StrEnum):
    """Why a link does not open, classified as the bulletins report it."""

    HTTP_CLIENT_ERROR = "http_4xx"
    HTTP_SERVER_ERROR = "http_5xx"
    TIMEOUT = "timeout"
    DNS = "dns"
    TLS = "tls"
    CONNECTION = "connection"
    TOO_MANY_REDIRECTS = "redirects"
    TOO_LARGE = "too_large"


class LinkKind(enum.StrEnum):
    PAGE = "page"
    ATTACHMENT = "attachment"  # a document or form to download
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class LinkEvidence:
    """A link that was checked. `problem` None means it opened."""

    url: str
    found_on: tuple[str, ...]  # pages that link to it (a broken template link is found on many)
    problem: LinkProblem | None = None
    status: int | None = None
    kind: LinkKind = LinkKind.PAGE
    external: bool = False
    on_homepage: bool = False


class ChannelKind(enum.StrEnum):
    """Letter channels; only consultation-type ones feed the 3-month veto (SPEC §3)."""

    CONSULTATION = "consultation"  # 政务咨询, 领导信箱, 建议
    COMPLAINT = "complaint"  # 投诉举报
    PETITION = "petition"  # 信访 — excluded from the veto
    DISCIPLINE = "discipline"  # 纪检举报 — excluded from the veto
    INTERVIEW = "interview"  # 在线访谈 — excluded from the veto
    SURVEY = "survey"  # 网上调查 / 意见征集 — excluded from the veto


@dataclass(frozen=True, slots=True)
class ChannelEvidence:
    """An interaction channel: whether it works (a mailbox icon with no link does not)."""

    name: str
    kind: ChannelKind
    url: str = ""
    works: bool = True
    problem: str = ""


@dataclass(frozen=True, slots=True)
class LetterEvidence:
    """One public letter as a listing shows it. `answered` None: no reply published."""

    channel: str
    channel_kind: ChannelKind
    asked: datetime.date | None
    answered: datetime.date | None = None
    title: str = ""
    url: str = ""
    valid: bool = True  # spam or out-of-scope letters do not count


class GuideElement(enum.StrEnum):
    """办事指南要素 (SPEC §5); the first eight are the key elements."""

    NAME = "name"  # 事项名称
    BASIS = "basis"  # 设定依据
    CONDITIONS = "conditions"  # 申请条件
    MATERIALS = "materials"  # 办理材料
    PLACE = "place"  # 办理地点
    HOURS = "hours"  # 办理时间
    CONTACT = "contact"  # 联系电话 / 咨询方式
    PROCESS = "process"  # 办理流程
    TIME_LIMIT = "time_limit"  # 办理时限
    FEES = "fees"  # 收费标准
    FORMS = "forms"  # 表格下载


KEY_GUIDE_ELEMENTS: frozenset[GuideElement] = frozenset(list(GuideElement)[:8])


@dataclass(frozen=True, slots=True)
class ServiceGuideEvidence:
    name: str
    url: str
    elements: frozenset[GuideElement]  # elements present with real content (not an empty heading)
    dead_forms: tuple[str, ...] = ()  # form download links that do not open


@dataclass(frozen=True, slots=True)
class ServiceSystemEvidence:
    """An online application or query system linked from the site."""

    name: str
    url: str
    works: bool
    problem: str = ""


class ContentRisk(enum.StrEnum):
    """Kinds of unacceptable content (security / serious-error veto)."""

    GAMBLING = "gambling"
    PORN = "porn"
    SPAM = "spam"  # other black-hat SEO spam
    REACTIONARY = "reactionary"
    INJECTED_LINK = "injected_link"  # a link to an outside spam site, usually hidden
    JS_REDIRECT = "js_redirect"  # script sending visitors (or only search engines) elsewhere
    DEFACEMENT = "defacement"
    IMPROPER_SPEECH = "improper_speech"  # personal outbursts (今天心情非常的不好!)


class Concealment(enum.StrEnum):
    """How flagged content hides from a human visitor (how attackers inject it)."""

    VISIBLE = "visible"
    HIDDEN = "hidden"  # display:none, visibility:hidden, hidden attribute
    OFFSCREEN = "offscreen"  # absolute position far outside the page, text-indent:-9999px
    SAME_COLOUR = "same_colour"  # text the colour of its background, or font-size 0


@dataclass(frozen=True, slots=True)
class ContentFlag:
    """Content on a page that matched a risk, with the words matched and how it was shown."""

    url: str
    risk: ContentRisk
    excerpt: str
    terms: tuple[str, ...] = ()
    concealment: Concealment = Concealment.VISIBLE
    score: float = 1.0  # detector confidence, 0..1


@dataclass(frozen=True, slots=True)
class ArticleEvidence:
    """An article page read in full, for twin-article and accuracy checks."""

    url: str
    title: str
    published: datetime.date | None
    text: str  # plain body text
    written: datetime.date | None = None  # 成文日期 in the metadata table, if any
    signed: datetime.date | None = None  # date at the signature at the end of the body, if any


@dataclass(frozen=True, slots=True)
class Unchecked:
    """Something the inspection could not check, and why: reported, never silently passed."""

    what: str  # e.g. "page", "link", "column", "homepage"
    url: str
    reason: str  # Chinese, for the report: "超时（15秒）", "页面超过 5 MB", "疑似爬虫陷阱（日历无限翻页）"


@dataclass(frozen=True, slots=True)
class Identity:
    """Footer identity (SPEC §2) as found on the site."""

    site_name: str = ""
    site_code: str = ""  # 网站标识码
    sponsor: str = ""  # 主办单位
    icp_number: str = ""
    police_filing_number: str = ""
    has_search: bool = False
    has_accessibility: bool = False


@dataclass(frozen=True)
class SiteEvidence:
    """Everything an inspection of one site gathered. Empty tuples mean "none found", and what could
    not be looked at is listed in `unchecked`, so a rule can tell "none" from "not checked"."""

    url: str
    checked_at: datetime.datetime
    identity: Identity = field(default_factory=Identity)
    reachable: bool = True
    probes: tuple[Probe, ...] = ()
    homepage_items: tuple[ItemEvidence, ...] = ()
    homepage_is_navigation: bool = False  # a portal homepage of links only: judge second-level columns
    columns: tuple[ColumnEvidence, ...] = ()
    links: tuple[LinkEvidence, ...] = ()
    channels: tuple[ChannelEvidence, ...] = ()
    letters: tuple[LetterEvidence, ...] = ()
    guides: tuple[ServiceGuideEvidence, ...] = ()
    systems: tuple[ServiceSystemEvidence, ...] = ()
    offers_services: bool | None = None  # None: not determined
    content_flags: tuple[ContentFlag, ...] = ()
    articles: tuple[ArticleEvidence, ...] = ()
    pages_fetched: int = 0
    unchecked: tuple[Unchecked, ...] = ()
