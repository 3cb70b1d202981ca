"""Child process of `bench/inspector.py`: GovSite's inspector, measured in a process of its own.

    .venv/bin/python bench/_inspect_govsite.py '{"mode": "one", "urls": ["http://127.0.0.1:PORT/"], ...}'

Modes (the JSON argument also carries ``today``, an ISO date, and the mode's options):

- ``one``: `inspect_site_async` on ``urls[0]`` with default `CrawlLimits`, ``repeat`` times after one
  unmeasured warm-up run, each in its own event loop as `inspect_site` does;
- ``many``: every URL, ``at_once`` sites at a time. ``shared: true`` gives `inspect_site_async` one client
  session and one set of gates for all sites, as `govsite census` does in each process; ``shared: false``
  awaits `inspect_site_async` per site (a session and gates of its own for each). RSS is read as each quarter
  of the sites is done. Only a summary of each result is kept, as a census worker that stores its
  verdicts and drops them would;
- ``floor``: what the inspection costs without its extractors, on ``urls[0]``: `crawl_site` with links
  found by a regular expression (pages fetched, links checked, nothing extracted), then bare aiohttp
  and httpx clients fetching the same pages once each, 32 in flight (moved here from the crawler's
  micro benchmark, which chose aiohttp);
- ``warm``: the crawl alone over every URL (fills the site server's page cache; nothing is measured);
- ``profile``: one site after a warm-up run: CPU timers around each step of the inspection (which
  extractor costs what), the number of HTML parses, and cProfile's hottest functions in another run.

Prints one JSON object on the last line of stdout. Wall and CPU times cover the inspections only, not
the interpreter's start or the imports.
"""

from __future__ import annotations

import asyncio
import cProfile
import datetime
import importlib.util
import json
import math
import pstats
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import govsite.supervision.crawler.crawl as crawl_module
from govsite.supervision.crawler import CrawlLimits, Gates, crawl_site, crawl_sites, make_session
from govsite.supervision.inspect import (
    EvidenceCollector,
    InspectionResult,
    crawler_links,
    inspect_site_async,
)


class RequestCounter:
    """Counts the crawler's requests: pages fetched and links checked (a HEAD then GET counts once)."""

    def __init__(self) -> None:
        self.pages = 0
        self.checks = 0
        fetch, check_link = crawl_module.fetch, crawl_module.check_link

        async def counted_fetch(*args: object, **kwargs: object) -> object:
            self.pages += 1
            return await fetch(*args, **kwargs)

        async def counted_check(*args: object, **kwargs: object) -> object:
            self.checks += 1
            return await check_link(*args, **kwargs)

        crawl_module.fetch, crawl_module.check_link = counted_fetch, counted_check

    def take(self) -> tuple[int, int]:
        counts = self.pages, self.checks
        self.pages = self.checks = 0
        return counts


TIMELINE_STEP = 50


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summary(result: InspectionResult) -> dict[str, object]:
    evidence, verdict = result.evidence, result.verdict
    return {
        "url": evidence.url,
        "pages": evidence.pages_fetched,
        "vetoes": sorted(finding.rule for finding in verdict.vetoes),
        "passed": verdict.passed,
        "score": verdict.score,
    }


