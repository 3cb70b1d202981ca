"""Benchmark "inspect": GovSite's inspector against LinkChecker (and Scrapy) on the same generated sites.

    .venv/bin/python bench/inspector.py [--sites 40] [--pages 300] [--memory-sites 100] [--seed 1]
        [--repeat 3] [--quick] [--no-scrapy] [--no-write]

(Not ``bench/inspect.py``: every script in ``bench/`` runs with ``bench/`` first on ``sys.path``, so a
file of that name would stand in for the standard library's ``inspect`` module, which ``dataclasses`` and
``asyncio`` import, and break every benchmark here, this one included.)

One run, everything on 127.0.0.1:

1. ``python -m govsite.supervision.sitegen.server`` in a process of its own serves ``max(--sites,
   --memory-sites)`` random generated sites (``random_site(seed + i, pages)``) with a page cache, so
   that its CPU is not the crawler's; an unmeasured crawl of every site first fills the cache.
2. One site, the first whose server has no slow, huge, looping, gzip-bomb or trap pages (LinkChecker and
   Scrapy have no trap detection and would never finish) and whose pages all hang off plain ``<a>``
   links (so that a links-only crawler can reach them all): GovSite's full inspection, all checks on;
   Scrapy's default settings with a minimal spider; LinkChecker with its default settings (throttled to
   0.1–0.6 s between requests to one host) and unthrottled.
3. ``--sites`` sites at once (aggregate pages/s): the inspector on one shared client session and gates
   (as ``crawl_sites`` does; ``inspect_site_async`` takes no session), and ``inspect_site_async`` per site.
4. ``--memory-sites`` sites, ``--sites`` at a time: peak RSS, and RSS after each quarter of the sites.
5. One site under cProfile: where the CPU goes, by extractor.

Every measured configuration runs in a fresh child process (``bench/_inspect_*.py``), so peak RSS is its
own; wall and CPU times cover the crawl, not the interpreter's start and imports. Peers come from the
``bench`` extra of pyproject.toml (pinned in constraints.txt). The figures, a projection of a
70,000-site census and a reading are written to the ``## inspect`` section of ``bench/RESULTS.md``.
Every child runs in its own process group with a timeout and is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import datetime
import importlib.util
import json
import math
import os
import platform
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
SECTION = "## inspect"
RESULTS_HEADER = """# Benchmark results

Each benchmark is one command (see `bench/README.md`); it starts everything it needs on 127.0.0.1 and
stops it afterwards. The machines these run on are shared and noisy, so absolute figures move from run
to run: read the ratios against the peer measured in the same run.
"""
LINKCHECKER_REQUIREMENT = "linkchecker==10.6.0"
SERVER_READY_TIMEOUT = 300.0
STOP_TIMEOUT = 10.0
TIMEOUTS = {
    "warm": 900,
    "one": 600,
    "floor": 600,
    "many": 1800,
    "profile": 600,
    "census": 600,
    "scrapy": 600,
    "linkchecker": 1800,
}

# Targets (shared/TARGETS.md, inspector rows).
TARGET_VS_LINKCHECKER = 10.0
TARGET_VS_SCRAPY = 2.0
TARGET_CPU_MS_PER_URL = 2.0
TARGET_AGGREGATE = 1000.0
TARGET_MEMORY_MB = 500.0
CENSUS_SITES = 70_000
CENSUS_PAGES = 200
NIGHT_HOURS = 10.0
NIGHT_WORKERS = 4
WORKERS = (1, 4, 16)
PEERS = ("Scrapy", "LinkChecker, unthrottled", "LinkChecker")
# An assumption for the latency reading only (nothing here measures remote servers): seconds per page.
ASSUMED_LATENCY = 0.3


@dataclasses.dataclass
class Run:
    """One tool in one configuration: what it did and what it cost."""

    tool: str
    config: str
    sites: int
    pages: int  # HTML pages fetched and read
    urls: int  # requests: pages plus link checks (robots.txt and redirects not counted)
    wall: float
    cpu: float
    peak_mb: float
    server_cpu: float = 0.0  # CPU seconds the site server used meanwhile
    note: str = ""
    timeline: list[float] = dataclasses.field(default_factory=list)  # seconds at every `step`-th page
    step: int = 0

    def seconds_to(self, fraction: float) -> float:
        """When `fraction` of the pages were done (the whole run without a timeline)."""
        if not self.timeline or not self.step:
            return self.wall
        index = math.ceil(fraction * self.pages / self.step) - 1
        return self.timeline[min(max(index, 0), len(self.timeline) - 1)]

    def pages_per_s_to(self, fraction: float) -> float:
        seconds = self.seconds_to(fraction)
        return fraction * self.pages / seconds if seconds else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def urls_per_s(self) -> float:
        return self.urls / self.wall if self.wall else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu / self.pages * 1000 if self.pages else math.nan

    @property
    def cpu_ms_per_url(self) -> float:
        return self.cpu / self.urls * 1000 if self.urls else math.nan


@dataclasses.dataclass
class Outcome:
    args: argparse.Namespace
    site: dict  # the single site: name, base_url, pages (truth), family
    single: list[Run]
    aggregate: list[Run]
    memory: Run
    checkpoints: list[dict]
    rss_imported_mb: float
    cold: dict
    profile: dict
    correct: dict[str, tuple[int, int]]  # config -> (sites whose vetoes match the truth, sites)
    linkchecker_urls: dict
    notes: list[str]
    server_facts: str


# --- processes ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    cpu: float  # user + system of the child (and its waited-for children), from wait4
    peak_mb: float


class Processes:
    """Children in process groups of their own, stopped with their whole group."""

    def __init__(self) -> None:
        self.children: list[subprocess.Popen[bytes]] = []

    def start(self, command: list[str], **options: object) -> subprocess.Popen[bytes]:
        child = subprocess.Popen(command, cwd=REPO, start_new_session=True, **options)  # type: ignore[call-overload]
        self.children.append(child)
        return child

    def run(self, name: str, command: list[str], timeout: float, env: dict[str, str] | None = None,
            stdout_path: Path | None = None) -> Finished:  # fmt: skip
        """Run to completion (or kill at `timeout`); resource use from wait4, so it is this child's."""
        with contextlib.ExitStack() as stack:
            err = stack.enter_context(tempfile.TemporaryFile())
            if stdout_path is None:
                out = stack.enter_context(tempfile.TemporaryFile())
            else:
                out = stack.enter_context(stdout_path.open("wb"))
            child = self.start(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                               env=env or child_environment())  # fmt: skip
            deadline = time.monotonic() + timeout
            status, usage = 0, None
            while True:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    self.stop(child)
                    raise RuntimeError(f"{name}: no result after {timeout:.0f} s; stopped")
                time.sleep(0.02)
            child.returncode = os.waitstatus_to_exitcode(status)
            self.children.remove(child)
            signal_group(child, signal.SIGKILL)  # anything it left behind in its group
            err.seek(0)
            stderr = err.read().decode(errors="replace")
            stdout = ""
            if stdout_path is None:
                out.seek(0)
                stdout = out.read().decode(errors="replace")
        return Finished(child.returncode, stdout, stderr, usage.ru_utime + usage.ru_stime,
                        usage.ru_maxrss / 1024)  # fmt: skip

    def stop(self, child: subprocess.Popen[bytes]) -> None:
        signal_group(child, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired, ChildProcessError):
            child.wait(timeout=STOP_TIMEOUT)
        signal_group(child, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired, ChildProcessError):
            child.wait(timeout=2)
        if child in self.children:
            self.children.remove(child)

    def stop_all(self) -> None:
        for child in reversed(list(self.children)):
            self.stop(child)


def signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signum)


def raise_interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def child_environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO / "src"), **extra}


def last_json(name: str, finished: Finished) -> dict:
    lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
    if finished.returncode != 0 or not lines:
        tail = "\n".join(finished.stderr.splitlines()[-25:])
        raise RuntimeError(f"{name} exited with {finished.returncode}:\n{tail}")
    return json.loads(lines[-1])


# --- the site server ---------------------------------------------------------------------------------


class SiteServer:
    """`python -m govsite.supervision.sitegen.server` serving generated sites until stopped."""

    def __init__(self, processes: Processes, sites: int, pages: int, seed: int, cache: int) -> None:
        self.command = [sys.executable, "-m", "govsite.supervision.sitegen.server", "--sites", str(sites),
                        "--pages", str(pages), "--seed", str(seed), "--cache", str(cache), "--json"]  # fmt: skip
        self.child = processes.start(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=child_environment())  # fmt: skip
        self.sites = self.read_sites(sites)

    def read_sites(self, count: int) -> list[dict]:
        assert self.child.stdout is not None
        sites, buffer = [], b""
        deadline = time.monotonic() + SERVER_READY_TIMEOUT
        fd = self.child.stdout.fileno()
        while len(sites) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"site server: {len(sites)} of {count} sites after {SERVER_READY_TIMEOUT} s"
                )
            if self.child.poll() is not None:
                raise RuntimeError(f"site server exited with {self.child.returncode}")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                chunk = os.read(fd, 65536)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                sites += [json.loads(line) for line in lines if line.strip()]
        for site in sites:
            if not site["base_url"].startswith("http://127.0.0.1:"):
                raise RuntimeError(f"site server: not on 127.0.0.1: {site['base_url']}")
        return sites

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.child.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0


# --- peers -------------------------------------------------------------------------------------------


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def ensure_peers(want_scrapy: bool, notes: list[str]) -> bool:
    """LinkChecker (required) and Scrapy are pinned in the `bench` extra that `make install` installs;
    whether Scrapy is to be measured."""
    if not installed("linkcheck"):
        sys.exit(f"LinkChecker is missing: run `make install` (it pins {LINKCHECKER_REQUIREMENT})")
    if not want_scrapy:
        notes.append("Scrapy left out (`--no-scrapy`).")
        return False
    if not installed("scrapy"):
        sys.exit("Scrapy is missing: run `make install`, or pass --no-scrapy")
    return True


NOT_PAGES = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|png|jpe?g|gif|bmp|svg|ico|css|js|txt|xml)$", re.I
)


def linkchecker_counts(csv_path: Path, netloc: str) -> dict:
    """URLs LinkChecker checked (every http URL in its log, once each) and pages among them.

    Its CSV log has no content type: pages are the start host's URLs whose path does not end like an
    attachment, image, stylesheet or script (the generated sites name pages ``.html``, ``.shtml`` or ``/``).
    """
    urls, pages, broken, other_hosts, not_checked = set(), set(), set(), set(), 0
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter=";")
        for row in rows:
            url = row.get("url") or ""
            if not url.startswith(("http://", "https://")):
                not_checked += 1
                continue
            urls.add(url)
            if row.get("valid") == "False":
                broken.add(url)
            parts = urlsplit(url)
            if parts.netloc != netloc:
                other_hosts.add(url)
            elif not NOT_PAGES.search(parts.path):
                pages.add(url)
    return {"urls": len(urls), "pages": len(pages), "broken": len(broken), "outside": len(other_hosts),
            "not_checked": not_checked}  # fmt: skip


# --- the run -----------------------------------------------------------------------------------------


