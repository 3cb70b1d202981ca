"""Deduction 在线系统 (SPEC §3a): online application and query systems that do not open.

Part of the services items, so not scored for a department without external services. Dead
systems in bulk are also the veto `services_not_practical`.
"""

import datetime

from ..findings import Finding
from ..inspection import SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, points, points_text

RULE = "dead_online_systems"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.dead_online_systems
    dead = [system for system in site.systems if not system.works]
    if not dead:
        return []
    amount = points(len(dead), numbers.points_each, numbers.max_points)
    names = "、".join(system.name for system in dead[:3]) + ("等" if len(dead) > 3 else "")
    summary = (
        f"在线系统无法使用：在线办事系统 {len(site.systems)} 个中 {len(dead)} 个无法正常访问（{names}），"
        f"{points_text(amount, numbers.points_each, numbers.max_points, unit='个')}。请修复或下线并更新入口。"
    )
    evidence = [{"name": system.name, "url": system.url, "problem": system.problem} for system in dead]
    return [deduction(RULE, summary, evidence, amount)]
