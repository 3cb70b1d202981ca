"""Veto 站点无法访问 and deduction 首页可用性: 1 week, ≥20 probes a day, failures ≥5% veto (SPEC §3)."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence
from govsite.indicators.inspection import Probe
from govsite.indicators.rules import homepage_availability, site_unreachable
from govsite.indicators.rules.site_unreachable import probe_failed, probe_window

SiteFactory = Callable[..., SiteEvidence]
ProbeFactory = Callable[..., tuple[Probe, ...]]


@pytest.fixture
def run(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Callable[..., list[Finding]]:
    def run(**changes: object) -> list[Finding]:
        return site_unreachable.rule(make_site(**changes), today, ruleset)

    return run


# 7 days × 20 probes = 140; 5% of 140 = 7 failures.
@pytest.mark.parametrize(("failed", "veto"), [(0, False), (6, False), (7, True), (140, True)])
def test_veto_at_five_percent(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory, failed: int, veto: bool
) -> None:
    findings = run(probes=make_probes(per_day=20, failed=failed))
    assert [finding.severity for finding in findings] == ([Severity.VETO] if veto else [])


def test_veto_summary_and_evidence(run: Callable[..., list[Finding]], make_probes: ProbeFactory) -> None:
    (finding,) = run(probes=make_probes(per_day=20, failed=7))
    assert finding.rule == "site_unreachable"
    assert "近 7 天监测首页 140 次，7 次在 15 秒内未能打开，占 5%（达到 5% 即单项否决）" in finding.summary
    kinds = [entry["type"] for entry in finding.evidence]
    assert (kinds.count("window"), kinds.count("day"), kinds.count("failure")) == (1, 7, 7)
    window = finding.evidence[0]
    assert (window["probes"], window["failed"], window["sufficient"]) == (140, 7, True)


@pytest.mark.parametrize(("per_day", "days"), [(19, 7), (20, 6), (0, 0)])
def test_too_few_probes_warns_instead_of_vetoing(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory, per_day: int, days: int
) -> None:
    probes = make_probes(per_day=per_day, days=days, failed=per_day * days) if per_day else ()
    (finding,) = run(probes=probes)
    assert finding.severity is Severity.WARNING
    assert finding.summary.startswith("监测次数不足")
    assert "站点可访问性未作判定" in finding.summary


def test_one_thin_day_is_enough_to_be_insufficient(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory, checked_at: datetime.datetime
) -> None:
    # 30 probes a day for 6 days, but the oldest 24 hours hold only 19.
    thin_day = tuple(
        Probe(at=checked_at - datetime.timedelta(days=6, hours=1 + n), ok=True) for n in range(19)
    )
    (finding,) = run(probes=make_probes(per_day=30, days=6) + thin_day)
    assert "达到每天 20 次的只有 6 天（需 7 天）" in finding.summary


def test_probes_outside_the_week_do_not_count(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory, checked_at: datetime.datetime
) -> None:
    older = make_probes(per_day=20, failed=140, end=checked_at - datetime.timedelta(days=7))
    later = tuple(Probe(at=checked_at + datetime.timedelta(minutes=n + 1), ok=False) for n in range(50))
    assert run(probes=make_probes(per_day=20) + older + later) == []


def test_a_probe_at_the_timeout_failed(ruleset: RuleSet, checked_at: datetime.datetime) -> None:
    timeout = ruleset.site_unreachable.timeout_seconds
    assert timeout == 15
    assert probe_failed(Probe(checked_at, ok=True, elapsed=15.0), timeout)
    assert not probe_failed(Probe(checked_at, ok=True, elapsed=14.99), timeout)
    assert probe_failed(Probe(checked_at, ok=False), timeout)
    assert not probe_failed(Probe(checked_at, ok=True), timeout)


def test_slow_probes_count_as_failures(run: Callable[..., list[Finding]], make_probes: ProbeFactory) -> None:
    probes = list(make_probes(per_day=20))
    for n in range(7):
        probes[n] = Probe(at=probes[n].at, ok=True, status=200, elapsed=15.0)
    (finding,) = run(probes=tuple(probes))
    assert finding.severity is Severity.VETO


def test_naive_probe_times_are_read_in_the_zone_of_the_check(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory
) -> None:
    naive = tuple(
        Probe(at=probe.at.replace(tzinfo=None), ok=probe.ok) for probe in make_probes(per_day=20, failed=7)
    )
    (finding,) = run(probes=naive)
    assert finding.severity is Severity.VETO


def test_aware_probes_with_a_naive_check_time(
    make_site: SiteFactory, make_probes: ProbeFactory, ruleset: RuleSet, checked_at: datetime.datetime
) -> None:
    site = make_site(probes=make_probes(per_day=20, failed=7), checked_at=checked_at.replace(tzinfo=None))
    window = probe_window(site, ruleset.site_unreachable)
    assert (window.total, window.failed, window.sufficient) == (140, 7, True)


def test_unreachable_in_the_inspection_is_said(
    run: Callable[..., list[Finding]], make_probes: ProbeFactory
) -> None:
    (finding,) = run(reachable=False)
    assert finding.severity is Severity.WARNING
    assert finding.summary.startswith("检查时网站无法访问")
    (finding,) = run(reachable=False, probes=())
    assert "监测次数不足" in finding.summary and "本次检查时网站也无法访问" in finding.summary
    (finding,) = run(reachable=False, probes=make_probes(per_day=20, failed=10))
    assert finding.severity is Severity.VETO and "本次检查时网站也无法访问" in finding.summary


def test_stricter_edition(
    make_site: SiteFactory, make_probes: ProbeFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    stricter = ruleset.tightened(site_unreachable={"failure_percent": 3})
    site = make_site(probes=make_probes(per_day=20, failed=5))  # 3.57%
    assert site_unreachable.rule(site, today, ruleset) == []
    assert [finding.severity for finding in site_unreachable.rule(site, today, stricter)] == [Severity.VETO]


def test_a_fractional_percent_is_compared_exactly(
    make_site: SiteFactory, make_probes: ProbeFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    # 33 of 1,500 is exactly 2.2%, but 2.2 × 1,500 is 3300.0000000000005 in binary floating point.
    assert 2.2 * 1500 > 3300
    edition = ruleset.with_overrides({"site_unreachable": {"failure_percent": 2.2, "window_days": 1}})
    site = make_site(probes=make_probes(per_day=1500, days=1, failed=33))
    assert [finding.severity for finding in site_unreachable.rule(site, today, edition)] == [Severity.VETO]
    site = make_site(probes=make_probes(per_day=1500, days=1, failed=32))
    assert site_unreachable.rule(site, today, edition) == []


# --- homepage availability (deduction) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("failed", "points"),
    [(0, None), (1, 0.71), (3, 2.14), (6, 4.29), (7, None)],  # 7 of 140 is the veto: no deduction
)
def test_availability_points_per_percent(
    make_site: SiteFactory,
    make_probes: ProbeFactory,
    today: datetime.date,
    ruleset: RuleSet,
    failed: int,
    points: float | None,
) -> None:
    findings = homepage_availability.rule(
        make_site(probes=make_probes(per_day=20, failed=failed)), today, ruleset
    )
    if points is None:
        assert findings == []
    else:
        (finding,) = findings
        assert (finding.rule, finding.severity, finding.points) == (
            "homepage_availability",
            Severity.DEDUCTION,
            points,
        )
        assert f"{failed} 次未能在 15 秒内打开" in finding.summary


def test_availability_is_capped(
    make_site: SiteFactory, make_probes: ProbeFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    generous = ruleset.with_overrides({"homepage_availability": {"points_per_percent": 10, "max_points": 3}})
    site = make_site(probes=make_probes(per_day=20, failed=6))
    (finding,) = homepage_availability.rule(site, today, generous)
    assert finding.points == 3
    assert "本项最多扣 3 分" in finding.summary


def test_availability_needs_enough_probes(
    make_site: SiteFactory, make_probes: ProbeFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    assert (
        homepage_availability.rule(make_site(probes=make_probes(per_day=19, failed=3)), today, ruleset) == []
    )
