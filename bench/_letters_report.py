"""The report of ``letters_load.py``: what each run's submissions add up to, and its RESULTS.md section.

A submission is LOST when the writer was shown a receipt for a letter the database does not hold (or holds
with another number or query code), or when the letter is not stored and the writer was not shown an error
page with a Chinese message. Everything else is counted by what the writer was shown.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import itertools
import math
import os
import re

from _letters_writers import Load, Submission
from serve_article import RESULTS, RESULTS_HEADER, command_line

SECTION = "## letters_load"
# Far above what 200 writers from one address send in a run: the bench measures storage, not the limiter.
RATE_LIMIT_IP = "1000000/h"
RATE_LIMIT_PHONE = "1000000/d"
TIMELINE_BUCKETS = 12


@dataclasses.dataclass
class Figures:
    name: str
    fault: str
    subs: list[Submission]
    checked: list[dict]
    load: Load
    fault_window: tuple[float, float]
    letters_in_run: int
    letters_not_sent: int
    log_lines: list[str]
    fault_timings: dict[str, float] = dataclasses.field(default_factory=dict)
    server_times: dict[str, list[float]] = dataclasses.field(default_factory=dict)  # kind → sorted ms

    def pairs(self) -> list[tuple[Submission, dict]]:
        return list(zip(self.subs, self.checked, strict=True))

    def count(self, test) -> int:
        return sum(1 for sub, check in self.pairs() if test(sub, check))

    @property
    def sent(self) -> int:
        return len(self.subs)

    @property
    def stored(self) -> int:
        return self.count(lambda s, c: c["stored"] > 0)

    @property
    def receipts(self) -> int:
        return self.count(lambda s, c: s.outcome == "receipt")

    @property
    def true_receipts(self) -> int:
        return self.count(lambda s, c: s.outcome == "receipt" and c["number_matches"] and c["code_matches"])

    @property
    def errors(self) -> int:
        return self.count(lambda s, c: s.outcome == "error" and s.chinese)

    @property
    def errors_stored(self) -> int:
        return self.count(lambda s, c: s.outcome == "error" and s.chinese and c["stored"] > 0)

    @property
    def unanswered(self) -> int:
        """No receipt and no Chinese error page: a connection error, a timeout, anything else."""
        return self.count(lambda s, c: s.outcome != "receipt" and not (s.outcome == "error" and s.chinese))

    @property
    def unanswered_stored(self) -> int:
        return self.count(
            lambda s, c: (
                s.outcome != "receipt" and not (s.outcome == "error" and s.chinese) and c["stored"] > 0
            )
        )

    @property
    def lost(self) -> int:
        false_receipts = self.receipts - self.true_receipts
        return false_receipts + self.unanswered - self.unanswered_stored

    @property
    def duplicates(self) -> int:
        return self.count(lambda s, c: c["stored"] > 1)

    @property
    def missing_receive_event(self) -> int:
        return self.count(lambda s, c: c["stored"] > 0 and not c["receive_event"])

    def latencies_ms(self, outcome: str | None = "receipt") -> list[float]:
        return sorted(s.latency * 1000 for s in self.subs if outcome is None or s.outcome == outcome)

    @property
    def requests_per_s(self) -> float:
        return self.load.responses / self.load.elapsed if self.load.elapsed else 0.0

    @property
    def letters_per_s(self) -> float:
        return self.true_receipts / self.load.elapsed if self.load.elapsed else 0.0

    def error_kinds(self) -> collections.Counter[tuple[str, str, str, bool, str]]:
        def reload(s: Submission, c: dict) -> str:
            if s.stage != "receipt":
                return "—"
            return "yes, true" if s.recovered and c["number_matches"] and c["code_matches"] else "no"

        return collections.Counter(
            (s.stage, str(s.status or "—"), s.message or s.outcome, c["stored"] > 0, reload(s, c))
            for s, c in self.pairs()
            if s.outcome != "receipt"
        )

    def error_window(self) -> tuple[float, float] | None:
        failed = [s for s in self.subs if s.outcome != "receipt"]
        if not failed:
            return None
        return min(s.sent_at for s in failed), max(s.sent_at + s.latency for s in failed)

    def longest_receipt_gap(self) -> tuple[float, float]:
        """The longest stretch (start, length in s) in which no writer got a receipt."""
        ends = sorted(s.sent_at + s.latency for s in self.subs if s.outcome == "receipt")
        gaps = [(b - a, a) for a, b in itertools.pairwise(ends)]
        if not gaps:
            return 0.0, 0.0
        length, start = max(gaps)
        return start, length


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not values:
        return float("nan")
    return values[max(0, math.ceil(share * len(values)) - 1)]


# --- tables and text --------------------------------------------------------------------------------


def ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:,.0f}"


def results_table(results: list[Figures]) -> str:
    rows = [
        "| Run | Sent | Stored | Receipts (true) | Errors shown | …of which stored | Unanswered | LOST "
        "| p50 / p95 / p99 submit (ms) | req/s | letters/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for f in results:
        receipts = f.latencies_ms()
        rows.append(
            f"| {f.name} | {f.sent:,} | {f.stored:,} | {f.receipts:,} ({f.true_receipts:,}) | {f.errors:,} | "
            f"{f.errors_stored:,} | {f.unanswered:,} | **{f.lost}** | {ms(percentile(receipts, 0.50))} / "
            f"{ms(percentile(receipts, 0.95))} / {ms(percentile(receipts, 0.99))} | {f.requests_per_s:,.1f} | "
            f"{f.letters_per_s:,.1f} |"
        )
    return "\n".join(rows)


def errors_table(results: list[Figures]) -> str:
    rows = [
        "| Run | Where | Status | What the writer was shown | Letter stored | Receipt on reload after the run "
        "| Count |",
        "|---|---|---:|---|---|---|---:|",
    ]
    for f in results:
        kinds = sorted(f.error_kinds().items(), key=lambda kv: -kv[1])
        for (stage, status, message, stored, reload), count in kinds:
            where = {"post": "answer to the POST", "receipt": "receipt page"}.get(stage, stage or "—")
            rows.append(
                f"| {f.name} | {where} | {status} | {message} | {'yes' if stored else 'no'} | {reload} "
                f"| {count:,} |"
            )
    if len(rows) == 2:
        rows.append("| — | — | — | no error in either run | — | — | 0 |")
    return "\n".join(rows)


def server_table(results: list[Figures]) -> str:
    rows = [
        "| Run | Request | Answers | Server time p50 / p99 (ms) |",
        "|---|---|---:|---|",
    ]
    order = {"form": 0, "post": 1, "receipt": 2}
    names = {"form": "GET form", "post": "POST letter", "receipt": "GET receipt"}
    for f in results:
        for kind in sorted(f.server_times, key=lambda k: (order[k.split()[0]], k)):
            values = f.server_times[kind]
            request, status = kind.split()
            rows.append(
                f"| {f.name} | {names[request]} → {status} | {len(values):,} | "
                f"{percentile(values, 0.5):,.0f} / {percentile(values, 0.99):,.0f} |"
            )
    return "\n".join(rows)


def timeline_table(f: Figures) -> str:
    """What writers were answered, by slices of the run (by the time the answer arrived)."""
    width = max(1.0, math.ceil(f.load.elapsed / TIMELINE_BUCKETS))
    buckets = int(f.load.elapsed // width) + 1
    counts = [collections.Counter() for _ in range(buckets)]
    for sub in f.subs:
        slot = min(buckets - 1, int((sub.sent_at + sub.latency) // width))
        key = "receipt" if sub.outcome == "receipt" else f"{sub.outcome} {sub.stage}"
        counts[slot][key] += 1
    for moment in f.load.form_failure_times:
        counts[min(buckets - 1, int(moment // width))]["form"] += 1
    begin, end = f.fault_window
    rows = [
        "| Seconds | Receipts | Errors on the POST | Errors on the receipt page | Other | Forms not loaded | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for slot, count in enumerate(counts):
        start, stop = slot * width, (slot + 1) * width
        other = sum(
            v for k, v in count.items() if k not in ("receipt", "error post", "error receipt", "form")
        )
        fault = "database down" if begin < stop and end > start and end > begin else ""
        rows.append(
            f"| {start:.0f}–{stop:.0f} | {count['receipt']} | {count['error post']} | {count['error receipt']} | "
            f"{other} | {count['form']} | {fault} |"
        )
    return "\n".join(rows)


def log_counts(f: Figures) -> tuple[int, int]:
    not_stored = sum("letter could not be stored" in line for line in f.log_lines)
    server_errors = sum(line.startswith("Internal Server Error") for line in f.log_lines)
    return not_stored, server_errors


def reading(results: list[Figures], args: argparse.Namespace) -> str:
    steady, restart = results
    lost = sum(f.lost for f in results)
    parts = [
        f"LOST is {steady.lost} in the steady run and {restart.lost} in the restart run: the target (0 lost) is "
        f"{'met' if lost == 0 else 'NOT met'}."
    ]
    for f in results:
        receipts = f.latencies_ms()
        every = f.latencies_ms(None)
        parts.append(
            f"{f.name.capitalize()}: {f.sent:,} letters sent in {f.load.elapsed:.0f} s, "
            f"{f.true_receipts:,} receipts whose number and query code the database holds, p99 of a whole "
            f"submission (POST → receipt read) {ms(percentile(receipts, 0.99))} ms, of every answered "
            f"submission {ms(percentile(every, 0.99))} ms; the forms failed to load {sum(f.load.form_failures.values())} "
            f"times ({', '.join(f'{k}: {v}' for k, v in f.load.form_failures.items()) or 'none'}), "
            f"the bench's own CAPTCHA look-up {f.load.captcha_failures} times."
        )
    begin, end = restart.fault_window
    timings = restart.fault_timings
    steps = (
        f" (stopping took {timings['stop']:.1f} s, then {timings['down']:g} s down, starting {timings['start']:.1f} s)"
        if timings
        else ""
    )
    window = restart.error_window()
    gap_start, gap = restart.longest_receipt_gap()
    not_stored, server_errors = log_counts(restart)
    answered_503 = sum(1 for s in restart.subs if s.stage == "post" and s.status == 503)
    parts.append(
        f"The fault began at {begin:.1f} s and the database answered again at {end:.1f} s{steps}. "
        + (
            f"Writers were shown errors for submissions sent from {window[0]:.1f} s to answers at "
            f"{window[1]:.1f} s; the longest time without any receipt was {gap:.1f} s (from {gap_start:.1f} s): "
            "the outage, then the time the writers who had been turned away took to get a whole submission "
            f"through the queue again (the median submission took {ms(percentile(restart.latencies_ms(), 0.5))} "
            "ms at this load, after the form's own wait). "
            if window
            else "No writer was shown an error. "
        )
        + f"The write view's own DatabaseError branch (its 503 page, which shows the form again with what was "
        f"typed) was reached {not_stored} times and {answered_503} writers got that page"
        + (": rendering it needs the database too. " if not_stored > answered_503 else ". ")
        + f"The app logged {server_errors} internal errors, answered with the bare 500 page "
        "(服务暂不可用), which does not show the form again: page routing and the CAPTCHA need the database "
        "before the view runs."
    )

    def stored_without_receipt(stage: str | None = None, english: bool = False):
        def test(s: Submission, c: dict) -> bool:
            return (
                s.outcome != "receipt"
                and c["stored"] > 0
                and (stage is None or s.stage == stage)
                and (not english or (s.outcome == "error" and not s.chinese))
            )

        return sum(f.count(test) for f in results)

    stored_errors = stored_without_receipt()
    if stored_errors:
        on_receipt, on_post = stored_without_receipt("receipt"), stored_without_receipt("post")
        recovered = sum(
            f.count(
                lambda s, c: (
                    s.stage == "receipt" and s.recovered and c["number_matches"] and c["code_matches"]
                )
            )
            for f in results
        )
        english = stored_without_receipt(english=True)
        parts.append(
            f"{stored_errors} writers got no receipt although their letter was stored (counted, not lost): "
            f"{on_receipt} got an error on the receipt page, whose GET (the redirect after the letter's commit) "
            f"came while the database was down, and {recovered} of them got their true receipt by reloading that "
            f"page after the run (the app keeps the receipt for that page until it is shown); {on_post} got the "
            "error in the answer to the POST itself, after the letter had committed (that receipt is gone). The "
            "error page says 服务暂不可用，请稍后再试 and not that the letter may have been stored, so a writer "
            "who sends it again instead of reloading makes a duplicate."
            + (
                f" {english} of those pages were Django's English 'Bad Request (400)': the database failed while "
                "the session was being updated (SessionInterrupted), and the project has no 400.html."
                if english
                else ""
            )
        )
    if any(f.duplicates or f.missing_receive_event or f.letters_not_sent for f in results):
        parts.append(
            "Integrity: "
            + ", ".join(
                f"{f.name}: {f.duplicates} submissions stored twice, {f.missing_receive_event} letters "
                f"without their receive event, {f.letters_not_sent} letters nobody sent"
                for f in results
            )
            + "."
        )
    else:
        parts.append(
            "No submission was stored twice, every stored letter has its receive event, and the database holds "
            "no letter of a run that no writer sent."
        )
    parts.append(
        f"With {args.workers} sync workers at most {args.workers} requests are served at a time; the other "
        f"writers wait in the listen queue, which is where the latency comes from (three full page renders "
        f"per submission, and one row lock on the day's number sequence that every letter takes in turn). "
        f"The writers, gunicorn and PostgreSQL share the same {os.cpu_count()} cores, with whatever else runs "
        "on the machine (see the load averages above): the server times per request in the table above, not "
        "the absolute throughput, are the figures to compare between runs."
    )
    return " ".join(parts)


def section(args: argparse.Namespace, argv: list[str], results: list[Figures], facts: dict[str, str]) -> str:
    lines = [
        SECTION,
        "",
        f"{args.writers} simulated citizens write letters to one 市长信箱 channel of the production setup for "
        f"{args.seconds:g} s, twice: undisturbed, then with PostgreSQL restarted mid-run. Every submission is "
        "checked against the database afterwards. LOST = a receipt for a letter the database does not hold "
        "(or holds with another number or query code), or a letter not stored whose writer was not shown an "
        "error page with a Chinese message; the target is 0.",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Command: `{command_line(argv)}`",
        *(f"- {name}: {value}" for name, value in facts.items()),
        f"- App: gunicorn, {args.workers} sync workers (2 × cores + 1: the work is CPU-bound page rendering, "
        "and the writers and PostgreSQL share the cores), DEBUG=0, collected static files, DB_CONN_MAX_AGE "
        f"default (60 s), rate limits raised to {RATE_LIMIT_IP} per address and {RATE_LIMIT_PHONE} per phone "
        "(every writer comes from 127.0.0.1: the run measures storing letters, not the limiter), "
        "SECURE_COOKIES=0 (plain HTTP on loopback)",
        f"- Writers: asyncio + aiohttp, each a loop of whole submissions, a new visitor each time (GET the "
        f"form, POST it as multipart with a unique subject, follow the redirect to the receipt), started over "
        f"2 s, no think time, every request bounded by {args.timeout:g} s. The CAPTCHA answer is read from the "
        "`captcha_captchastore` table by the hashkey on the page: the benchmark's privilege (a person reads "
        "the picture)",
        f"- Fault in the restart run: {results[1].fault}",
        "",
        results_table(results),
        "",
        "Stored = submissions whose letter the database holds; Receipts (true) = receipts shown, and of them "
        "those whose number and query-code digest match the stored letter; Unanswered = no receipt and no "
        "Chinese error page (an English error page, a connection error, a timeout); p50/p95/p99 over the submissions "
        "that got a receipt, from sending the POST to reading the receipt page; req/s = every HTTP response "
        "of the run (form, POST, receipt) per second.",
        "",
        "What the writers who got no receipt were shown:",
        "",
        errors_table(results),
        "",
        "The restart run, by the time the writers got their answer:",
        "",
        timeline_table(results[1]),
        "",
        "Time the gunicorn worker spent on each request (its access log, without the wait in the queue):",
        "",
        server_table(results),
        "",
        reading(results, args),
        "",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    """Replace the ``## letters_load`` section of RESULTS.md (or append it), keeping the other sections."""
    current = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    pattern = re.compile(rf"^{re.escape(SECTION)}[ \t]*\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n")
