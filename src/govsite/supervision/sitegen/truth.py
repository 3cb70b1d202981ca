"""The known truth of a generated site: the evidence an inspection must gather and the verdict it must reach.

`truth_for(site)` reads the model (dates, answers, planted faults) and states, in the evidence types of
`govsite.indicators`, what a perfect inspector would find, which veto rules fire and what it cannot
check (traps, huge pages, timeouts). The preset catalogue `PRESETS` and `random_site(seed)` live in
`faults.py` and are re-exported here. The numbers of the rules are the official ones (SPEC §3),
restated here on purpose: the truth must not lean on the rule code it is used to test.
"""

import datetime
import enum
import json
import re
from dataclasses import dataclass, fields, is_dataclass

from govsite.indicators.evidence import ColumnEvidence, ColumnKind, ItemEvidence
from govsite.indicators.inspection import (
    KEY_GUIDE_ELEMENTS,
    ChannelEvidence,
    ChannelKind,
    ContentFlag,
    Identity,
    LetterEvidence,
    LinkKind,
    LinkProblem,
    ServiceGuideEvidence,
    ServiceSystemEvidence,
)

from .faults import PRESETS as PRESETS  # re-exported: the catalogue is the truth's subject
from .faults import random_site as random_site
from .model import (
    HOMEPAGE_ITEMS,
    MIB,
    OFFICIAL_TIMEOUT_S,
    PER_PAGE,
    Charset,
    Family,
    Faults,
    GeneratedSite,
    ItemFault,
    add_months,
    due_after,
    list_page_count,
    list_page_of,
    list_path,
)

# 单项否决 thresholds (国办秘函〔2019〕19号): 超过（含）5 / 10 / 5 columns.
STALE_NEWS_NOTICE_MIN, LONG_STALE_MIN, EMPTY_MIN = 5, 10, 5
LETTER_MONTHS = 3  # a consultation letter unanswered this long, asked within the past year
# "Service guides missing key elements in bulk": the indicator gives no number. Our reading: half of
# the guides or more. Presets and random sites stay clear of the grey zone (at most 1, or at least 60 %).
BULK_INCOMPLETE_SHARE = 0.5
INSPECTOR_MAX_BYTES = 5 * MIB  # the page size past which an inspector stops reading (crawler limits)

VETO_RULES = (
    "site_unreachable",
    "homepage_not_updated",
    "columns_not_updated",
    "poor_interaction",
    "services_not_practical",
    "security_serious_error",
)


@dataclass(frozen=True)
class ExpectedLink:
    """A link that does not open, with the cause the generator planted."""

    url: str
    problem: LinkProblem
    found_on: tuple[str, ...]
    cause: str  # template / deleted / attachment / form / external / server_error / redirect_loop / system
    kind: LinkKind = LinkKind.PAGE
    external: bool = False
    status: int | None = None


@dataclass(frozen=True)
class ExpectedUnchecked:
    what: str
    url: str
    reason: str  # Chinese, as a report words it
    code: str  # timeout / too_large / trap_calendar / trap_path


