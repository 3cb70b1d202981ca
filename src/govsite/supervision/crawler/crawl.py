"""Crawl sites breadth-first, check their links, probe homepages: the I/O half of the crawler.

One client session and one set of gates serve a whole run: a global limit on requests in flight
(`limits.concurrency`), a per-host limit (`limits.per_host`) and a politeness delay between request
starts to one host (`limits.delay`). Waiting at a gate does not count against a fetch's 15 s.

Pages are handed to `on_page` as they arrive and dropped: the crawler keeps no HTML, so memory stays
flat with site size. `extract_links(html, base_url)` is injected: it yields `(url, tag)` pairs, the URL
as written (relative or absolute) and where it came from, named as `extract.links.LinkSource` does
("a", "area", "onclick", "iframe", "img", "stylesheet"): "img" marks an image, "stylesheet" is skipped.
With that extractor: `lambda html, base: ((link.url, link.source.value) for link in extract_links(html, base))`.
"""

import asyncio
import contextlib
import datetime
import functools
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import aiohttp

from govsite.indicators.inspection import LinkEvidence, LinkKind, LinkProblem, Probe, Unchecked

from .fetch import FetchResult, check_link, fetch, make_session
from .frontier import Frontier
from .limits import CrawlLimits
from .urls import host_of

log = logging.getLogger(__name__)
_T = TypeVar("_T")

