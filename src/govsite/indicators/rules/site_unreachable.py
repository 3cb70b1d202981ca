"""Veto 站点无法访问 (SPEC §3): the homepage monitored for a week fails to open too often.

The indicators monitor the homepage for 1 week with at least 20 probes a day; a probe fails when
the page is not open within 15 s (15 s itself counts as failed: "超过（含）15秒"); failures at or above
5% of the probes veto the site. With fewer probes than that the rule does not decide: it warns
"监测次数不足" instead, because a veto needs the evidence the indicators demand.

The week is counted back from `SiteEvidence.checked_at` in 24-hour slices, so "20 a day" means 20
in every slice. Naive datetimes are taken to be in the time zone of the check.
"""

import datetime
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..inspection import Probe, SiteEvidence
from ..limits import SiteUnreachable
from ..ruleset import RuleSet
from .common import iso, number, percent

RULE = "site_unreachable"

_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ProbeSlice:
    """One 24-hour slice of the monitoring window."""

    start: datetime.datetime
    end: datetime.datetime
    probes: int
    failed: int


@dataclass(frozen=True, slots=True)
class ProbeWindow:
    """The probes of the monitoring window and what they add up to."""

    start: datetime.datetime
    end: datetime.datetime
    total: int
    failures: tuple[Probe, ...]
    slices: tuple[ProbeSlice, ...]
    sufficient: bool  # every slice holds the probes a day the indicators demand

    @property
    def failed(self) -> int:
        return len(self.failures)

    def reaches(self, failure_percent: float) -> bool:
        """Whether failures reach `failure_percent` of the probes ("超过（含）"), compared exactly."""
        # A tolerance, so 0.1% of 1,000 probes is 1 whatever the binary fraction of 0.1 rounds to.
        return self.total > 0 and self.failed * 100 >= failure_percent * self.total - 1e-9

    def as_evidence(self) -> list[dict[str, object]]:
        entries: list[dict[str, object]] = [
            {
                "type": "window",
                "start": iso(self.start),
                "end": iso(self.end),
                "probes": self.total,
                "failed": self.failed,
                "sufficient": self.sufficient,
            }
        ]
        entries += [
            {
                "type": "day",
                "start": iso(part.start),
                "end": iso(part.end),
                "probes": part.probes,
                "failed": part.failed,
            }
            for part in self.slices
        ]
        entries += [
            {
                "type": "failure",
                "at": iso(probe.at),
                "status": probe.status,
                "elapsed": probe.elapsed,
                "error": probe.error,
            }
            for probe in self.failures
        ]
        return entries


def probe_failed(probe: Probe, timeout_seconds: float) -> bool:
    """A probe fails if the page did not open, or opened only after the timeout or later."""
    return not probe.ok or (probe.elapsed is not None and probe.elapsed >= timeout_seconds)


def probe_window(site: SiteEvidence, numbers: SiteUnreachable) -> ProbeWindow:
    """Gather the probes of the `window_days` before the check into 24-hour slices."""
    end = site.checked_at
    start = end - numbers.window_days * _DAY
    counts = [0] * numbers.window_days
    failed_counts = [0] * numbers.window_days
    failures: list[Probe] = []
    for probe in site.probes:
        at = _in_zone(probe.at, end)
        if not start < at <= end:
            continue
        index = min(int((end - at) / _DAY), numbers.window_days - 1)
        counts[index] += 1
        if probe_failed(probe, numbers.timeout_seconds):
            failed_counts[index] += 1
            failures.append(probe)
    slices = tuple(
        ProbeSlice(end - (index + 1) * _DAY, end - index * _DAY, counts[index], failed_counts[index])
        for index in reversed(range(numbers.window_days))
    )
    failures.sort(key=lambda probe: _in_zone(probe.at, end))
    return ProbeWindow(
        start=start,
        end=end,
        total=sum(counts),
        failures=tuple(failures),
        slices=slices,
        sufficient=all(part.probes >= numbers.probes_per_day for part in slices),
    )


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.site_unreachable
    window = probe_window(site, numbers)
    evidence = window.as_evidence()
    unreachable_note = "；本次检查时网站也无法访问，页面内容未能检查" if not site.reachable else ""
    if not window.sufficient:
        full_days = sum(part.probes >= numbers.probes_per_day for part in window.slices)
        return [
            Finding(
                rule=RULE,
                severity=Severity.WARNING,
                summary=(
                    f"监测次数不足：近 {numbers.window_days} 天首页监测 {window.total} 次，其中 {window.failed} 次"
                    f"未能在 {number(numbers.timeout_seconds)} 秒内打开；达到每天 {numbers.probes_per_day} 次的"
                    f"只有 {full_days} 天（需 {numbers.window_days} 天），站点可访问性未作判定"
                    f"{unreachable_note}。请补足监测后复查。"
                ),
                evidence=evidence,
            )
        ]
    if window.reaches(numbers.failure_percent):
        return [
            Finding(
                rule=RULE,
                severity=Severity.VETO,
                summary=(
                    f"站点无法访问：近 {numbers.window_days} 天监测首页 {window.total} 次，{window.failed} 次"
                    f"在 {number(numbers.timeout_seconds)} 秒内未能打开，占 {percent(window.failed, window.total)}"
                    f"（达到 {number(numbers.failure_percent)}% 即单项否决）{unreachable_note}。"
                    "请排查服务器、网络带宽与域名解析，确保首页稳定可访问。"
                ),
                evidence=evidence,
            )
        ]
    if not site.reachable:
        return [
            Finding(
                rule=RULE,
                severity=Severity.WARNING,
                summary=(
                    f"检查时网站无法访问：近 {numbers.window_days} 天监测首页 {window.total} 次，失败 "
                    f"{window.failed} 次，未达单项否决线，但本次检查未能打开网站，页面内容未能检查。请核实后复查。"
                ),
                evidence=evidence,
            )
        ]
    return []


def _in_zone(moment: datetime.datetime, reference: datetime.datetime) -> datetime.datetime:
    """`moment` comparable with `reference`: a naive one is read in the reference's zone, and an aware
    one compared with a naive check time by its own wall clock."""
    if (moment.tzinfo is None) == (reference.tzinfo is None):
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=reference.tzinfo)
    return moment.replace(tzinfo=None)
