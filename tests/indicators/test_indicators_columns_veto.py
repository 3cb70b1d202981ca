"""The veto rule 栏目不更新 (SPEC §3): each condition at threshold − 1 and at threshold, and mixes."""

import datetime
import json
from collections.abc import Callable

import pytest

from govsite.indicators import (
    ColumnEvidence,
    ColumnKind,
    ColumnStatus,
    Finding,
    RuleSet,
    Severity,
    assess_columns,
    columns_not_updated,
)

ColumnFactory = Callable[..., ColumnEvidence]

STALE_AGE = {  # days old that make each kind overdue under gov2019
    ColumnKind.NEWS: 15,
    ColumnKind.NOTICE: 200,
    ColumnKind.POLICY: 200,
    ColumnKind.PERSONNEL: 400,
    ColumnKind.PLAN: 400,
    ColumnKind.STATISTICS: 400,
    ColumnKind.INTERPRETATION: 400,
}


def stale(make_column: ColumnFactory, kind: ColumnKind, count: int) -> list[ColumnEvidence]:
    return [make_column(kind, age=STALE_AGE[kind]) for _ in range(count)]


Veto = Callable[[list[ColumnEvidence], RuleSet], Finding | None]


@pytest.fixture
def veto(today: datetime.date) -> Veto:
    """Assess the columns on `today` and apply the veto rule."""

    def run(columns: list[ColumnEvidence], ruleset: RuleSet) -> Finding | None:
        return columns_not_updated(assess_columns(columns, today, ruleset), ruleset)

    return run


def conditions(finding: Finding) -> set[object]:
    return {entry["condition"] for entry in finding.evidence}


def test_no_columns_no_finding(ruleset: RuleSet) -> None:
    assert columns_not_updated([], ruleset) is None