ExtractLinks = Callable[[str, str], Iterable[tuple[str, str]]]
OnPage = Callable[[FetchResult, int], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CrawlResult:
    start_url: str
    homepage: FetchResult  # the start page's fetch, without its text
    pages_fetched: int
    links_checked: int
    links: tuple[LinkEvidence, ...]  # links checked, and site pages that did not open
    unchecked: tuple[Unchecked, ...]
    elapsed: float  # seconds
    bytes_read: int  # page bytes after decompression

    @property
    def reachable(self) -> bool:
        return self.homepage.ok


class Gates:
    """Request slots shared by every site of a run: global, per host, and politeness spacing."""

    def __init__(self, limits: CrawlLimits) -> None:
        self._limits = limits
        self._global = asyncio.Semaphore(limits.concurrency)
        self._hosts: dict[str, _HostGate] = {}

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = host_of(url)
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = _HostGate(self._limits.per_host)
        gate.users += 1
        try:
            async with gate.semaphore:  # the host's slot first: a waiting host holds no global slot
                await gate.wait_turn(self._limits.delay)
                async with self._global:
                    yield
        finally:
            gate.users -= 1
            if gate.users == 0 and gate.next_start <= time.monotonic():
                del self._hosts[host]  # hosts come and go over a long run; keep only busy ones


class _HostGate:
    def __init__(self, per_host: int) -> None:
        self.semaphore = asyncio.Semaphore(per_host)
        self.next_start = 0.0
        self.users = 0

    async def wait_turn(self, delay: float) -> None:
        if delay <= 0:
            return
        now = time.monotonic()
        start = max(now, self.next_start)
        self.next_start = start + delay  # claimed before sleeping, so waiters line up
        if start > now:
            await asyncio.sleep(start - now)


async def crawl_site(
    start_url: str,
    limits: CrawlLimits,
    *,
    extract_links: ExtractLinks,
    on_page: OnPage | None = None,
    progress: Progress | None = None,
    session: aiohttp.ClientSession | None = None,
    gates: Gates | None = None,
    today: datetime.date | None = None,
) -> CrawlResult:
    """Crawl one site from `start_url`. `on_page(result, depth)` sees each site page once: HTML
    pages with their text, failed pages with their error (redirect duplicates and non-HTML files are
    not passed). `progress(pages_done, pages_admitted)` is called after each page."""
    async with _session_for(session, limits) as client:
        crawl = _SiteCrawl(
            start_url, limits, client, gates or Gates(limits), extract_links, on_page, progress, today
        )
        return await crawl.run()


async def crawl_sites(
    urls: Sequence[str],
    limits: CrawlLimits,
    *,
    extract_links: ExtractLinks,
    on_page: Callable[[str, FetchResult, int], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    today: datetime.date | None = None,
) -> list[CrawlResult]:
    """Crawl many sites at once (`limits.max_sites` at a time) with one session and shared gates;
    callbacks get the site's start URL first. Results are in the order of `urls`."""
    gates = Gates(limits)
    results: list[CrawlResult | None] = [None] * len(urls)
    pending = iter(enumerate(urls))  # workers take sites in turn: no task per site of a long list

    async def worker(client: aiohttp.ClientSession) -> None:
        for index, url in pending:
            results[index] = await crawl_site(
                url,
                limits,
                extract_links=extract_links,
                on_page=functools.partial(on_page, url) if on_page else None,
                progress=functools.partial(progress, url) if progress else None,
                session=client,
                gates=gates,
                today=today,
            )

    async with make_session(limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(min(limits.max_sites, len(urls)))))
    return [result for result in results if result is not None]


async def probe(url: str, limits: CrawlLimits, *, session: aiohttp.ClientSession | None = None) -> Probe:
    """One homepage availability probe: ok if the page opened (2xx/3xx) within `limits.timeout`."""
    at = datetime.datetime.now(datetime.UTC)
    async with _session_for(session, limits) as client:
        result = await fetch(client, url, limits)
    problem = result.error
    if problem is not None and result.status is not None and result.status >= 400:
        error = f"http {result.status}"
    else:
        error = "" if problem is None or problem is LinkProblem.TOO_LARGE else problem.value  # large opened
    return Probe(at=at, ok=not error, status=result.status, elapsed=result.elapsed, error=error)


@contextlib.asynccontextmanager
async def _session_for(
    session: aiohttp.ClientSession | None, limits: CrawlLimits
) -> AsyncIterator[aiohttp.ClientSession]:
    if session is not None:
        yield session
        return
    async with make_session(limits) as own:
        yield own


class _SiteCrawl:
    """One site's crawl: page workers and link-check workers around a frontier."""

    def __init__(
        self,
        start_url: str,
        limits: CrawlLimits,
        session: aiohttp.ClientSession,
        gates: Gates,
        extract_links: ExtractLinks,
        on_page: OnPage | None,
        progress: Progress | None,
        today: datetime.date | None,
    ) -> None:
        self.limits, self.session, self.gates = limits, session, gates
        self.extract_links, self.on_page, self.progress = extract_links, on_page, progress
        self.frontier = Frontier(start_url, limits, today)
        self.pages: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self.checks: asyncio.Queue[str] = asyncio.Queue()
        self.pages_done = 0
        self.links_done = 0
        self.bytes_read = 0
        self.homepage: FetchResult | None = None

    async def run(self) -> CrawlResult:
        started = time.perf_counter()
        self.pages.put_nowait((self.frontier.start_url, 0))
        # Site pages mostly go to one host, so more page workers than its slots would only queue.
        workers = [asyncio.create_task(self._page_worker()) for _ in range(self.limits.per_host)]
        workers += [asyncio.create_task(self._check_worker()) for _ in range(self.limits.link_workers)]
        try:
            await self.pages.join()  # pages make link checks, so checks are all queued after this
            await self.checks.join()
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        assert self.homepage is not None
        return CrawlResult(
            start_url=self.frontier.start_url,
            homepage=self.homepage,
            pages_fetched=self.pages_done,
            links_checked=self.links_done,
            links=self.frontier.evidence(),
            unchecked=self.frontier.unchecked(),
            elapsed=time.perf_counter() - started,
            bytes_read=self.bytes_read,
        )

    async def _page_worker(self) -> None:
        while True:
            url, depth = await self.pages.get()
            try:
                await self._crawl_page(url, depth)
            finally:
                self.pages.task_done()

    async def _crawl_page(self, url: str, depth: int) -> None:
        async with self.gates.slot(url):
            result = await fetch(self.session, url, self.limits)
        self.pages_done += 1
        self.bytes_read += result.bytes_read
        if depth == 0:
            self.homepage = _without_text(result)
        page = self.frontier.page_fetched(url, result)
        if self.on_page is not None and (page is not None or result.error is not None):
            self._guarded(url, "页面证据提取出错", self.on_page, result, depth)
        if page is not None:
            links = self._guarded(url, "页面链接提取出错", self._links_of, result)
            pages, checks = self.frontier.admit_links(page, depth, links or ())
            for page in pages:
                self.pages.put_nowait(page)
            for check in checks:
                self.checks.put_nowait(check)
        if self.progress is not None:
            self.progress(self.pages_done, self.frontier.pages_admitted)

    def _links_of(self, result: FetchResult) -> list[tuple[str, str]]:
        assert result.text is not None
        return list(self.extract_links(result.text, result.final_url))

    def _guarded(self, url: str, reason: str, call: Callable[..., _T], *args: object) -> _T | None:
        """A caller's bug on one odd page must not end a whole site's inspection: log it, report it."""
        try:
            return call(*args)
        except Exception as error:
            log.exception("%s: %s", reason, url)
            self.frontier.page_unreadable(url, f"{reason}（{type(error).__name__}），未检查")
            return None

    async def _check_worker(self) -> None:
        while True:
            url = await self.checks.get()
            try:
                head_first = self.frontier.link_kind(url) is not LinkKind.PAGE
                async with self.gates.slot(url):
                    result = await check_link(self.session, url, self.limits, head_first=head_first)
                self.links_done += 1
                self.frontier.link_checked(url, result)
            finally:
                self.checks.task_done()


def _without_text(result: FetchResult) -> FetchResult:
    return replace(result, text=None) if result.text is not None else result
