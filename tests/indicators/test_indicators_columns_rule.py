"""The veto 栏目不更新 as a whole-site rule: same behaviour as `columns_not_updated`, plus "not checked"."""

import datetime
from collections.abc import Callable

from govsite.indicators import (
    ColumnEvidence,
    ColumnKind,
    RuleSet,
    Severity,
    SiteEvidence,
    Unchecked,
    assess_columns,
    columns_not_updated,
)
from govsite.indicators.rules import columns

SiteFactory = Callable[..., SiteEvidence]
ColumnFactory = Callable[..., ColumnEvidence]


def test_fires_like_the_column_veto(
    make_site: SiteFactory, make_column: ColumnFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    stale = tuple(make_column(ColumnKind.NEWS, age=15) for _ in range(5))
    (finding,) = columns.rule(make_site(columns=stale), today, ruleset)
    assert finding == columns_not_updated(assess_columns(stale, today, ruleset), ruleset)
    assert finding.severity is Severity.VETO


def test_four_stale_is_not_enough(
    make_site: SiteFactory, make_column: ColumnFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    stale = tuple(make_column(ColumnKind.NEWS, age=15) for _ in range(4))
    (warning,) = columns.rule(make_site(columns=stale), today, ruleset)
    assert warning.severity is Severity.WARNING
    assert warning.summary.startswith("栏目更新预警：超期未更新栏目 4 个（")
    assert [entry["state"] for entry in warning.evidence] == ["overdue"] * 4


def test_fresh_columns_give_no_finding(
    make_site: SiteFactory, make_column: ColumnFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    fresh = tuple(make_column(ColumnKind.NEWS, age=13) for _ in range(6))
    assert columns.rule(make_site(columns=fresh), today, ruleset) == []


def test_empty_columns_below_the_line_are_named_with_the_line(
    make_site: SiteFactory, make_column: ColumnFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    blank = tuple(make_column(ColumnKind.NOTICE, item_count=0) for _ in range(ruleset.empty_min - 1))
    (warning,) = columns.rule(make_site(columns=blank), today, ruleset)
    assert warning.severity is Severity.WARNING
    assert f"空白栏目 {ruleset.empty_min - 1} 个" in warning.summary
    assert f"达到 {ruleset.empty_min} 个即单项否决" in warning.summary


def test_columns_not_checked_warns_unless_the_veto_already_fires(
    make_site: SiteFactory, make_column: ColumnFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    unchecked = (Unchecked("columns", "https://www.example.gov.cn/", "栏目导航由脚本生成，未能解析"),)
    (finding,) = columns.rule(make_site(columns=(), unchecked=unchecked), today, ruleset)
    assert finding.severity is Severity.WARNING
    assert "栏目导航由脚本生成，未能解析" in finding.summary
    empty = tuple(make_column(item_count=0) for _ in range(5))
    (finding,) = columns.rule(make_site(columns=empty, unchecked=unchecked), today, ruleset)
    assert finding.severity is Severity.VETO


def test_a_single_unchecked_column_page_decides_nothing(
    make_site: SiteFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    unchecked = (Unchecked("column", "https://www.example.gov.cn/tzgg/", "超时（15秒）"),)
    assert columns.rule(make_site(unchecked=unchecked), today, ruleset) == []
