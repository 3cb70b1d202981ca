"""Benchmark "letters_load": concurrent citizens writing letters to the production setup, with a database
restart mid-run, and every submission checked against the database afterwards.

    .venv/bin/python bench/letters_load.py [--writers 200] [--seconds 60] [--restart-at 20] [--down 2]
        [--workers N] [--timeout 60] [--postgres private|system] [--no-redis] [--no-write]

Starts the app the way production does (``DEBUG=0``, collected static files, gunicorn with several sync
workers, PostgreSQL, Redis as the cache) with one 市长信箱 channel, then runs ``--writers`` simulated writers
for ``--seconds`` twice: once undisturbed, once with PostgreSQL restarted at ``--restart-at`` s (see
``_letters_db`` for how). Each writer loops over whole submissions (``_letters_writers``); afterwards every
submission is looked up in the database by its unique subject and counted (``_letters_report``). A
submission is LOST when the writer was shown a receipt for a letter the database does not hold (or with
another number or query code), or when the letter is not stored and the writer was not shown an error page
with a Chinese message. The figures go to the ``## letters_load`` section of ``bench/RESULTS.md``.

Everything started here runs on 127.0.0.1 and is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import dataclasses
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _letters_db import PrivatePostgres, SystemPostgres, flush_redis_db, free_redis_db, server_version
from _letters_report import RATE_LIMIT_IP, RATE_LIMIT_PHONE, Figures, percentile, section, write_results
from _letters_writers import Load
from serve_article import (
    REPO,
    RESULTS,
    Processes,
    app_environment,
    cpu_model,
    free_port,
    load_average,
    log_tail,
    package_version,
    raise_interrupt,
    server_command,
    wait_ready,
)

BENCH_DIR = Path(__file__).resolve().parent
PAUSE_BETWEEN_RUNS = 3.0
# Method, path, status and the time the worker spent on the request (µs), without the wait in the queue.
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"


def read_from(path: Path, offset: int) -> list[str]:
    if not path.exists():
        return []
    with path.open("rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace").splitlines()


def parse_access(lines: list[str], channel: str) -> dict[str, list[float]]:
    """Server time (ms) of each kind of request: the form, the POST, the receipt, by status class."""
    kinds = {("GET", "write/"): "form", ("POST", "write/"): "post", ("GET", "receipt/"): "receipt"}
    times: dict[str, list[float]] = collections.defaultdict(list)
    for line in lines:
        parts = line.split()
        if len(parts) != 4 or not parts[1].startswith(channel) or not parts[3].isdigit():
            continue
        kind = kinds.get((parts[0], parts[1][len(channel) :]))
        if kind is not None:
            times[f"{kind} {parts[2][0]}xx"].append(int(parts[3]) / 1000)
    return {kind: sorted(values) for kind, values in times.items()}


# --- setup -------------------------------------------------------------------------------------------


def child(env: dict[str, str], tmp: Path, *args: str) -> dict:
    """Run a step of _setup_letters.py with the app's environment; its last stdout line is JSON."""
    log = tmp / "setup.log"
    with log.open("ab") as out:
        done = subprocess.run(
            [sys.executable, str(BENCH_DIR / "_setup_letters.py"), *args],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=out,
            timeout=900,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"_setup_letters.py {' '.join(args)} failed:\n{log_tail(log)}")
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def environment(tmp: Path, database_url: str, redis_db: int | None) -> dict[str, str]:
    env = app_environment(tmp, database_url)
    (tmp / "var").mkdir(exist_ok=True)
    env.update(
        {
            "GOVSITE_RATE_LIMIT_IP": RATE_LIMIT_IP,
            "GOVSITE_RATE_LIMIT_PHONE": RATE_LIMIT_PHONE,
            # Plain HTTP on loopback: Secure cookies would never come back (production terminates TLS in front).
            "SECURE_COOKIES": "0",
            "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}" if redis_db is not None else "",
            "CELERY_BROKER_URL": "",  # no task is queued on this path; keep Celery eager, not on the bench db
        }
    )
    return env


# --- the runs ----------------------------------------------------------------------------------------