@dataclass(frozen=True)
class SiteTruth:
    name: str
    seed: int
    family: Family
    charset: Charset
    charset_labelled: bool
    today: datetime.date
    pages: int  # HTML pages answering 200 at fixed paths (traps and dataproxy.jsp not counted)
    plain_link_pages: int  # of those, pages reachable by following <a href> in HTML only
    identity: Identity
    homepage_items: tuple[ItemEvidence, ...]
    columns: tuple[ColumnEvidence, ...]
    column_states: dict[str, str]  # column url -> ok / overdue / empty / exempt
    stale_news: int
    stale_notice_policy: int
    long_stale: int
    empty_columns: int
    broken_links: tuple[ExpectedLink, ...]
    twin_pairs: tuple[tuple[str, str], ...]
    date_mismatches: tuple[tuple[str, datetime.date, datetime.date], ...]  # url, 成文日期, signature date
    channels: tuple[ChannelEvidence, ...]
    letters: tuple[LetterEvidence, ...]
    unanswered_letters: tuple[str, ...]  # urls of letters that feed the 3-month veto
    guides: tuple[ServiceGuideEvidence, ...]
    incomplete_guides: int
    systems: tuple[ServiceSystemEvidence, ...]
    content_flags: tuple[ContentFlag, ...]
    spam_on_every_page: bool
    unchecked: tuple[ExpectedUnchecked, ...]
    vetoes: dict[str, str]  # rule code -> why it fires
    faults: Faults

    @property
    def broken_link_root_causes(self) -> int:
        return len(self.broken_links)

    @property
    def passes(self) -> bool:
        """True when no veto fires (the deduction score is not part of the truth)."""
        return not self.vetoes

    def to_dict(self) -> dict[str, object]:
        out = _plain(self)
        assert isinstance(out, dict)
        out |= {"broken_link_root_causes": self.broken_link_root_causes, "passes": self.passes}
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)


def column_state(column: ColumnEvidence, today: datetime.date) -> str:
    if column.item_count == 0:
        return "empty"
    if column.historical or column.last_update is None:
        return "exempt" if column.historical else "overdue"
    due = due_after(column.kind, column.last_update)
    return "exempt" if due is None else ("overdue" if due < today else "ok")


def truth_for(site: GeneratedSite) -> SiteTruth:
    spec, faults, today = site.spec, site.faults, site.today
    ident = site.identity
    columns = tuple(
        ColumnEvidence.from_items(
            c.path,
            c.name,
            c.kind,
            [ItemEvidence(i.title, i.path, i.published) for i in c.items],
            url=c.path,
            historical=c.historical,
        )
        for c in site.columns
    )
    states = {column.url: column_state(column, today) for column in columns}
    overdue = [column for column in columns if states[column.url] == "overdue"]
    homepage_items = tuple(
        ItemEvidence(item.title, item.path, None if faults.homepage_undated else item.published)
        for column in site.homepage_columns()
        for item in column.items[:HOMEPAGE_ITEMS]
    )
    working = [c for c in site.channels if c.works]
    letters = tuple(
        LetterEvidence(c.name, c.kind, lt.asked, lt.answered, lt.title, lt.path)
        for c in working
        for lt in c.letters
    )
    unanswered = tuple(
        lt.url
        for lt in letters
        if lt.channel_kind is ChannelKind.CONSULTATION
        and lt.answered is None
        and lt.asked is not None
        and add_months(lt.asked, LETTER_MONTHS) < today
        and (today - lt.asked).days <= 365
    )
    guides = tuple(
        ServiceGuideEvidence(
            g.name,
            g.path,
            frozenset(e for e, v in g.elements.items() if v),
            tuple(f.path for f in g.forms if f.dead),
        )
        for g in site.guides
    )
    incomplete = sum(1 for g in guides if not g.elements >= KEY_GUIDE_ELEMENTS)
    systems = tuple(
        ServiceSystemEvidence(s.name, s.path, s.works, "" if s.works else "http 502") for s in site.systems
    )
    flags = tuple(
        ContentFlag("/", risk, "".join(f.terms) or f.html[:80], f.terms, f.concealment)
        for f in site.spam
        for risk in f.risks
    )
    counts = {
        "stale_news": sum(1 for c in overdue if c.kind is ColumnKind.NEWS),
        "stale_notice_policy": sum(1 for c in overdue if c.kind in (ColumnKind.NOTICE, ColumnKind.POLICY)),
        "empty_columns": sum(1 for state in states.values() if state == "empty"),
    }
    counts["long_stale"] = len(overdue) - counts["stale_news"] - counts["stale_notice_policy"]
    html_pages = site.html_paths()
    truth = SiteTruth(
        name=spec.name,
        seed=spec.seed,
        family=spec.family,
        charset=spec.charset,
        charset_labelled=faults.charset_label,
        today=today,
        pages=len(html_pages),
        plain_link_pages=len(_plain_reachable(site) & set(html_pages)),
        identity=Identity(
            ident.site_name,
            ident.site_code,
            ident.sponsor,
            ident.icp_number,
            ident.police_filing_number,
            ident.has_search,
            ident.has_accessibility,
        ),
        homepage_items=homepage_items,
        columns=columns,
        column_states=states,
        broken_links=tuple(_broken_links(site, html_pages)),
        twin_pairs=tuple((a.path, b.path) for a, b in site.twin_pairs),
        date_mismatches=tuple((i.path, i.written, i.signed) for i in site.items() if i.signed and i.written),
        channels=tuple(
            ChannelEvidence(
                c.name, c.kind, c.path if c.works else "", c.works, "" if c.works else "入口仅为图片，无链接"
            )
            for c in site.channels
        ),
        letters=letters,
        unanswered_letters=unanswered,
        guides=guides,
        incomplete_guides=incomplete,
        systems=systems,
        content_flags=flags,
        spam_on_every_page=bool(faults.spam) and faults.spam_everywhere,
        unchecked=tuple(_unchecked(site)),
        vetoes={},
        faults=faults,
        **counts,
    )
    object.__setattr__(truth, "vetoes", _vetoes(truth))
    return truth


