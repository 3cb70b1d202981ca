"""Deduction 首页栏目信息更新 (SPEC §3a): too few items added to the homepage in the 2 weeks before the check.

Items are counted once each (a homepage often shows one article in a slider and in a list: the same
URL, or the same title where there is no URL). Undated items and items dated after the check day are
not counted as added. A navigation-only homepage has no items of its own to count: the rule says so
instead of deducting.
"""

import datetime

from ..coverage import Area, not_checked
from ..findings import Finding, Severity
from ..inspection import SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, iso, number

RULE = "homepage_update_volume"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.homepage_update_volume
    if site.homepage_is_navigation:
        return [_warning("首页为导航页，首页栏目信息更新量未统计（以二级栏目更新情况为准）。")]
    reason = not_checked(site, Area.HOMEPAGE)
    if reason is not None:
        return [_warning(f"首页未能检查（{reason}），首页栏目信息更新量未统计。")]
    added: dict[str, datetime.date] = {}
    for item in site.homepage_items:
        published = item.published
        if published is None or published > today or numbers.within.due_after(published) < today:
            continue
        added.setdefault(item.url or item.title, published)
    if len(added) >= numbers.min_items:
        return []
    amount = round(numbers.points, 2)
    cost = f"扣 {number(amount)} 分" if amount > 0 else "本版本指标不扣分"
    summary = (
        f"首页信息更新量不足：近{numbers.within}首页栏目新增信息 {len(added)} 条，少于 {numbers.min_items} 条，"
        f"{cost}。请保持首页栏目持续更新。"
    )
    evidence = [
        {"item": key, "published": iso(day)} for key, day in sorted(added.items(), key=lambda entry: entry[1])
    ]
    return [deduction(RULE, summary, evidence, amount)]


def _warning(summary: str) -> Finding:
    return Finding(rule=RULE, severity=Severity.WARNING, summary=summary)
