"""Many sites at once: an asyncio batch of sites in each process, one process per core.

One site keeps a core busy only while its pages answer at once; remote sites answer in tens or hundreds of
milliseconds and each host is crawled politely, so a worker needs many sites in flight to stay busy
(``inspect_sites_async``: one client session and one set of gates for the whole batch, as the crawler's
``crawl_sites``). Parsing is CPU work that holds Python's lock, so a machine's cores are used by
processes (``inspect_sites``), each with its share of the sites. A census of every site in the country
is this, on several machines (Celery workers run ``inspect_batch`` tasks the same way).
"""

from __future__ import annotations

import asyncio
import datetime
import multiprocessing
import os
import queue
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from govsite.supervision.crawler import CrawlLimits, Gates, make_session
from govsite.supervision.inspect import InspectionResult, inspect_site_async

Summarise = Callable[[InspectionResult], Any]


@dataclass(frozen=True)
class CensusOptions:
    today: datetime.date
    limits: CrawlLimits = field(default_factory=CrawlLimits)
    ruleset: str = "gov2019"
    has_external_services: bool = True


async def inspect_sites_async(
    urls: Sequence[str],
    options: CensusOptions,
    on_result: Callable[[str, InspectionResult], None],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Inspect every site, ``options.limits.max_sites`` at a time; ``on_result(url, result)`` as each ends.

    Results arrive in the order sites finish and are not kept here, so memory stays flat however long
    the list. What a crawl could not check is in its result; an exception ends the batch."""
    limits = options.limits
    gates = Gates(limits)
    pending = iter(urls)

    async def worker(client: aiohttp.ClientSession) -> None:
        for url in pending:  # workers take sites in turn: no task per site of a long list
            result = await inspect_site_async(
                url, today=options.today, limits=limits, ruleset=options.ruleset,
                has_external_services=options.has_external_services, progress=progress, session=client,
                gates=gates,
            )  # fmt: skip
            on_result(url, result)

    async with make_session(limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(min(limits.max_sites, len(urls)))))


def shares(urls: Sequence[str], processes: int) -> list[list[str]]:
    """Sites dealt out in turn, so every process gets large and small sites alike."""
    return [list(urls[index::processes]) for index in range(processes) if urls[index::processes]]


def inspect_sites(
    urls: Sequence[str], options: CensusOptions, summarise: Summarise, *, processes: int | None = None
) -> Iterator[tuple[str, Any]]:
    """``(url, summarise(result))`` for every site as it finishes, from ``processes`` processes (default:
    one per core). ``summarise`` runs in the worker process and must return something picklable (a
    report dict, a verdict line): whole results are large and never need to cross."""
    processes = max(1, min(processes or os.cpu_count() or 1, len(urls)))
    if processes == 1:
        done: list[tuple[str, Any]] = []
        asyncio.run(
            inspect_sites_async(urls, options, lambda url, result: done.append((url, summarise(result))))
        )
        yield from done
        return
    context = multiprocessing.get_context("spawn")  # no inherited event loops, locks or sockets
    results = context.Queue()
    children = [
        context.Process(target=_child, args=(share, options, summarise, results), daemon=True)
        for share in shares(urls, processes)
    ]
    for child in children:
        child.start()
    remaining = len(urls)
    try:
        while remaining:
            try:
                message = results.get(timeout=5)
            except queue.Empty:
                if not any(child.is_alive() for child in children):
                    raise RuntimeError(
                        "census worker processes ended before every site was reported"
                    ) from None
                continue
            if message[0] == "error":
                raise RuntimeError(f"census worker failed: {message[1]}")
            remaining -= 1
            yield message[1], message[2]
    finally:
        for child in children:
            child.join(timeout=10)
            if child.is_alive():
                child.terminate()


def _child(urls: list[str], options: CensusOptions, summarise: Summarise, results: Any) -> None:
    try:
        asyncio.run(
            inspect_sites_async(
                urls, options, lambda url, result: results.put(("done", url, summarise(result)))
            )
        )
    except BaseException as error:  # the parent must hear of it rather than wait for sites never coming
        results.put(("error", f"{type(error).__name__}: {error}"))
        raise