def choose_site(served: list[dict], specs: dict, truths: dict) -> dict:
    for site in served:
        faults, truth = specs[site["name"]].faults, truths[site["name"]]
        server_faults = (faults.slow_pages, faults.huge_pages, faults.gzip_bomb, faults.redirect_loop,
                         faults.calendar_trap, faults.path_trap)  # fmt: skip
        if not any(server_faults) and truth.plain_link_pages == truth.pages:
            return {**site, "family": specs[site["name"]].family.value, "truth_pages": truth.pages}
    raise RuntimeError(
        "no generated site without server faults and with plain links only: try another --seed"
    )


def govsite_child(
    processes: Processes, name: str, options: dict, today: datetime.date
) -> tuple[dict, Finished]:
    command = [sys.executable, str(BENCH_DIR / "_inspect_govsite.py"),
               json.dumps({**options, "today": today.isoformat()})]  # fmt: skip
    finished = processes.run(name, command, TIMEOUTS[options["mode"]])
    return last_json(name, finished), finished


def measure_scrapy(processes: Processes, url: str) -> Run:
    command = [sys.executable, str(BENCH_DIR / "_inspect_scrapy.py"), url]
    finished = processes.run("scrapy", command, TIMEOUTS["scrapy"])
    data = last_json("scrapy", finished)
    return Run("Scrapy", "one site", 1, data["pages"], data["requests"], data["wall"], data["cpu"],
               finished.peak_mb)  # fmt: skip


def measure_linkchecker(processes: Processes, url: str, mode: str, tmp: Path) -> tuple[Run, dict]:
    config = tmp / f"linkcheckerrc-{mode}"
    config.write_text("[checking]\n" + ("maxrequestspersecond=1000000\n" if mode == "unthrottled" else ""))
    config.chmod(0o644)
    out = tmp / f"linkchecker-{mode}.csv"
    env = child_environment(XDG_CONFIG_HOME=str(tmp / "xdg-config"), XDG_DATA_HOME=str(tmp / "xdg-data"))
    command = [sys.executable, str(BENCH_DIR / "_inspect_linkchecker.py"), mode, str(config), url]
    finished = processes.run(
        f"linkchecker {mode}", command, TIMEOUTS["linkchecker"], env=env, stdout_path=out
    )
    marker = [line for line in finished.stderr.splitlines() if line.startswith("BENCH-RESULT ")]
    if finished.returncode != 0 or not marker:
        tail = "\n".join(finished.stderr.splitlines()[-25:])
        raise RuntimeError(f"linkchecker {mode} exited with {finished.returncode}:\n{tail}")
    data = json.loads(marker[-1].removeprefix("BENCH-RESULT "))
    counts = linkchecker_counts(out, url.split("/")[2])
    label = "LinkChecker" if mode == "default" else "LinkChecker, unthrottled"
    run = Run(
        label, "one site", 1, counts["pages"], counts["urls"], data["wall"], data["cpu"], finished.peak_mb
    )
    return run, counts


