"""Veto 服务不实用 (SPEC §3): no services, service guides missing key elements in bulk, dead systems.

"In bulk" has no number in the indicators; the rule set holds our reading (a count, or a share once
enough guides were checked) and marks it as local. A department without external services is not
judged on services at all: `evaluate` leaves this rule out for it.
"""

import datetime

from ..coverage import Area, not_checked
from ..findings import Finding, Severity
from ..inspection import KEY_GUIDE_ELEMENTS, SiteEvidence
from ..ruleset import RuleSet
from .common import joined, number, percent
from .service_guides_incomplete import missing_elements

RULE = "services_not_practical"


def in_bulk(count: int, total: int, *, bulk_count: int, share: float, floor: int) -> bool:
    """`count` of `total` is "in bulk": at least `bulk_count`, or at least `floor` and `share` of `total`."""
    # A tolerance, so 30% of 10 is 3 whatever the binary fraction of 0.3 rounds to.
    return count >= bulk_count or (count >= floor and count >= share * total - 1e-9)


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.services_not_practical
    parts: list[str] = []
    evidence: list[dict[str, object]] = []

    if site.offers_services is False:
        parts.append("网站未提供办事服务")

    incomplete = [guide for guide in site.guides if missing_elements(guide)]
    if incomplete and in_bulk(
        len(incomplete),
        len(site.guides),
        bulk_count=numbers.guides_bulk_count,
        share=numbers.guides_bulk_share,
        floor=numbers.guides_bulk_floor,
    ):
        parts.append(
            f"抽查办事指南 {len(site.guides)} 个，{len(incomplete)} 个缺少关键要素"
            f"（占 {percent(len(incomplete), len(site.guides))}；{_bulk_text(numbers.guides_bulk_count, numbers.guides_bulk_share, numbers.guides_bulk_floor)}）"
        )
        evidence += [
            {
                "type": "guide",
                "name": guide.name,
                "url": guide.url,
                "missing": sorted(element.value for element in missing_elements(guide)),
            }
            for guide in incomplete
        ]

    dead = [system for system in site.systems if not system.works]
    if dead and in_bulk(
        len(dead),
        len(site.systems),
        bulk_count=numbers.systems_bulk_count,
        share=numbers.systems_bulk_share,
        floor=numbers.systems_bulk_floor,
    ):
        parts.append(
            f"在线办事系统 {len(site.systems)} 个中 {len(dead)} 个无法使用"
            f"（{_bulk_text(numbers.systems_bulk_count, numbers.systems_bulk_share, numbers.systems_bulk_floor)}）"
        )
        evidence += [
            {"type": "system", "name": system.name, "url": system.url, "problem": system.problem}
            for system in dead
        ]

    if parts:
        return [
            Finding(
                rule=RULE,
                severity=Severity.VETO,
                summary=(
                    f"服务不实用：{joined(parts)}（任一情形即单项否决）。"
                    f"请补全办事指南的{len(KEY_GUIDE_ELEMENTS)}类关键要素并修复在线办事系统。"
                ),
                evidence=evidence,
            )
        ]
    reason = not_checked(site, Area.SERVICES, Area.GUIDES, Area.SYSTEMS)
    if reason is not None:
        summary = f"办事服务未能全部检查（{reason}），服务不实用未作最终判定。"
    elif site.offers_services is None and not site.guides and not site.systems:
        summary = (
            "未能确定网站是否提供办事服务（未发现办事指南或在线办事系统），服务不实用未作判定，请人工核实。"
        )
    else:
        return []
    return [Finding(rule=RULE, severity=Severity.WARNING, summary=summary)]


def _bulk_text(count: int, share: float, floor: int) -> str:
    return f"达到 {count} 个，或不少于 {floor} 个且达到 {number(share * 100)}% 即视为大量"
