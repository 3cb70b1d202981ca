"""Deduction 首页可用性 (SPEC §3a): failed homepage probes below the veto line cost points.

Read from the same monitoring window as the veto `site_unreachable`: with too few probes, or once
the veto fires, this item says nothing (the veto rule already reports the failures).
"""

import datetime

from ..findings import Finding
from ..inspection import SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, number, percent, points
from .site_unreachable import probe_window

RULE = "homepage_availability"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    limits = ruleset.site_unreachable
    numbers = ruleset.homepage_availability
    window = probe_window(site, limits)
    if not window.sufficient or window.failed == 0 or window.reaches(limits.failure_percent):
        return []
    share = 100 * window.failed / window.total
    amount = points(share, numbers.points_per_percent, numbers.max_points)
    cost = (
        f"扣 {number(amount)} 分（失败比例每 1% 扣 {number(numbers.points_per_percent)} 分，"
        f"本项最多扣 {number(numbers.max_points)} 分）"
        if amount > 0
        else "本版本指标不扣分"
    )
    summary = (
        f"首页可用性：近 {limits.window_days} 天监测首页 {window.total} 次，{window.failed} 次未能在 "
        f"{number(limits.timeout_seconds)} 秒内打开，占 {percent(window.failed, window.total)}，{cost}。"
        "请查明失败时段的原因（服务器负载、网络、防护策略误拦截等）。"
    )
    return [deduction(RULE, summary, window.as_evidence(), amount)]