def _vetoes(truth: SiteTruth) -> dict[str, str]:
    vetoes: dict[str, str] = {}
    dated = [item.published for item in truth.homepage_items if item.published is not None]
    newest = max(dated, default=None)
    if newest is None or (truth.today - newest).days > 14:
        vetoes["homepage_not_updated"] = f"首页最新信息日期：{newest or '无日期'}"
    reasons = []
    if truth.stale_news + truth.stale_notice_policy >= STALE_NEWS_NOTICE_MIN:
        reasons.append(f"动态要闻 {truth.stale_news} + 通知公告/政策文件 {truth.stale_notice_policy}")
    if truth.long_stale >= LONG_STALE_MIN:
        reasons.append(f"长期未更新 {truth.long_stale}")
    if truth.empty_columns >= EMPTY_MIN:
        reasons.append(f"空白栏目 {truth.empty_columns}")
    if reasons:
        vetoes["columns_not_updated"] = "；".join(reasons)
    if not any(channel.works for channel in truth.channels):
        vetoes["poor_interaction"] = "无可用的互动渠道"
    elif truth.unanswered_letters:
        vetoes["poor_interaction"] = f"超过3个月未答复的咨询留言 {len(truth.unanswered_letters)} 条"
    if not truth.guides:
        vetoes["services_not_practical"] = "未提供办事服务"
    elif not all(system.works for system in truth.systems):
        vetoes["services_not_practical"] = "在线办事系统无法使用"
    elif truth.incomplete_guides >= BULK_INCOMPLETE_SHARE * len(truth.guides):
        vetoes["services_not_practical"] = f"办事指南要素缺失 {truth.incomplete_guides}/{len(truth.guides)}"
    if truth.content_flags:
        vetoes["security_serious_error"] = "页面被植入博彩等违规内容"
    return vetoes