def one_run(
    name: str, tag: str, args: argparse.Namespace, base: str, channel: str, env: dict[str, str], tmp: Path,
    database, gunicorn_log: Path, fault: bool,
) -> Figures:  # fmt: skip
    load = Load(base, channel, tag, args.writers, args.seconds, args.timeout, database.url)
    fault_text = database.fault_text(args.down) + f", at {args.restart_at:g} s" if fault else "none"
    print(f"Run {name}: {args.writers} writers for {args.seconds:g} s; fault: {fault_text}", flush=True)
    access_log = gunicorn_log.with_name("access.log")
    log_start, access_start = gunicorn_log.stat().st_size, access_log.stat().st_size
    window = asyncio.run(
        load.run(lambda: database.fault(args.down), args.restart_at) if fault else load.run()
    )
    log_lines = read_from(gunicorn_log, log_start)
    server_times = parse_access(read_from(access_log, access_start), channel)
    records = tmp / f"{tag}records.json"
    records.write_text(
        json.dumps(
            {"prefix": tag, "records": [dataclasses.asdict(s) for s in load.submissions]}, ensure_ascii=False
        )
    )
    print(f"  {len(load.submissions)} submissions sent; checking each against the database", flush=True)
    verified = child(env, tmp, "verify", str(records))
    figures = Figures(
        name, fault_text, load.submissions, verified["checked"], load, window, verified["letters_in_run"],
        verified["letters_not_sent"], log_lines, dict(database.timings) if fault else {}, server_times,
    )  # fmt: skip
    print(
        f"  sent {figures.sent}, receipts {figures.receipts} (true {figures.true_receipts}), errors shown "
        f"{figures.errors} (stored anyway {figures.errors_stored}), unanswered {figures.unanswered}, "
        f"LOST {figures.lost}, p99 {percentile(figures.latencies_ms(), 0.99):.0f} ms",
        flush=True,
    )
    return figures


def run(args: argparse.Namespace, tmp: Path, processes: Processes) -> tuple[list[Figures], dict[str, str]]:
    database = PrivatePostgres(tmp, free_port()) if args.postgres == "private" else SystemPostgres()
    redis_db = None if args.no_redis else free_redis_db()
    try:
        print(f"Creating the database: {database.describe()}", flush=True)
        database.create()
        env = environment(tmp, database.url, redis_db)
        print("Setting up: migrate, one portal with a 市长信箱 channel, collectstatic", flush=True)
        setup = child(env, tmp, "setup")
        port, log = free_port(), tmp / "gunicorn.log"
        print(f"Starting gunicorn with {args.workers} workers on 127.0.0.1:{port}", flush=True)
        access = tmp / "access.log"
        command = [*server_command("gunicorn", port, args.workers, tmp), "--access-logfile", str(access)]
        command += ["--access-logformat", ACCESS_FORMAT]
        server = processes.start("gunicorn", command, env, log)
        base = f"http://127.0.0.1:{port}"
        wait_ready(base + setup["channel"], server, log)
        wait_ready(base + setup["channel"] + "write/", server, log)
        facts = {
            "PostgreSQL": f"{server_version(database.url)}, {database.describe()}",
            "Redis": f"db {redis_db} on 127.0.0.1:6379 (flushed before and after), the cache: rate-limit counters"
            if redis_db is not None
            else "not used (local-memory cache per worker)",
        }
        results = [one_run("steady", "负载R1-", args, base, setup["channel"], env, tmp, database, log, False)]
        time.sleep(PAUSE_BETWEEN_RUNS)
        results.append(
            one_run("restart", "负载R2-", args, base, setup["channel"], env, tmp, database, log, True)
        )
        if server.poll() is not None:
            print(f"warning: gunicorn exited with {server.returncode}", flush=True)
        return results, facts
    finally:
        processes.stop_all()
        database.close()
        if redis_db is not None:
            flush_redis_db(redis_db)


# --- report ------------------------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    return {
        "Machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
        f"load average at start {load_average()}",
        "Python / Django / Wagtail": f"{platform.python_version()} / {package_version('django')} / "
        f"{package_version('wagtail')}",
        "gunicorn / aiohttp / psycopg": f"{package_version('gunicorn')} / {package_version('aiohttp')} / "
        f"{package_version('psycopg')}",
    }


# --- entry point -------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=200, help="concurrent writers (default 200)")
    parser.add_argument("--seconds", type=float, default=60, help="seconds of each run (default 60)")
    parser.add_argument(
        "--restart-at", type=float, help="second of the restart run the fault starts (default 1/3)"
    )
    parser.add_argument("--down", type=float, default=2, help="seconds the database stays down (default 2)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=60,
        help="timeout of every request (default 60 s, nginx's proxy_read_timeout)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn workers (default 2×cores+1)",
    )
    parser.add_argument(
        "--postgres",
        choices=["private", "system"],
        default="private",
        help="private: a cluster of the run's own, really restarted (default); system: a database on the "
        "machine's server at 127.0.0.1:5432, cut off instead of restarted",
    )
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache instead of Redis")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.restart_at is None:
        args.restart_at = args.seconds / 3
    if min(args.writers, args.seconds, args.timeout, args.workers) <= 0 or args.down < 0:
        parser.error("--writers, --seconds, --timeout and --workers must be positive")
    if not 0 <= args.restart_at < args.seconds:
        parser.error("--restart-at must fall inside the run")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv[1:])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGHUP, raise_interrupt)
    facts = machine_facts()
    processes = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="govsite-letters-"))
    try:
        results, more = run(args, tmp, processes)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping everything this run started", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        processes.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    facts.update(more)
    facts["Machine"] += f", at end {load_average()}"
    text = section(args, argv, results, facts)
    print("\n" + text)
    if not args.no_write:
        write_results(text)
        print(f"Written to {RESULTS.relative_to(REPO)}")
    return 0 if all(f.lost == 0 for f in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