def test_healthy_site_no_finding(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    fresh = [make_column(kind, age=1) for kind in ColumnKind]
    assert veto(fresh, ruleset) is None


# --- condition (1): stale news + stale notice/policy, together ≥ 5 ----------------------------------


@pytest.mark.parametrize(
    ("news", "notice", "policy", "fires"),
    [
        (4, 0, 0, False),
        (5, 0, 0, True),
        (0, 2, 2, False),
        (0, 3, 2, True),
        (4, 1, 0, True),
        (4, 0, 1, True),  # 4 stale news + 1 stale policy fires
        (2, 1, 1, False),
    ],
)
def test_condition_news_notice_policy(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet, news: int, notice: int, policy: int, fires: bool
) -> None:
    columns = (
        stale(make_column, ColumnKind.NEWS, news)
        + stale(make_column, ColumnKind.NOTICE, notice)
        + stale(make_column, ColumnKind.POLICY, policy)
        + [make_column(ColumnKind.NEWS, age=14)] * 3  # due today: not yet overdue
    )
    finding = veto(columns, ruleset)
    assert (finding is not None) is fires
    if finding is not None:
        assert conditions(finding) == {"stale_news_notice"}
        assert len(finding.evidence) == news + notice + policy


def test_stale_personnel_does_not_count_toward_condition_1(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = stale(make_column, ColumnKind.NEWS, 4) + stale(make_column, ColumnKind.PERSONNEL, 1)
    assert veto(columns, ruleset) is None


def test_condition_1_summary(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    columns = stale(make_column, ColumnKind.NEWS, 4) + stale(make_column, ColumnKind.POLICY, 2)
    finding = veto(columns, ruleset)
    assert finding is not None
    assert finding.summary == (
        "栏目不更新：动态要闻类栏目超过2周未更新 4 个、通知公告、政策文件类栏目超过6个月未更新 2 个，"
        "合计 6 个（达到 5 个即单项否决）。"
    )


def test_summary_follows_a_tightened_rule_set(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    stricter = ruleset.tightened(news="7d", notice="3m", stale_news_notice_min=3)
    columns = [make_column(ColumnKind.NEWS, age=8) for _ in range(3)]
    finding = veto(columns, stricter)
    assert finding is not None
    assert "动态要闻类栏目超过1周未更新 3 个" in finding.summary
    assert "通知公告类栏目超过3个月、政策文件类栏目超过6个月未更新 0 个" in finding.summary
    assert "（达到 3 个即单项否决）" in finding.summary


# --- condition (2): other overdue columns with a cadence, ≥ 10 ---------------------------------------


def mixed_long_stale(make_column: ColumnFactory, count: int) -> list[ColumnEvidence]:
    kinds = [ColumnKind.PERSONNEL, ColumnKind.PLAN, ColumnKind.STATISTICS, ColumnKind.INTERPRETATION]
    return [make_column(kinds[n % len(kinds)], age=400) for n in range(count)]


def test_condition_long_stale_below_threshold(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    assert veto(mixed_long_stale(make_column, 9), ruleset) is None


def test_condition_long_stale_at_threshold(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    finding = veto(mixed_long_stale(make_column, 10), ruleset)
    assert finding is not None
    assert conditions(finding) == {"long_stale"}
    assert finding.summary == "栏目不更新：应更新但长期未更新的栏目 10 个（达到 10 个即单项否决）。"


def test_news_and_notice_do_not_count_toward_condition_2(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    # 9 long-stale + 4 stale news: neither condition reaches its threshold.
    columns = mixed_long_stale(make_column, 9) + stale(make_column, ColumnKind.NEWS, 4)
    assert veto(columns, ruleset) is None


def test_undated_columns_count_as_overdue(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    columns = [make_column(ColumnKind.NEWS, age=None) for _ in range(5)]
    finding = veto(columns, ruleset)
    assert finding is not None
    assert all(entry["last_update"] is None and entry["due"] is None for entry in finding.evidence)


def test_exempt_columns_never_count(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    columns = [make_column(ColumnKind.TOPIC, age=3000, historical=True) for _ in range(12)]
    columns += [make_column(ColumnKind.OVERVIEW, age=3000) for _ in range(12)]
    assert veto(columns, ruleset) is None


# --- condition (3): empty columns, ≥ 5 ---------------------------------------------------------------


def test_condition_empty_below_threshold(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    assert veto([make_column(item_count=0) for _ in range(4)], ruleset) is None


def test_condition_empty_at_threshold_any_kind(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = [
        make_column(ColumnKind.NEWS, item_count=0),
        make_column(ColumnKind.OVERVIEW, item_count=0),
        make_column(ColumnKind.SERVICE, item_count=0),
        make_column(ColumnKind.TOPIC, item_count=0, historical=True),
        make_column(ColumnKind.OTHER, item_count=0),
    ]
    finding = veto(columns, ruleset)
    assert finding is not None
    assert conditions(finding) == {"empty"}
    assert finding.summary == "栏目不更新：空白栏目 5 个（达到 5 个即单项否决）。"


def test_empty_columns_do_not_count_as_stale(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = [make_column(ColumnKind.NEWS, item_count=0) for _ in range(4)]
    columns += stale(make_column, ColumnKind.NEWS, 4)
    assert veto(columns, ruleset) is None


# --- several conditions, and the finding itself --------------------------------------------------------


def test_all_three_conditions(veto: Veto, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    columns = (
        stale(make_column, ColumnKind.NEWS, 5)
        + mixed_long_stale(make_column, 10)
        + [make_column(item_count=0) for _ in range(6)]
    )
    finding = veto(columns, ruleset)
    assert finding is not None
    assert finding.rule == "columns_not_updated"
    assert finding.severity is Severity.VETO
    assert finding.points == 0.0
    assert conditions(finding) == {"stale_news_notice", "long_stale", "empty"}
    assert len(finding.evidence) == 21
    assert finding.summary.count("即单项否决") == 3
    assert "空白栏目 6 个（达到 5 个即单项否决）" in finding.summary


def test_only_fired_conditions_bring_evidence(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = [make_column(item_count=0) for _ in range(5)] + stale(make_column, ColumnKind.NEWS, 2)
    finding = veto(columns, ruleset)
    assert finding is not None
    assert conditions(finding) == {"empty"}
    assert "动态要闻" not in finding.summary


def test_evidence_is_json_and_points_at_columns(
    veto: Veto, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = stale(make_column, ColumnKind.NEWS, 5)
    finding = veto(columns, ruleset)
    assert finding is not None
    entries = json.loads(json.dumps(finding.to_dict()))["evidence"]
    assert [entry["key"] for entry in entries] == [column.key for column in columns]
    assert entries[0] == {
        "key": columns[0].key,
        "name": columns[0].name,
        "url": columns[0].url,
        "kind": "news",
        "last_update": "2024-05-31",
        "state": "overdue",
        "due": "2024-06-14",
        "days_left": -1,
        "condition": "stale_news_notice",
    }


def test_accepts_statuses_built_elsewhere(make_column: ColumnFactory, ruleset: RuleSet) -> None:
    from govsite.indicators import ColumnState

    statuses = [ColumnStatus(make_column(item_count=0), ColumnState.EMPTY, None, None)] * 5
    assert columns_not_updated(statuses, ruleset) is not None