def median_run(runs: list[Run]) -> Run:
    """The run with the median pages/s, its spread in the note."""
    ordered = sorted(runs, key=lambda run: run.pages_per_s)
    chosen = dataclasses.replace(ordered[len(ordered) // 2])
    if len(runs) > 1:
        chosen.note = (f"median of {len(runs)}: {ordered[0].pages_per_s:,.0f}–{ordered[-1].pages_per_s:,.0f} "
                       f"pages/s, {min(r.cpu_ms_per_url for r in runs):.2f}–"
                       f"{max(r.cpu_ms_per_url for r in runs):.2f} CPU ms/URL")  # fmt: skip
    return chosen


def server_share(server: SiteServer, start: float, run: Run) -> Run:
    run.server_cpu = server.cpu_seconds() - start
    return run


def vetoes_match(summaries: list[dict], truths_by_url: dict) -> tuple[int, int]:
    matching = 0
    for summary in summaries:
        truth_of_site = truths_by_url[summary["url"]]
        found, truth = set(summary["vetoes"]), set(truth_of_site.vetoes)
        if found == truth:
            matching += 1
        else:
            print(
                f"    verdict differs from the truth at {summary['url']}: found {sorted(found)}, truth {sorted(truth)}"
            )
    return matching, len(summaries)


def run(args: argparse.Namespace, processes: Processes, tmp: Path, scrapy: bool, notes: list[str]) -> Outcome:
    from govsite.supervision.sitegen import generate, random_site, truth_for

    served_count = max(args.sites, args.memory_sites)
    specs = {
        spec.name: spec for spec in (random_site(args.seed + i, args.pages) for i in range(served_count))
    }
    truths = {name: truth_for(generate(spec)) for name, spec in specs.items()}
    today = next(iter(truths.values())).today
    cache = 3 * args.pages + 100
    print(f"Serving {served_count} generated sites of about {args.pages} pages (cache {cache} pages a site)",
          flush=True)  # fmt: skip
    server = SiteServer(processes, served_count, args.pages, args.seed, cache)
    truths_by_url = {site["base_url"]: truths[site["name"]] for site in server.sites}
    urls = [site["base_url"] for site in server.sites]
    site = choose_site(server.sites, specs, truths)
    print(f"Filling the server's cache: one crawl of all {len(urls)} sites", flush=True)
    warmed, _ = govsite_child(processes, "warm-up", {"mode": "warm", "urls": urls}, today)
    server_facts = (f"{served_count} sites, {sum(t.pages for t in truths.values()):,} pages in the truth, "
                    f"{warmed['pages']:,} fetched by the warm-up crawl; server RSS {server.rss_mb():,.0f} MB "
                    f"with its cache filled")  # fmt: skip
    url = site["base_url"]
    single: list[Run] = []
    correct: dict[str, tuple[int, int]] = {}

    print(f"One site: {site['name']} ({site['family']}, {site['truth_pages']} pages) at {url}", flush=True)
    start = server.cpu_seconds()
    data, finished = govsite_child(processes, "govsite one", {"mode": "one", "urls": [url], "repeat": args.repeat},
                                   today)  # fmt: skip
    runs = [Run("GovSite", "one site", 1, r["pages"], r["requests"] + r["checks"], r["wall"], r["cpu"],
                finished.peak_mb) for r in data["runs"]]  # fmt: skip
    single.append(server_share(server, start, median_run(runs)))
    single[-1].server_cpu /= args.repeat + 1
    correct["one site"] = vetoes_match(data["runs"][:1], truths_by_url)
    cold = data["cold"]
    print_run(single[-1])

    print("One site, the floor: the crawler without extractors, bare HTTP clients", flush=True)
    data, finished = govsite_child(processes, "govsite floor", {"mode": "floor", "urls": [url], "repeat": args.repeat},
                                   today)  # fmt: skip
    floors = [median_run([Run("GovSite crawler only (regex links)", "one site", 1, r["pages"], r["requests"], r["wall"],
                              r["cpu"], finished.peak_mb) for r in data["crawl"]])]  # fmt: skip
    for client, runs_of_client in data["clients"].items():
        floors.append(median_run([Run(f"{client}, bare GETs of those pages", "one site", 1, r["pages"],
                                      r["requests"], r["wall"], r["cpu"], finished.peak_mb) for r in runs_of_client]))  # fmt: skip
    for floor_run in floors:
        floor_run.server_cpu = math.nan  # one child for all of them, warm-ups included: not apportioned
        single.append(floor_run)
        print_run(floor_run)

    if scrapy:
        scrapy_runs = []
        for _ in range(args.repeat):
            start = server.cpu_seconds()
            scrapy_runs.append(server_share(server, start, measure_scrapy(processes, url)))
        single.append(median_run(scrapy_runs))
        print_run(single[-1])

    unthrottled_runs = []
    for _ in range(args.repeat):
        start = server.cpu_seconds()
        lc_run, _counts = measure_linkchecker(processes, url, "unthrottled", tmp)
        unthrottled_runs.append(server_share(server, start, lc_run))
    single.append(median_run(unthrottled_runs))
    print_run(single[-1])

    print("LinkChecker with its default settings (about 3 URLs/s: this takes a while)", flush=True)
    start = server.cpu_seconds()
    lc_default, lc_counts = measure_linkchecker(processes, url, "default", tmp)
    single.append(server_share(server, start, lc_default))
    print_run(single[-1])

    aggregate: list[Run] = []
    chosen = urls[: args.sites]
    workers = os.cpu_count() or 1
    print(f"{len(chosen)} sites at once, {workers} processes (`govsite census`)", flush=True)
    start = server.cpu_seconds()
    data, finished = govsite_child(processes, f"govsite census {len(chosen)} sites",
                                   {"mode": "census", "urls": chosen, "at_once": args.sites, "processes": workers},
                                   today)  # fmt: skip
    aggregate.append(server_share(server, start, Run(
        "GovSite", f"{len(chosen)} sites at once, {workers} processes of {max(1, args.sites // workers)} sites",
        len(chosen), sum(s["pages"] for s in data["sites"]), data["requests"], data["wall"], data["cpu"],
        max(finished.peak_mb, data["child_peak_rss_mb"]),
        note="URLs counted as pages: link checks happen in the worker processes and are not counted")))  # fmt: skip
    correct[aggregate[-1].config] = vetoes_match(data["sites"], truths_by_url)
    print_run(aggregate[-1])
    for shared, label in ((True, "shared session"), (False, "`inspect_site_async` each")):
        print(f"{len(chosen)} sites at once, {label}", flush=True)
        start = server.cpu_seconds()
        data, finished = govsite_child(processes, f"govsite {len(chosen)} sites",
                                       {"mode": "many", "urls": chosen, "at_once": args.sites, "shared": shared},
                                       today)  # fmt: skip
        pages = sum(s["pages"] for s in data["sites"])
        aggregate.append(server_share(server, start, Run(
            "GovSite", f"{len(chosen)} sites at once, {label}", len(chosen), pages,
            data["requests"] + data["checks"], data["wall"], data["cpu"], finished.peak_mb,
            timeline=data["timeline"], step=data["timeline_step"])))  # fmt: skip
        correct[aggregate[-1].config] = vetoes_match(data["sites"], truths_by_url)
        print_run(aggregate[-1])

    memory_urls = urls[: args.memory_sites]
    print(f"{len(memory_urls)} sites, {args.sites} at a time, shared session: memory", flush=True)
    start = server.cpu_seconds()
    data, finished = govsite_child(processes, "govsite memory",
                                   {"mode": "many", "urls": memory_urls, "at_once": args.sites, "shared": True},
                                   today)  # fmt: skip
    memory = server_share(server, start, Run(
        "GovSite", f"{len(memory_urls)} sites, {args.sites} at a time", len(memory_urls),
        sum(s["pages"] for s in data["sites"]), data["requests"] + data["checks"], data["wall"], data["cpu"],
        finished.peak_mb, timeline=data["timeline"], step=data["timeline_step"]))  # fmt: skip
    correct[memory.config] = vetoes_match(data["sites"], truths_by_url)
    print_run(memory)

    print("Profiling one site", flush=True)
    profile, _ = govsite_child(processes, "govsite profile", {"mode": "profile", "urls": [url]}, today)
    return Outcome(args, site, single, aggregate, memory, data["checkpoints"], data["rss_imported_mb"], cold,
                   profile, correct, lc_counts, notes, server_facts)  # fmt: skip


def print_run(run: Run) -> None:
    print(f"  {run.tool}: {run.pages:,} pages, {run.urls:,} URLs in {run.wall:.2f} s = {run.pages_per_s:,.1f} "
          f"pages/s, {run.cpu_ms_per_url:.2f} CPU ms/URL, peak {run.peak_mb:,.0f} MB", flush=True)  # fmt: skip


# --- report ------------------------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def memory_total_gb() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return math.nan


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_facts() -> dict[str, str]:
    return {
        "Machine": f"{os.cpu_count()} cores ({cpu_model()}), {memory_total_gb():.0f} GB, {platform.system()} "
        f"{platform.release()}, load average at start {load_average()}",
        "Python": platform.python_version(),
        "aiohttp / selectolax": f"{package_version('aiohttp')} / {package_version('selectolax')}",
        "LinkChecker": package_version("linkchecker"),
        "Scrapy / Twisted": f"{package_version('scrapy')} / {package_version('twisted')}",
    }


def command_line(argv: list[str]) -> str:
    def relative(path: str) -> str:
        with contextlib.suppress(ValueError):
            return str(Path(path).absolute().relative_to(REPO))
        return path

    return shlex.join([relative(sys.executable), relative(argv[0]), *argv[1:]])


def number(value: float, digits: int = 0) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def runs_table(runs: list[Run]) -> str:
    rows = [
        "| Configuration | Tool | Sites | Pages | URLs | Seconds | Pages/s | URLs/s | CPU ms/page | CPU ms/URL "
        "| CPU busy | Peak MB | Server CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        share = r.server_cpu / r.wall if r.wall else 0.0
        rows.append(
            f"| {r.config} | {r.tool} | {r.sites} | {r.pages:,} | {r.urls:,} | {r.wall:.2f} | "
            f"{number(r.pages_per_s, 1)} | {number(r.urls_per_s, 1)} | {number(r.cpu_ms_per_page, 2)} | "
            f"{number(r.cpu_ms_per_url, 2)} | {r.cpu / r.wall if r.wall else 0:.0%} | {r.peak_mb:,.0f} | "
            f"{'—' if math.isnan(share) else f'{share:.0%}'} |"
        )
    return "\n".join(rows)


def find(runs: list[Run], tool: str) -> Run | None:
    return next((r for r in runs if r.tool == tool), None)


def ratios_table(outcome: Outcome) -> str:
    govsite = find(outcome.single, "GovSite")
    assert govsite is not None
    rows = [
        "| GovSite against | pages/s (GovSite/peer) | URLs/s | CPU per URL | Target | Met |",
        "|---|---:|---:|---:|---|---|",
    ]
    targets = {
        "LinkChecker": (f"≥{TARGET_VS_LINKCHECKER:.0f}× pages/s", TARGET_VS_LINKCHECKER),
        "Scrapy": (f"≥{TARGET_VS_SCRAPY:.0f}× pages/s", TARGET_VS_SCRAPY),
    }
    for peer in outcome.single:
        if peer.tool not in PEERS:
            continue
        target, factor = targets.get(peer.tool, ("—", None))
        ratio = govsite.pages_per_s / peer.pages_per_s if peer.pages_per_s else math.inf
        met = "—" if factor is None else ("yes" if ratio >= factor else "no")
        rows.append(
            f"| {peer.tool} | {ratio:,.1f}× | {govsite.urls_per_s / peer.urls_per_s:,.1f}× | "
            f"{govsite.cpu_ms_per_url / peer.cpu_ms_per_url:.2f}× | {target} | {met} |"
        )
    return "\n".join(rows)


def memory_table(outcome: Outcome) -> str:
    rows = ["| Sites done | RSS (MB) | Peak RSS so far (MB) |", "|---:|---:|---:|",
            f"| 0 (after imports) | {outcome.rss_imported_mb:,.0f} | — |"]  # fmt: skip
    rows += [f"| {c['sites']} | {c['rss_mb']:,.0f} | {c['peak_rss_mb']:,.0f} |" for c in outcome.checkpoints]
    return "\n".join(rows)


def throughput_table(runs: list[Run]) -> str:
    rows = ["| Configuration | Pages/s, whole run | 50% of pages at (s) | 90% at (s) | all at (s) | "
            "Pages/s to 90% |", "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in runs:
        rows.append(f"| {r.config} | {r.pages_per_s:,.0f} | {r.seconds_to(0.5):.1f} | {r.seconds_to(0.9):.1f} | "
                    f"{r.wall:.1f} | {r.pages_per_s_to(0.9):,.0f} |")  # fmt: skip
    return "\n".join(rows)


def hours(pages_per_s: float, workers: int) -> float:
    return CENSUS_SITES * CENSUS_PAGES / (pages_per_s * workers) / 3600 if pages_per_s else math.inf


def projection_table(run: Run) -> str:
    whole, steady = run.pages_per_s, run.pages_per_s_to(0.9)
    rows = [f"| Workers (2 cores each) | Hours at {whole:,.0f} pages/s (whole run) | "
            f"Hours at {steady:,.0f} pages/s (to 90% of pages) |", "|---:|---:|---:|"]  # fmt: skip
    rows += [f"| {n} | {hours(whole, n):,.1f} | {hours(steady, n):,.1f} |" for n in WORKERS]
    return "\n".join(rows)


def profile_table(profile: dict) -> str:
    pages, total = profile["pages"], profile["cpu"]
    rows = ["| Step | CPU ms/page | Share |", "|---|---:|---:|"]
    parts = sorted(profile["parts"], key=lambda part: -part["seconds"])
    for part in parts:
        rows.append(
            f"| {part['part']} | {part['seconds'] / pages * 1000:.2f} | {part['seconds'] / total:.0%} |"
        )
    rest = total - sum(part["seconds"] for part in parts)
    rows.append(f"| the rest: fetching, decoding, aiohttp, event loop, frontier, gates | "
                f"{rest / pages * 1000:.2f} | {rest / total:.0%} |")  # fmt: skip
    rows.append(f"| whole inspection | {total / pages * 1000:.2f} | 100% |")
    return "\n".join(rows)


def hottest_list(profile: dict) -> str:
    return "\n".join(
        f"- `{entry['function']}`: {entry['share']:.0%} ({entry['calls_per_page']:,.1f} calls a page)"
        for entry in profile["hottest"]
    )


def targets_table(outcome: Outcome) -> str:
    govsite = find(outcome.single, "GovSite")
    linkchecker, scrapy = find(outcome.single, "LinkChecker"), find(outcome.single, "Scrapy")
    headline = outcome.aggregate[0]
    assert govsite is not None and linkchecker is not None
    flat = flatness(outcome.checkpoints)
    night = hours(headline.pages_per_s, NIGHT_WORKERS)
    lines = ["| Target | Measured | Met |", "|---|---|---|"]

    def row(target: str, measured: str, met: bool | None) -> None:
        lines.append(f"| {target} | {measured} | {'—' if met is None else ('yes' if met else 'no')} |")

    lc_ratio = govsite.pages_per_s / linkchecker.pages_per_s
    row(f"pages/s ≥{TARGET_VS_LINKCHECKER:.0f}× LinkChecker (default settings), one site",
        f"{lc_ratio:,.1f}× ({govsite.pages_per_s:,.0f} against {linkchecker.pages_per_s:,.1f})",
        lc_ratio >= TARGET_VS_LINKCHECKER)  # fmt: skip
    if scrapy is not None:
        ratio = govsite.pages_per_s / scrapy.pages_per_s
        row(f"pages/s ≥{TARGET_VS_SCRAPY:.0f}× Scrapy (default settings), one site",
            f"{ratio:.2f}× ({govsite.pages_per_s:,.0f} against {scrapy.pages_per_s:,.0f})",
            ratio >= TARGET_VS_SCRAPY)  # fmt: skip
    else:
        row(f"pages/s ≥{TARGET_VS_SCRAPY:.0f}× Scrapy", "Scrapy not measured", None)
    row(f"CPU ≤{TARGET_CPU_MS_PER_URL:.0f} ms per URL, all checks on, one site",
        f"{govsite.cpu_ms_per_url:.2f} ms ({govsite.cpu_ms_per_page:.2f} ms per page)",
        govsite.cpu_ms_per_url <= TARGET_CPU_MS_PER_URL)  # fmt: skip
    row(
        f"≥{TARGET_AGGREGATE:,.0f} pages/s aggregate, {headline.sites} sites at once",
        f"{headline.pages_per_s:,.0f} pages/s",
        headline.pages_per_s >= TARGET_AGGREGATE,
    )
    row(
        f"peak memory <{TARGET_MEMORY_MB:.0f} MB, {outcome.memory.sites}-site run",
        f"{outcome.memory.peak_mb:,.0f} MB",
        outcome.memory.peak_mb < TARGET_MEMORY_MB,
    )
    row("memory flat as sites grow", flat[0], flat[1])
    steady = hours(headline.pages_per_s_to(0.9), NIGHT_WORKERS)
    row(f"{CENSUS_SITES:,} sites × {CENSUS_PAGES} pages in one night (≤{NIGHT_HOURS:.0f} h) on "
        f"≤{NIGHT_WORKERS} workers", f"{night:,.1f} h on {NIGHT_WORKERS} workers ({steady:,.1f} h at the rate "
        "to 90% of pages), projected with pages answered at once", night <= NIGHT_HOURS)  # fmt: skip
    return "\n".join(lines)


def flatness(checkpoints: list[dict]) -> tuple[str, bool | None]:
    if len(checkpoints) < 2:
        return "too few checkpoints", None
    first, last = checkpoints[1], checkpoints[-1]  # the first quarter still fills the pool
    growth = last["rss_mb"] - first["rss_mb"]
    per_site = growth / (last["sites"] - first["sites"]) if last["sites"] > first["sites"] else 0.0
    text = (f"RSS {first['rss_mb']:,.0f} MB after {first['sites']} sites, {last['rss_mb']:,.0f} MB after "
            f"{last['sites']} ({per_site:+.2f} MB a site)")  # fmt: skip
    return text, per_site * 1000 < 50  # grows under 50 MB per 1,000 more sites (shrinking is flat enough)


def correctness_text(outcome: Outcome) -> str:
    parts = [f"{config}: {ok} of {total}" for config, (ok, total) in outcome.correct.items()]
    return (
        "Veto verdicts equal to the generated sites' truth (as in `tests/supervision/test_supervision_presets.py`): "
        + "; ".join(parts)
        + "."
    )


def floor_text(outcome: Outcome) -> str:
    govsite = find(outcome.single, "GovSite")
    crawler = find(outcome.single, "GovSite crawler only (regex links)")
    bare = find(outcome.single, "aiohttp, bare GETs of those pages")
    if not (govsite and crawler and bare):
        return ""
    extractors = govsite.cpu_ms_per_page - crawler.cpu_ms_per_page
    return (
        f" The crawler alone (links by a regular expression, no extractor) costs {crawler.cpu_ms_per_page:.2f} "
        f"CPU ms a page and bare aiohttp GETs {bare.cpu_ms_per_page:.2f}: the extractors and the verdict are "
        f"about {extractors:.1f} of GovSite's {govsite.cpu_ms_per_page:.1f} ms "
        f"({extractors / govsite.cpu_ms_per_page:.0%})."
    )


def reading(outcome: Outcome) -> str:
    """The honest paragraphs, computed from this run's figures."""
    govsite = find(outcome.single, "GovSite")
    linkchecker = find(outcome.single, "LinkChecker")
    unthrottled = find(outcome.single, "LinkChecker, unthrottled")
    scrapy = find(outcome.single, "Scrapy")
    headline, separate, memory = outcome.aggregate[0], outcome.aggregate[-1], outcome.memory
    assert govsite and linkchecker and unthrottled
    profile, cores = outcome.profile, os.cpu_count() or 1
    parts = sorted(profile["parts"], key=lambda part: -part["seconds"])
    top = ", ".join(f"{p['part']} {p['seconds'] / profile['cpu']:.0%}" for p in parts[:3])
    parse_share = profile["parse_ms_per_page"] / (profile["cpu"] / profile["pages"] * 1000)
    shared = outcome.aggregate[1]  # one process, one session: bound by one core
    one_core = 1000 / shared.cpu_ms_per_page  # pages/s one process can reach: its event loop is one thread
    per_site_cap = 8 / ASSUMED_LATENCY  # per_host requests in flight / seconds per page
    latency_bound = min(headline.sites * per_site_cap, headline.pages_per_s)
    one_at_a_time = cores * per_site_cap
    night = hours(headline.pages_per_s, NIGHT_WORKERS)
    paragraphs = [
        f"**Against the peers.** On one site GovSite fetched {govsite.pages:,} pages and checked "
        f"{govsite.urls - govsite.pages:,} more links in {govsite.wall:.2f} s with every check on. LinkChecker "
        f"with its defaults is slow by design: it waits 0.1–0.6 s between two requests to a host and no "
        f"setting lowers that floor, so its {linkchecker.pages_per_s:.1f} pages/s is a politeness figure and "
        f"the {govsite.pages_per_s / linkchecker.pages_per_s:,.0f}× ratio mostly measures that wait. "
        f"Unthrottled, LinkChecker reaches {unthrottled.pages_per_s:,.0f} pages/s at "
        f"{unthrottled.cpu_ms_per_url:.1f} CPU ms/URL against GovSite's {govsite.cpu_ms_per_url:.2f}: the fair "
        f"comparison of work per URL."
        + (
            f" Scrapy's spider follows links and checks nothing, and costs {scrapy.cpu_ms_per_url:.1f} CPU "
            f"ms/URL; GovSite, running every extractor on every page, reaches "
            f"{govsite.pages_per_s / scrapy.pages_per_s:.1f}× its pages/s."
            if scrapy
            else ""
        ),
        f"**Where the time goes.** GovSite spends {govsite.cpu_ms_per_page:.1f} CPU ms a page; its CPU was busy "
        f"{govsite.cpu / govsite.wall:.0%} of the one-site wall time"
        + (
            ": one site on 127.0.0.1 is CPU-bound, on one core."
            if govsite.cpu / govsite.wall >= 0.9
            else " (the rest is waiting: a breadth-first crawl starts from one page, and `per_host=8` caps "
            "requests in flight)."
        )
        + f" By step: {top}. The "
        f"extractors parse each page again and again: {profile['parses_per_page']:.1f} selectolax parses a "
        f"page, {profile['parse_ms_per_page']:.2f} ms ({parse_share:.0%} of the CPU); the Python walks over "
        f"the trees cost more than the parses (see the hottest functions).{floor_text(outcome)} The first inspection in a fresh "
        f"process took {outcome.cold['cpu'] / govsite.pages * 1000:.1f} CPU ms a page (lazy imports, caches); "
        f"the table shows later runs.",
        f"**Many sites.** {headline.config} (`govsite census`): {headline.pages_per_s:,.0f} pages/s over the "
        f"whole run at {headline.cpu_ms_per_page:.1f} CPU ms a page, counted over the worker processes; the site "
        f"server took {headline.server_cpu / headline.wall:.0%} of a core. One process is bound by one core: on "
        f"one session it gave {shared.pages_per_s:,.0f} pages/s at {shared.cpu_ms_per_page:.1f} ms a page "
        f"(ceiling about {one_core:,.0f}), and `inspect_site_async` per site (a session and gates each) "
        f"{separate.pages_per_s:,.0f}. Reaching {TARGET_AGGREGATE:,.0f} pages/s on {cores} cores needs at most "
        f"{cores * 1000 / TARGET_AGGREGATE:.0f} CPU ms a page with the site server on the same cores; 40 crawls at "
        f"once cost more a page than one site alone (more requests in flight, colder caches).",
        f"**Memory.** Peak RSS {memory.peak_mb:,.0f} MB for {memory.sites} sites ({headline.sites} at a time), "
        f"of which {outcome.rss_imported_mb:,.0f} MB is the interpreter and imports; "
        f"{flatness(outcome.checkpoints)[0]}. Only a summary of each verdict is kept, as a census worker that "
        f"stores its results would.",
        f"**Projection.** At the {headline.sites}-site figure, {CENSUS_SITES:,} sites × {CENSUS_PAGES} pages = "
        f"{CENSUS_SITES * CENSUS_PAGES / 1e6:.0f} M pages take {hours(headline.pages_per_s, 1):,.1f} h on one "
        f"worker and {night:,.1f} h on {NIGHT_WORKERS}: one night on ≤{NIGHT_WORKERS} workers "
        f"{'holds' if night <= NIGHT_HOURS else 'does not hold'} even with pages answered at once. Two things "
        f"this run does not measure make it harder. Real servers are remote: at an assumed "
        f"{ASSUMED_LATENCY:.1f} s a page, `per_host=8` caps one site at {per_site_cap:.0f} pages/s, so "
        f"{headline.sites} sites at once give at most {latency_bound:,.0f} pages/s "
        f"({hours(latency_bound, NIGHT_WORKERS):,.1f} h on {NIGHT_WORKERS} workers). And the census runs one "
        f"site per Celery task (`inspect_run` → `inspect_site` → `asyncio.run`): a 2-core worker with the "
        f"default prefork concurrency inspects {cores} sites at a time, about {one_at_a_time:.0f} pages/s at "
        f"that latency, {hours(one_at_a_time, NIGHT_WORKERS):,.0f} h on {NIGHT_WORKERS} workers. A night "
        f"needs each worker to inspect many sites at once, in one process per core.",
    ]
    return "\n\n".join(paragraphs)


def section(outcome: Outcome, argv: list[str], facts: dict[str, str]) -> str:
    args, site, counts = outcome.args, outcome.site, outcome.linkchecker_urls
    headline = outcome.aggregate[0]
    lines = [
        SECTION,
        "",
        "The same generated government sites (`govsite.supervision.sitegen`, served from another process on "
        "127.0.0.1) crawled in one run by GovSite's inspector with all checks on, by LinkChecker (links only) "
        "and by a minimal Scrapy spider (links only, no checks).",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Command: `{command_line(argv)}`",
        *(f"- {name}: {value}" for name, value in facts.items()),
        f"- Sites: `random_site(seed, {args.pages})` for seeds {args.seed}–"
        f"{args.seed + max(args.sites, args.memory_sites) - 1}; {outcome.server_facts}",
        f"- One site: {site['name']} ({site['family']}, {site['truth_pages']} pages, every page reachable by "
        f"`<a>` links, no slow, huge, looping or trap pages, so that the peers can finish it)",
        "- GovSite: `inspect_site_async(url, today=…, limits=CrawlLimits())`, default limits (64 requests in "
        f"flight, 8 per host); one site: a warm-up run then {args.repeat} measured, median shown; "
        f"many sites: {headline.sites} at a time",
        "- LinkChecker: `linkchecker -f EMPTY_CONFIG --no-status --check-extern -v -o csv/utf-8 URL` (10 "
        "threads, infinite recursion into the start host, other links checked once; run as root it drops "
        "to user nobody); *unthrottled*: the same with `maxrequestspersecond=1000000` and its 0.1 s floor "
        "between requests to a host set to 0 in the process. URLs = distinct http URLs in its log, pages "
        f"= those on the start host not named like an attachment, image, stylesheet or script; in the default run {counts['urls']:,} URLs, "
        f"{counts['broken']} broken, {counts['outside']} off the start host, {counts['not_checked']} log "
        "lines not checked (`javascript:`, `mailto:`)",
        "- Scrapy: default settings but `LOG_LEVEL=INFO` and no telnet console, a spider following every "
        "same-host link its `LinkExtractor` finds (`bench/_inspect_scrapy.py`)",
        "- Each measured configuration runs in a fresh process; times cover the crawl, not the interpreter's "
        "start and imports; peak MB is the process's maximum RSS; URLs = pages + link checks; server CPU is "
        "the site server's CPU over the run's wall time (it shares the 2 cores)",
        "",
        "### One site",
        "",
        runs_table(outcome.single),
        "",
        *(f"- {r.tool}: {r.note}" for r in outcome.single if r.note),
        "",
        ratios_table(outcome),
        "",
        "### Many sites",
        "",
        runs_table([*outcome.aggregate, outcome.memory]),
        "",
        "The wall time of a many-site run ends with its slowest sites (generated sites with a slow page wait "
        "out the 15 s timeout; the pool then runs fewer sites than it may):",
        "",
        throughput_table([*outcome.aggregate, outcome.memory]),
        "",
        f"RSS of the {outcome.memory.sites}-site run as sites finish:",
        "",
        memory_table(outcome),
        "",
        correctness_text(outcome),
        "",
        "### Targets",
        "",
        targets_table(outcome),
        "",
        f"### Projection: {CENSUS_SITES:,} sites × {CENSUS_PAGES} pages",
        "",
        f"From the measured {headline.sites}-site aggregate on one 2-core worker (pages answered at once "
        "from 127.0.0.1: the CPU bound, see the reading for latency):",
        "",
        projection_table(headline),
        "",
        "### Where the CPU goes (one site)",
        "",
        "CPU timers around each step `inspect_site_async` takes per page (another run than the table's "
        "above, same site):",
        "",
        profile_table(outcome.profile),
        "",
        "GovSite's hottest functions by own CPU time under cProfile (a third run; cProfile inflates Python calls, "
        "so read the order, not the sizes):",
        "",
        hottest_list(outcome.profile),
        "",
        reading(outcome),
        "",
        *(f"{note}\n" for note in outcome.notes),
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    """Replace the ``## inspect`` section of RESULTS.md (or append it), keeping the other sections."""
    current = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    pattern = re.compile(rf"^{re.escape(SECTION)}[ \t]*\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n")


# --- entry point -------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=40, help="sites crawled at once (default 40)")
    parser.add_argument("--pages", type=int, default=300, help="approximate pages per site (default 300)")
    parser.add_argument("--memory-sites", type=int, default=100, help="sites of the memory run (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="first generated site's seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs on one site (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 8 sites of 60 pages, 16 for memory")
    parser.add_argument("--no-scrapy", action="store_true", help="leave the optional Scrapy peer out")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.sites, args.pages, args.memory_sites, args.repeat = 8, 60, 16, 1
    if min(args.sites, args.pages, args.memory_sites, args.repeat) < 1:
        parser.error("--sites, --pages, --memory-sites and --repeat must be positive")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv[1:])
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored (`&`)
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGHUP, raise_interrupt)
    notes: list[str] = []
    scrapy = ensure_peers(not args.no_scrapy, notes)
    facts = machine_facts()
    processes = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="govsite-bench-inspect-"))
    tmp.chmod(0o755)  # LinkChecker, dropped to user nobody, reads its config file here
    try:
        outcome = run(args, processes, tmp, scrapy, notes)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping everything this run started", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        processes.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    facts["Machine"] += f", at end {load_average()}"
    text = section(outcome, argv, facts)
    print("\n" + text)
    if not args.no_write:
        write_results(text)
        print(f"Written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
