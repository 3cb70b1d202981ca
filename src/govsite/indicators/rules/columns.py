"""Column freshness (栏目更新) and the veto rule "columns not updated" (栏目不更新, SPEC §3).

`assess_column` says where one column stands against its kind's cadence; the CMS shows that to
editors day to day. `columns_not_updated` counts the statuses against the veto thresholds.
"""

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..coverage import Area, not_checked
from ..evidence import ColumnEvidence, ColumnKind
from ..findings import Finding, Severity
from ..inspection import SiteEvidence
from ..ruleset import Cadence, RuleSet

RULE = "columns_not_updated"


class ColumnState(enum.StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    EMPTY = "empty"
    EXEMPT = "exempt"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS: dict[ColumnState, str] = {
    ColumnState.OK: "正常",
    ColumnState.DUE_SOON: "即将到期",
    ColumnState.OVERDUE: "超期未更新",
    ColumnState.EMPTY: "空白栏目",
    ColumnState.EXEMPT: "不考核更新",
}


@dataclass(frozen=True, slots=True)
class ColumnStatus:
    """Where one column stands on `today`.

    `due` is the last day the column still counts as updated (None when there is no cadence to
    meet, or no dated item to count from); `days_left` is `due - today` in days, negative when overdue.
    """

    column: ColumnEvidence
    state: ColumnState
    due: datetime.date | None
    days_left: int | None

    def as_evidence(self) -> dict[str, object]:
        """The column as a JSON-ready evidence entry of a finding."""
        column = self.column
        return {
            "key": column.key,
            "name": column.name,
            "url": column.url,
            "kind": column.kind.value,
            "last_update": column.last_update.isoformat() if column.last_update else None,
            "state": self.state.value,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
        }


def assess_column(column: ColumnEvidence, today: datetime.date, ruleset: RuleSet) -> ColumnStatus:
    """Classify one column: empty, exempt, overdue, due soon or OK."""
    # Checked first: a blank column is a blank column to the public, closed topic or not.
    if column.item_count == 0:
        return ColumnStatus(column, ColumnState.EMPTY, due=None, days_left=None)
    # A closed topic keeps its old items online on purpose; the indicators except it from staleness.
    if column.historical:
        return ColumnStatus(column, ColumnState.EXEMPT, due=None, days_left=None)
    cadence = ruleset.cadence_for(column.kind)
    if cadence is None:
        return ColumnStatus(column, ColumnState.EXEMPT, due=None, days_left=None)
    # SPEC §3: items without a date count as not updated; there is no date to count a due day from.
    if column.last_update is None:
        return ColumnStatus(column, ColumnState.OVERDUE, due=None, days_left=None)
    if column.last_update > today:
        # A date ahead of today (scheduled, or mistyped) is fresh; count from today so it earns no
        # more than one full cadence of credit.
        due = cadence.due_after(today)
        return ColumnStatus(column, ColumnState.OK, due=due, days_left=(due - today).days)
    due = cadence.due_after(column.last_update)
    days_left = (due - today).days
    if days_left < 0:
        state = ColumnState.OVERDUE
    elif days_left <= ruleset.due_soon_days:
        state = ColumnState.DUE_SOON
    else:
        state = ColumnState.OK
    return ColumnStatus(column, state, due=due, days_left=days_left)


def assess_columns(
    columns: Iterable[ColumnEvidence], today: datetime.date, ruleset: RuleSet
) -> list[ColumnStatus]:
    """`assess_column` for each column, in the given order."""
    return [assess_column(column, today, ruleset) for column in columns]


# The veto counts news columns together with notice and policy columns (condition 1); every other
# kind that goes overdue falls under "应更新但长期未更新" (condition 2).
_NEWS_KINDS = frozenset({ColumnKind.NEWS})
_NOTICE_POLICY_KINDS = frozenset({ColumnKind.NOTICE, ColumnKind.POLICY})


class _Condition(enum.StrEnum):
    STALE_NEWS_NOTICE = "stale_news_notice"
    LONG_STALE = "long_stale"
    EMPTY = "empty"


def columns_not_updated(statuses: Sequence[ColumnStatus], ruleset: RuleSet) -> Finding | None:
    """The veto 栏目不更新: a finding if any of its three conditions holds, else None.

    (1) overdue news columns plus overdue notice/policy columns reach `stale_news_notice_min`;
    (2) overdue columns of the other kinds reach `long_stale_min`;
    (3) empty columns reach `empty_min`.
    The evidence lists the columns behind each condition that fired, tagged with the condition.
    """
    overdue = [status for status in statuses if status.state is ColumnState.OVERDUE]
    news = [status for status in overdue if status.column.kind in _NEWS_KINDS]
    notice_policy = [status for status in overdue if status.column.kind in _NOTICE_POLICY_KINDS]
    long_stale = [
        status for status in overdue if status.column.kind not in _NEWS_KINDS | _NOTICE_POLICY_KINDS
    ]
    empty = [status for status in statuses if status.state is ColumnState.EMPTY]

    parts: list[str] = []
    evidence: list[dict[str, object]] = []
    stale_news_notice = news + notice_policy
    if len(stale_news_notice) >= ruleset.stale_news_notice_min:
        parts.append(
            f"{_silent_news_text(ruleset)} {len(news)} 个、{_silent_notice_policy_text(ruleset)} "
            f"{len(notice_policy)} 个，合计 {len(stale_news_notice)} 个"
            f"（达到 {ruleset.stale_news_notice_min} 个即单项否决）"
        )
        evidence += _tagged(stale_news_notice, _Condition.STALE_NEWS_NOTICE)
    if len(long_stale) >= ruleset.long_stale_min:
        parts.append(
            f"应更新但长期未更新的栏目 {len(long_stale)} 个（达到 {ruleset.long_stale_min} 个即单项否决）"
        )
        evidence += _tagged(long_stale, _Condition.LONG_STALE)
    if len(empty) >= ruleset.empty_min:
        parts.append(f"空白栏目 {len(empty)} 个（达到 {ruleset.empty_min} 个即单项否决）")
        evidence += _tagged(empty, _Condition.EMPTY)
    if not parts:
        return None
    return Finding(
        rule=RULE,
        severity=Severity.VETO,
        summary=f"栏目不更新：{'；'.join(parts)}。",
        evidence=tuple(evidence),
    )


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    """The veto 栏目不更新 over a whole site's columns, as every whole-site rule is called.

    When column discovery did not run (or the site could not be reached) and the columns found do
    not already fire the veto, a warning says the rule was not decided rather than passing the site.
    """
    statuses = assess_columns(site.columns, today, ruleset)
    finding = columns_not_updated(statuses, ruleset)
    if finding is not None:
        return [finding]
    findings = [near] if (near := columns_below_veto(statuses, ruleset)) else []
    reason = not_checked(site, Area.COLUMNS)
    if reason is not None:
        findings.append(
            Finding(
                rule=RULE,
                severity=Severity.WARNING,
                summary=(
                    f"栏目未能全部检查（{reason}）：已检查的 {len(site.columns)} 个栏目未达单项否决线，"
                    "栏目不更新未作最终判定。"
                ),
            )
        )
    return findings


def columns_below_veto(statuses: Sequence[ColumnStatus], ruleset: RuleSet) -> Finding | None:
    """A warning naming the overdue and empty columns that do not yet reach a veto line: the columns a
    webmaster should update before the next inspection counts them."""
    overdue = [status for status in statuses if status.state is ColumnState.OVERDUE]
    empty = [status for status in statuses if status.state is ColumnState.EMPTY]
    if not (overdue or empty):
        return None
    parts = []
    if overdue:
        parts.append(f"超期未更新栏目 {len(overdue)} 个（{_names(overdue)}）")
    if empty:
        parts.append(f"空白栏目 {len(empty)} 个（{_names(empty)}，达到 {ruleset.empty_min} 个即单项否决）")
    return Finding(
        rule=RULE,
        severity=Severity.WARNING,
        summary=f"栏目更新预警：{'；'.join(parts)}，尚未达到单项否决线。请尽快更新或整合这些栏目。",
        evidence=tuple(status.as_evidence() for status in [*overdue, *empty]),
    )


def _names(statuses: Sequence[ColumnStatus], shown: int = 5) -> str:
    names = "、".join(status.column.name for status in statuses[:shown])
    return names + ("等" if len(statuses) > shown else "")


def _tagged(statuses: Iterable[ColumnStatus], condition: _Condition) -> list[dict[str, object]]:
    return [{**status.as_evidence(), "condition": condition.value} for status in statuses]


def _silent_news_text(ruleset: RuleSet) -> str:
    return f"{ColumnKind.NEWS.label}类栏目{_beyond(ruleset.cadence_for(ColumnKind.NEWS))}未更新"


def _silent_notice_policy_text(ruleset: RuleSet) -> str:
    notice = ruleset.cadence_for(ColumnKind.NOTICE)
    policy = ruleset.cadence_for(ColumnKind.POLICY)
    if notice == policy:
        return f"{ColumnKind.NOTICE.label}、{ColumnKind.POLICY.label}类栏目{_beyond(notice)}未更新"
    return (
        f"{ColumnKind.NOTICE.label}类栏目{_beyond(notice)}、"
        f"{ColumnKind.POLICY.label}类栏目{_beyond(policy)}未更新"
    )


def _beyond(cadence: Cadence | None) -> str:
    # Spell out the span the site missed, from the rule set in force, so a stricter edition reads right.
    return f"超过{cadence}" if cadence is not None else ""