def timed(run: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


# --- modes -------------------------------------------------------------------------------------------


def one(options: dict, today: datetime.date) -> dict[str, object]:
    url, limits = options["urls"][0], CrawlLimits()
    counter = RequestCounter()
    rss_imported = rss_mb()

    def inspect() -> object:
        return asyncio.run(inspect_site_async(url, today=today, limits=limits))

    _, cold_wall, cold_cpu = timed(inspect)
    cold_pages, cold_checks = counter.take()
    runs = []
    for _ in range(options.get("repeat", 3)):
        result, wall, cpu = timed(inspect)
        pages, checks = counter.take()
        runs.append({"wall": wall, "cpu": cpu, "requests": pages, "checks": checks, **summary(result)})
    return {
        "runs": runs,
        "cold": {"wall": cold_wall, "cpu": cold_cpu, "requests": cold_pages, "checks": cold_checks},
        "rss_imported_mb": rss_imported,
        "peak_rss_mb": peak_rss_mb(),
    }


async def inspect_many(urls: list[str], today: datetime.date, at_once: int, shared: bool) -> dict:
    limits = CrawlLimits(max_sites=at_once)
    pending = iter(urls)
    done: list[dict[str, object]] = []
    marks = {math.ceil(len(urls) * quarter / 4): quarter for quarter in (1, 2, 3, 4)}
    checkpoints: list[dict[str, float]] = []
    gates = Gates(limits)
    timeline: list[float] = []  # seconds from the start at every TIMELINE_STEP-th page done
    pages_done, started = 0, time.perf_counter()

    def tick(_site_pages: int, _admitted: int) -> None:
        nonlocal pages_done
        pages_done += 1
        if pages_done % TIMELINE_STEP == 0:
            timeline.append(time.perf_counter() - started)

    async def inspect_shared(client: object, url: str) -> dict[str, object]:
        result = await inspect_site_async(
            url, today=today, limits=limits, progress=tick, session=client, gates=gates
        )
        return summary(result)

    async def worker(client: object) -> None:
        for url in pending:
            if shared:
                done.append(await inspect_shared(client, url))
            else:
                result = await inspect_site_async(url, today=today, limits=limits, progress=tick)
                done.append(summary(result))
            if len(done) in marks:
                checkpoints.append({"sites": len(done), "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()})

    if shared:
        async with make_session(limits) as client:
            await asyncio.gather(*(worker(client) for _ in range(min(at_once, len(urls)))))
    else:
        await asyncio.gather(*(worker(None) for _ in range(min(at_once, len(urls)))))
    return {"sites": done, "checkpoints": checkpoints, "timeline": timeline, "timeline_step": TIMELINE_STEP}


def many(options: dict, today: datetime.date) -> dict[str, object]:
    counter = RequestCounter()
    rss_imported = rss_mb()
    result, wall, cpu = timed(
        lambda: asyncio.run(inspect_many(options["urls"], today, options["at_once"], options["shared"]))
    )
    requests, checks = counter.take()
    return {
        **result,  # type: ignore[dict-item]
        "wall": wall,
        "cpu": cpu,
        "requests": requests,
        "checks": checks,
        "rss_imported_mb": rss_imported,
        "peak_rss_mb": peak_rss_mb(),
    }


CLIENT_CONCURRENCY = 32
_LINK = re.compile(r"""<(a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']""")


def regex_links(html: str, base_url: str) -> Iterator[tuple[str, str]]:
    for tag, url in _LINK.findall(html):
        yield url, tag


async def bare_aiohttp(urls: list[str]) -> int:
    import aiohttp

    gate = asyncio.Semaphore(CLIENT_CONCURRENCY)
    connector = aiohttp.TCPConnector(limit=CLIENT_CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(url: str) -> int:
            async with gate, session.get(url) as response:
                return len(await response.text(errors="replace"))

        await asyncio.gather(*(one(url) for url in urls))
    return len(urls)


async def bare_httpx(urls: list[str]) -> int:
    import httpx

    gate = asyncio.Semaphore(CLIENT_CONCURRENCY)
    limits = httpx.Limits(max_connections=CLIENT_CONCURRENCY, max_keepalive_connections=CLIENT_CONCURRENCY)
    async with httpx.AsyncClient(limits=limits) as client:

        async def one(url: str) -> int:
            async with gate:
                return len((await client.get(url)).text)

        await asyncio.gather(*(one(url) for url in urls))
    return len(urls)


def floor(options: dict, today: datetime.date) -> dict[str, object]:
    url, limits, repeat = options["urls"][0], CrawlLimits(), options.get("repeat", 3)
    counter = RequestCounter()
    pages: dict[str, None] = {}

    def on_page(result: object, _depth: int) -> None:
        if result.text is not None:  # type: ignore[attr-defined]
            pages[result.final_url] = None  # type: ignore[attr-defined]

    def crawl() -> object:
        return asyncio.run(crawl_site(url, limits, extract_links=regex_links, on_page=on_page, today=today))

    crawl()  # warm-up
    counter.take()
    crawls = []
    for _ in range(repeat):
        result, wall, cpu = timed(crawl)
        requests, checks = counter.take()
        crawls.append(
            {"wall": wall, "cpu": cpu, "pages": result.pages_fetched, "requests": requests + checks}
        )  # type: ignore[attr-defined]
    urls = list(pages)
    clients: dict[str, list[dict[str, float]]] = {}
    for name, client in (("aiohttp", bare_aiohttp), ("httpx", bare_httpx)):
        if importlib.util.find_spec(name) is None:
            continue
        asyncio.run(client(urls))  # warm-up
        clients[name] = []
        for _ in range(repeat):
            fetched, wall, cpu = timed(lambda client=client: asyncio.run(client(urls)))
            clients[name].append({"wall": wall, "cpu": cpu, "pages": fetched, "requests": fetched})
    return {"crawl": crawls, "clients": clients, "peak_rss_mb": peak_rss_mb()}


def warm(options: dict, today: datetime.date) -> dict[str, object]:
    limits = CrawlLimits()
    results = asyncio.run(crawl_sites(options["urls"], limits, extract_links=crawler_links, today=today))
    return {"pages": sum(result.pages_fetched for result in results)}


# Where a page's CPU goes: what `inspect_site_async` calls per page, timed one by one.
TIMED_METHODS = (
    ("homepage (identity, blocks, channels)", "read_homepage"),
    ("letters (`find_letter_rows`)", "read_letters"),
    ("service guides (`read_guide`)", "read_guide"),
    ("columns (`column_page`)", "read_column"),
    ("articles (`extract_article`)", "read_article"),
)
TIMED_FUNCTIONS = (
    ("content risks (`scan_page`)", "scan_page"),
    ("links for the crawler (`crawler_links`)", "crawler_links"),
    ("verdict (`evaluate`, once a site)", "evaluate"),
)


def time_parts() -> dict[str, float]:
    """Wrap the inspector's per-page steps with CPU timers (they are synchronous: no await inside)."""
    import govsite.supervision.inspect as inspect_module

    spent: dict[str, float] = {}

    def timer(label: str, call: Callable[..., object], materialise: bool = False) -> Callable[..., object]:
        spent[label] = 0.0

        def timed_call(*args: object, **kwargs: object) -> object:
            started = time.process_time()
            try:
                result = call(*args, **kwargs)
                return list(result) if materialise else result  # type: ignore[call-overload]
            finally:
                spent[label] += time.process_time() - started

        return timed_call

    for label, name in TIMED_METHODS:
        setattr(EvidenceCollector, name, timer(label, getattr(EvidenceCollector, name)))
    for label, name in TIMED_FUNCTIONS:
        call = getattr(inspect_module, name)
        setattr(inspect_module, name, timer(label, call, materialise=name == "crawler_links"))
    return spent


def count_parses() -> dict[str, float]:
    """Wrap every `LexborHTMLParser(...)` the extractors make: how many parses, and their time."""
    import selectolax.lexbor

    parser_class = selectolax.lexbor.LexborHTMLParser
    tally = {"parses": 0, "seconds": 0.0}

    def counted(*args: object, **kwargs: object) -> object:
        started = time.process_time()
        tree = parser_class(*args, **kwargs)
        tally["seconds"] += time.process_time() - started
        tally["parses"] += 1
        return tree

    for name, module in list(sys.modules.items()):
        if name.startswith("govsite.") and getattr(module, "LexborHTMLParser", None) is parser_class:
            module.LexborHTMLParser = counted  # type: ignore[attr-defined]
    return tally


def profile(options: dict, today: datetime.date) -> dict[str, object]:
    """CPU by step (timers, little overhead), selectolax parses, and cProfile's hottest functions."""
    import govsite.supervision.inspect as inspect_module

    url, limits = options["urls"][0], CrawlLimits()

    def inspect() -> InspectionResult:
        return asyncio.run(inspect_module.inspect_site_async(url, today=today, limits=limits))

    inspect()  # warm-up: lazy imports, caches
    profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for the network is not work
    profiler.enable()
    inspect()
    profiler.disable()
    spent, tally = time_parts(), count_parses()
    result, _, cpu = timed(inspect)
    pages = result.evidence.pages_fetched  # type: ignore[attr-defined]
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total_own = sum(entry[2] for entry in stats.values())
    own_code = [item for item in stats.items() if "/govsite/" in item[0][0]]
    hottest = sorted(own_code, key=lambda item: -item[1][2])[: options.get("hottest", 8)]
    return {
        "pages": pages,
        "cpu": cpu,
        "parts": [{"part": label, "seconds": seconds} for label, seconds in spent.items()],
        "parses_per_page": tally["parses"] / pages,
        "parse_ms_per_page": tally["seconds"] / pages * 1000,
        "hottest": [
            {
                "function": f"{shorten(filename)}:{line}({name})",
                "calls_per_page": entry[1] / pages,
                "share": entry[2] / total_own,
            }
            for (filename, line, name), entry in hottest
        ],
    }


def shorten(filename: str) -> str:
    for marker in ("/src/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def census(options: dict, today: datetime.date) -> dict[str, object]:
    """`govsite.supervision.census.inspect_sites`: the sites dealt out to ``processes`` processes, each
    inspecting ``at_once`` sites at a time on its own session. CPU counts the worker processes too."""
    from govsite.supervision.census import CensusOptions, inspect_sites

    urls, processes = options["urls"], options["processes"]
    limits = CrawlLimits(max_sites=max(1, options["at_once"] // processes))
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result, wall, cpu = timed(
        lambda: [
            data
            for _url, data in inspect_sites(urls, CensusOptions(today, limits), summary, processes=processes)
        ]
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    return {"sites": result, "wall": wall, "cpu": cpu + child_cpu, "requests": sum(s["pages"] for s in result),
            "checks": 0, "peak_rss_mb": peak_rss_mb(), "child_peak_rss_mb": children.ru_maxrss / 1024}  # fmt: skip


MODES = {"one": one, "many": many, "floor": floor, "warm": warm, "profile": profile, "census": census}


def main() -> None:
    options = json.loads(sys.argv[1])
    today = datetime.date.fromisoformat(options["today"])
    print(json.dumps(MODES[options["mode"]](options, today)), flush=True)


if __name__ == "__main__":
    main()
