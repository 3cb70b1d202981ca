"""One inspection: crawl a site, turn each page into evidence as it arrives, judge the evidence.

crawl (`crawler`) → extract (`extract`, page by page, nothing kept but evidence) → `SiteEvidence` →
`indicators.evaluate` → `Verdict`. No Django: the command-line inspector uses this directly.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import functools
import logging
import re
from collections.abc import Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

import aiohttp

from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence, evaluate, load_ruleset
from govsite.indicators.coverage import Area
from govsite.indicators.inspection import (
    ArticleEvidence,
    ChannelEvidence,
    ChannelKind,
    ContentFlag,
    Identity,
    LetterEvidence,
    Probe,
    ServiceGuideEvidence,
    ServiceSystemEvidence,
    SiteEvidence,
    Unchecked,
)
from govsite.indicators.verdict import Verdict
from govsite.supervision.crawler import CrawlLimits, FetchResult, Gates, crawl_site
from govsite.supervision.extract.article import ArticlePage, extract_article
from govsite.supervision.extract.content_risks import scan_page
from govsite.supervision.extract.guides import read_guide, shows_guide_labels
from govsite.supervision.extract.hanweb import (
    find_script_records,
    has_script_records,
    script_paging,
    trs_paging,
)
from govsite.supervision.extract.identity import extract_identity
from govsite.supervision.extract.letters import (
    classify_channel,
    find_channels,
    find_letter_rows,
    shows_letter_dates,
)
from govsite.supervision.extract.links import extract_links
from govsite.supervision.extract.lists import find_pagination, is_navigation_only
from govsite.supervision.extract.structure import breadcrumb, column_page, homepage_blocks

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ARTICLES = 3000  # articles kept for twin detection; text is capped too, so memory stays flat
ARTICLE_TEXT_CHARS = 3000
# The entry of an online application or query system (在线申报, 网上办事大厅, 办件查询 …), by its link text.
SYSTEM_LINK_TEXT = re.compile(
    r"在线(?:申报|申请|办理|办事|预约|缴费)|网上(?:办事|申报|办理|大厅|申请)|办事大厅|办事系统|"
    r"(?:办件|办理|进度|办事状态|状态)查询|一网通办"
)
SYSTEM_LINK_MAX_CHARS = 12  # longer link texts are articles about the system, not its entry
ARTICLE_MIN_CHARS = 100  # body text below this is a stub or a list, not an article
MIN_GUIDE_SECTIONS = 3  # a page showing three guide labels is a service guide
CLOSED_TOPIC_TEXT = re.compile(r"专题已结束|专栏已结束|已停止更新|不再更新|历史专题|仅供查阅")
EMPTY_COLUMN_TEXT = re.compile(r"暂无(?:信息|数据|内容|相关信息|记录)|没有(?:相关)?(?:信息|数据|内容)")


@dataclass(frozen=True)
class InspectionResult:
    evidence: SiteEvidence
    verdict: Verdict


def is_article(page: ArticlePage) -> bool:
    return bool(page.title) and len(page.body_text) >= ARTICLE_MIN_CHARS


def crawler_links(html: str, base_url: str) -> Iterable[tuple[str, str]]:
    """The crawler's view of a page's links: (url, source tag) pairs.

    Besides anchors, the links that cluster platforms write with scripts (SPEC §3c): Hanweb records in
    `<script type="text/xml">` and their `dataproxy.jsp` pages, TRS `createPageHTML` paging. A crawler
    that follows anchors only misses most pages of such sites.
    """
    yield from ((link.url, link.source.value) for link in extract_links(html, base_url))
    if "<script" not in html:
        return
    if has_script_records(html):
        for item in find_script_records(html, base_url, today=datetime.date.today()):
            if item.url:
                yield item.url, "a"
        yield from ((url, "a") for url in script_paging(html, base_url).urls)
    yield from ((url, "a") for url in trs_paging(html, base_url).urls)


@dataclass
class EvidenceCollector:
    """Receives each page once from the crawler and keeps only evidence, never the page."""

    start_url: str
    today: datetime.date
    identity: Identity = field(default_factory=Identity)
    homepage_items: list[ItemEvidence] = field(default_factory=list)
    homepage_is_navigation: bool = False
    columns: dict[str, ColumnEvidence] = field(default_factory=dict)
    channels: dict[str, ChannelEvidence] = field(default_factory=dict)
    letters: dict[tuple[str, str, str], LetterEvidence] = field(default_factory=dict)
    guides: dict[str, ServiceGuideEvidence] = field(default_factory=dict)
    flags: list[ContentFlag] = field(default_factory=list)
    articles: list[ArticleEvidence] = field(default_factory=list)
    service_pages: int = 0
    system_links: dict[str, str] = field(default_factory=dict)  # url → link text
    opened: set[str] = field(default_factory=set)  # pages that opened (requested and final URLs)
    failures: list[Unchecked] = field(default_factory=list)

    @property
    def host(self) -> str:
        return (urlsplit(self.start_url).hostname or "").lower()

    def on_page(self, result: FetchResult, depth: int) -> None:
        if result.text is None or not result.ok:
            return
        html, url = result.text, result.final_url
        self.opened.update((result.url, result.final_url))
        try:
            self.read_page(html, url, depth)
        except Exception as error:  # one odd page must not end the inspection; say what was skipped
            logger.exception("extraction failed on %s", url)
            self.failures.append(Unchecked("page", url, f"页面解析失败（{type(error).__name__}）"))

    def read_page(self, html: str, url: str, depth: int) -> None:
        self.flags.extend(scan_page(html, url, site_host=self.host))
        if SYSTEM_LINK_TEXT.search(html):
            self.read_system_links(html, url)
        if depth == 0:
            self.read_homepage(html, url)
        if self.read_letters(html, url) or self.read_guide(html, url):
            return
        if depth > 0:
            # Extracted at most once a page: a sparse column asks whether the page is an article, and
            # a page that is no column is read as one.
            article = functools.cache(lambda: extract_article(html, url, today=self.today))
            if not self.read_column(html, url, article):
                self.read_article(article)

    def read_homepage(self, html: str, url: str) -> None:
        self.identity = extract_identity(html)
        self.homepage_is_navigation = is_navigation_only(html, today=self.today, base_url=url)
        for block in homepage_blocks(html, url, today=self.today):
            self.homepage_items.extend(block.items)
            key = block.more_url or f"{url}#{block.heading}"
            # The homepage shows a column's latest items; its own page, if crawled, replaces this.
            if block.heading and key not in self.columns:
                self.columns[key] = ColumnEvidence.from_items(
                    key, block.heading, block.kind, block.items, url=key
                )
        for channel in find_channels(html, url):
            self.channels.setdefault(channel.url or channel.name, channel)

    def read_system_links(self, html: str, url: str) -> None:
        for link in extract_links(html, url):
            text = link.text.strip()
            if link.is_page and len(text) <= SYSTEM_LINK_MAX_CHARS and SYSTEM_LINK_TEXT.search(text):
                self.system_links.setdefault(link.url, text)

    def systems(self, crawl) -> tuple[tuple[ServiceSystemEvidence, ...], bool]:
        """The online systems whose entry the crawl opened or found broken, and whether every entry
        found was decided (one left unvisited, by a page cap for instance, leaves the area unchecked).
        A login page that opens is a working system; an entry answering 5xx, 404 or nothing is not."""
        outcomes = {link.url: link for link in crawl.links}
        systems, undecided = [], False
        for url, name in self.system_links.items():
            link = outcomes.get(url)
            if link is not None and link.problem is not None:
                problem = f"{link.problem.value} {link.status}" if link.status else link.problem.value
                systems.append(ServiceSystemEvidence(name, url, works=False, problem=problem))
            elif url in self.opened or link is not None:
                systems.append(ServiceSystemEvidence(name, url, works=True))
            else:
                undecided = True
        return tuple(systems), bool(self.system_links) and not undecided

    def read_letters(self, html: str, url: str) -> bool:
        if not shows_letter_dates(html):
            return False
        rows = find_letter_rows(html, url, today=self.today)
        if not rows:
            return False
        crumbs = breadcrumb(html)
        channel = crumbs[-1] if crumbs else ""
        kind = classify_channel(channel) if channel else ChannelKind.CONSULTATION
        for row in rows:
            key = (row.url or url, row.title, str(row.asked))
            self.letters[key] = LetterEvidence(channel, kind, row.asked, row.answered, row.title, row.url)
        self.channels.setdefault(url, ChannelEvidence(channel or "信件列表", kind, url))
        return True

    def read_guide(self, html: str, url: str) -> bool:
        if not shows_guide_labels(html, MIN_GUIDE_SECTIONS):
            return False
        facts = read_guide(html, url)
        if len(facts.sections) < MIN_GUIDE_SECTIONS:
            return False
        self.guides[url] = facts.evidence
        return True

    def read_column(self, html: str, url: str, article: Callable[[], ArticlePage]) -> bool:
        facts = column_page(html, url, today=self.today, paginate=False)
        empty_text = EMPTY_COLUMN_TEXT.search(html) is not None
        if not facts.items and not empty_text:
            return False  # no list at all: neither a column nor a later page of one
        current_page = find_pagination(html, url).current_page
        if current_page and current_page > 1:
            return True  # a later page of a column already read from its first page
        dated = any(item.published for item in facts.items)
        # Three dated items make a list; a sparse column (one or two items, the very columns most likely
        # to be stale) counts too when the page sits under a breadcrumb and has no article body, so that
        # an article's 相关链接 is never taken for a column.
        listed = dated and (len(facts.items) >= 3 or (bool(facts.breadcrumb) and not is_article(article())))
        # "暂无信息" under a breadcrumb: a blank column (its sidebar links are not its items).
        empty = not dated and bool(facts.breadcrumb) and empty_text
        if not (listed or empty):
            return False
        if facts.kind is ColumnKind.SERVICE:
            self.service_pages += 1
        key = self.key_for(url)
        items = facts.items if listed else []
        historical = CLOSED_TOPIC_TEXT.search(html) is not None
        self.columns[key] = ColumnEvidence.from_items(
            key, facts.name or url, facts.kind, items, url=url, historical=historical
        )
        return True

    def key_for(self, url: str) -> str:
        # A homepage block's "more" link may name the column page with or without index.html.
        for candidate in (url, url.rsplit("/", 1)[0] + "/", url.removesuffix("index.html")):
            if candidate in self.columns:
                return candidate
        return url

    def read_article(self, article: Callable[[], ArticlePage]) -> None:
        if len(self.articles) >= MAX_ARTICLES:
            return
        page = article()
        if not is_article(page):
            return
        evidence = page.to_evidence()
        self.articles.append(
            ArticleEvidence(
                evidence.url,
                evidence.title,
                evidence.published,
                evidence.text[:ARTICLE_TEXT_CHARS],
                evidence.written,
                evidence.signed,
            )
        )

    def evidence(self, crawl, probes: Sequence[Probe], checked_at: datetime.datetime) -> SiteEvidence:
        unchecked = [*crawl.unchecked, *self.failures]
        capped = any(entry.what == "pages" for entry in crawl.unchecked)
        if not self.channels:
            unchecked.append(
                Unchecked(
                    Area.CHANNELS.value,
                    self.start_url,
                    "未找到互动交流入口" + ("（已达页数上限，入口可能在未检查的页面中）" if capped else ""),
                )
            )
        if not self.letters:
            unchecked.append(
                Unchecked(Area.LETTERS.value, self.start_url, "未找到公开的信件列表，无法核对答复情况")
            )
        if not self.guides and not self.service_pages:
            unchecked.append(Unchecked(Area.GUIDES.value, self.start_url, "未找到办事指南页面"))
        systems, systems_decided = self.systems(crawl)
        if not systems_decided:
            reason = "未找到在线办事系统入口" if not self.system_links else "部分在线办事系统入口未能访问"
            unchecked.append(Unchecked(Area.SYSTEMS.value, self.start_url, reason + "，其可用性需人工核验"))
        homepage_probe = Probe(at=checked_at, ok=crawl.reachable, status=crawl.homepage.status,
                               elapsed=crawl.homepage.elapsed, error=crawl.homepage.error_detail[:50])  # fmt: skip
        return SiteEvidence(
            url=self.start_url,
            checked_at=checked_at,
            identity=self.identity,
            reachable=crawl.reachable,
            probes=(*probes, homepage_probe),
            homepage_items=tuple(self.homepage_items),
            homepage_is_navigation=self.homepage_is_navigation,
            columns=tuple(self.columns.values()),
            links=crawl.links,
            channels=tuple(self.channels.values()),
            letters=tuple(self.letters.values()),
            guides=tuple(self.guides.values()),
            systems=systems,
            offers_services=True if (self.guides or self.service_pages) else None,
            content_flags=tuple(self.flags),
            articles=tuple(self.articles),
            pages_fetched=crawl.pages_fetched,
            unchecked=tuple(unchecked),
        )


async def inspect_site_async(
    url: str,
    *,
    today: datetime.date,
    limits: CrawlLimits | None = None,
    probes: Sequence[Probe] = (),
    has_external_services: bool = True,
    ruleset: str = "gov2019",
    progress: Callable[[int, int], None] | None = None,
    session: aiohttp.ClientSession | None = None,
    gates: Gates | None = None,
) -> InspectionResult:
    """One site. ``session`` and ``gates``: shared with other sites crawled at the same time (a census
    batch); without them the crawl opens its own."""
    collector = EvidenceCollector(url, today)
    checked_at = datetime.datetime.now(datetime.UTC)
    crawl = await crawl_site(url, limits or CrawlLimits(), extract_links=crawler_links, on_page=collector.on_page,
                             progress=progress, today=today, session=session, gates=gates)  # fmt: skip
    evidence = collector.evidence(crawl, probes, checked_at)
    verdict = evaluate(evidence, today, load_ruleset(ruleset), has_external_services=has_external_services)
    return InspectionResult(evidence, verdict)


def inspect_site(url: str, **options) -> InspectionResult:
    """Synchronous entry point (command line, Celery task, admin views)."""
    return run_sync(inspect_site_async(url, **options))


def run_sync(coroutine: Coroutine[object, object, T]) -> T:
    """Run a coroutine to completion from synchronous code, even where this thread already runs an event
    loop (an ASGI server, a notebook, Playwright's sync API): then it runs on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
