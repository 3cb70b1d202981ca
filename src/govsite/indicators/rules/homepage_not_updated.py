"""Veto 网站不更新 (SPEC §3): nothing new on the homepage within 2 weeks.

Items without a date count as not updated. A homepage that is only navigation is judged by its
second-level columns instead: any column of the kinds the rule set names (news, notice, policy)
updated within the span passes. Closed (historical) topics never count either way.

As for columns, an item dated after the check day counts as fresh (a scheduled or mistyped date);
"2 weeks" includes its last day: an item exactly 14 days old still counts.
"""

import datetime

from ..coverage import Area, not_checked
from ..evidence import ColumnEvidence, ItemEvidence
from ..findings import Finding, Severity
from ..inspection import SiteEvidence
from ..ruleset import RuleSet
from .common import SAMPLE, iso, within

RULE = "homepage_not_updated"


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    if site.homepage_is_navigation:
        return _navigation(site, today, ruleset)
    numbers = ruleset.homepage_not_updated
    reason = not_checked(site, Area.HOMEPAGE)
    if reason is not None:
        return [_not_checked(f"首页未能检查（{reason}），首页是否更新未作判定。")]
    items = site.homepage_items
    if any(within(item.published, numbers.within, today) for item in items):
        return []
    dated = sorted((item for item in items if item.published), key=_newest_first)
    undated = len(items) - len(dated)
    if not items:
        detail = "首页未发现任何信息条目"
    elif dated:
        detail = (
            f"首页 {len(items)} 条信息中最近一条发布于 {iso(dated[0].published)}，近{numbers.within}无新发布"
        )
        if undated:
            detail += f"（另有 {undated} 条未标注发布日期，视为未更新）"
    else:
        detail = f"首页 {len(items)} 条信息均未标注发布日期（未注明发布时间的视为不更新）"
    evidence = [_item(item) for item in dated[:SAMPLE]]
    evidence += [_item(item) for item in items if item.published is None][:SAMPLE]
    return [
        Finding(
            rule=RULE,
            severity=Severity.VETO,
            summary=(
                f"网站不更新：{detail}（监测{numbers.within}首页无更新即单项否决）。"
                "请在首页栏目及时发布信息，并为每条信息标注发布日期。"
            ),
            evidence=evidence,
        )
    ]


def _navigation(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.homepage_not_updated
    columns = [
        column for column in site.columns if column.kind in numbers.navigation_kinds and not column.historical
    ]
    if any(within(column.last_update, numbers.within, today) for column in columns):
        return []
    kinds = "、".join(sorted(kind.label for kind in numbers.navigation_kinds))
    reason = not_checked(site, Area.COLUMNS)
    if reason is not None:
        return [
            _not_checked(
                f"首页为导航页，二级栏目未能检查（{reason}），已检查的{kinds}类栏目 {len(columns)} 个"
                f"近{numbers.within}均无更新，首页是否更新未作判定。"
            )
        ]
    detail = (
        f"{kinds}类二级栏目 {len(columns)} 个近{numbers.within}均无更新"
        if columns
        else f"二级页面中未发现{kinds}类栏目"
    )
    return [
        Finding(
            rule=RULE,
            severity=Severity.VETO,
            summary=(
                f"网站不更新：首页为导航页，{detail}（首页仅为导航入口时检查二级页面栏目，"
                f"监测{numbers.within}无更新即单项否决）。请及时更新二级栏目信息。"
            ),
            evidence=[_column(column) for column in sorted(columns, key=_column_newest_first)],
        )
    ]


def _not_checked(summary: str) -> Finding:
    return Finding(rule=RULE, severity=Severity.WARNING, summary=summary)


def _newest_first(item: ItemEvidence) -> tuple[int, str]:
    return (-(item.published or datetime.date.min).toordinal(), item.url)


def _column_newest_first(column: ColumnEvidence) -> tuple[int, str]:
    return (-(column.last_update or datetime.date.min).toordinal(), column.key)


def _item(item: ItemEvidence) -> dict[str, object]:
    return {"title": item.title, "url": item.url, "published": iso(item.published)}


def _column(column: ColumnEvidence) -> dict[str, object]:
    return {
        "key": column.key,
        "name": column.name,
        "url": column.url,
        "kind": column.kind.value,
        "last_update": iso(column.last_update),
    }