def _broken_links(site: GeneratedSite, html_pages: list[str]) -> list[ExpectedLink]:
    family = site.spec.family
    out: list[ExpectedLink] = []
    if site.template_broken_link:
        out.append(
            ExpectedLink(
                site.template_broken_link,
                LinkProblem.HTTP_CLIENT_ERROR,
                tuple(html_pages),
                "template",
                status=404,
            )
        )
    for column in site.columns:
        for index, item in enumerate(column.items):
            where = (list_page_of(family, column, index),)
            if item.fault is ItemFault.DELETED:
                out.append(
                    ExpectedLink(item.path, LinkProblem.HTTP_CLIENT_ERROR, where, "deleted", status=404)
                )
            elif item.fault is ItemFault.ERROR:
                out.append(
                    ExpectedLink(item.path, LinkProblem.HTTP_SERVER_ERROR, where, "server_error", status=500)
                )
            out += [
                ExpectedLink(
                    a.path,
                    LinkProblem.HTTP_CLIENT_ERROR,
                    (item.path,),
                    "attachment",
                    LinkKind.ATTACHMENT,
                    status=404,
                )
                for a in item.attachments
                if a.dead
            ]
    out += [
        ExpectedLink(url, LinkProblem.CONNECTION, (page,), "external", external=True)
        for url, page in site.external_broken
    ]
    # Injected spam links point at a closed port too: a link checker finds them dead, on every page
    # that carries the spam.
    spam_pages = tuple(html_pages) if site.faults.spam_everywhere else ("/",)
    out += [
        ExpectedLink(url, LinkProblem.CONNECTION, spam_pages, "spam", external=True)
        for fragment in site.spam
        for url in re.findall(r'<a href="([^"]+)"', fragment.html)
    ]
    out += [
        ExpectedLink(
            f.path, LinkProblem.HTTP_CLIENT_ERROR, (g.path,), "form", LinkKind.ATTACHMENT, status=404
        )
        for g in site.guides
        for f in g.forms
        if f.dead
    ]
    for number, system in enumerate(site.systems):
        if not system.works:  # the first system is also the 在线办理 button of every guide
            found_on = ("/", "/bsfw/bszn/index.html", *(g.path for g in site.guides if number == 0))
            out.append(
                ExpectedLink(system.path, LinkProblem.HTTP_SERVER_ERROR, found_on, "system", status=502)
            )
    if site.redirect_paths:
        out.append(
            ExpectedLink(site.redirect_paths[0], LinkProblem.TOO_MANY_REDIRECTS, ("/",), "redirect_loop")
        )
    return out


def _unchecked(site: GeneratedSite) -> list[ExpectedUnchecked]:
    faults = site.faults
    out: list[ExpectedUnchecked] = []
    for item in site.items():
        if item.fault is ItemFault.SLOW and faults.slow_delay >= OFFICIAL_TIMEOUT_S:
            out.append(ExpectedUnchecked("page", item.path, "超时（15秒）", "timeout"))
        if item.fault is ItemFault.HUGE and faults.huge_bytes > INSPECTOR_MAX_BYTES:
            out.append(ExpectedUnchecked("page", item.path, "页面超过 5 MB", "too_large"))
    if site.gzip_bomb_path:
        out.append(ExpectedUnchecked("page", site.gzip_bomb_path, "解压后超过 5 MB（压缩炸弹）", "too_large"))
    if site.calendar_path:
        out.append(
            ExpectedUnchecked("page", site.calendar_path, "疑似爬虫陷阱（日历无限翻页）", "trap_calendar")
        )
    if site.path_trap_prefix:
        out.append(
            ExpectedUnchecked("page", site.path_trap_prefix, "疑似爬虫陷阱（路径无限重复）", "trap_path")
        )
    return out


def _plain_reachable(site: GeneratedSite) -> set[str]:
    """Pages a crawler reaches by <a href> alone: no createPageHTML() paging, no Hanweb records."""
    family = site.spec.family
    reachable = {path for path in site.routes if path not in {i.path for i in site.items()}}
    if family is Family.HANWEB:
        return reachable
    if family is Family.TRS:  # later list pages exist only through createPageHTML()
        reachable -= {
            list_path(family, c, n) for c in site.columns for n in range(1, list_page_count(family, c))
        }
    for column in site.columns:
        shown = PER_PAGE[family] if family is Family.TRS else len(column.items)
        reachable |= {item.path for item in column.items[:shown]}
        if column.on_homepage:
            reachable |= {item.path for item in column.items[:HOMEPAGE_ITEMS]}
    return reachable


def _plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
