"""Veto 网站不更新 (2 weeks, undated = not updated, navigation homepages) and the homepage volume item."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import (
    ColumnEvidence,
    ColumnKind,
    Finding,
    ItemEvidence,
    RuleSet,
    Severity,
    SiteEvidence,
    Unchecked,
)
from govsite.indicators.rules import homepage_not_updated, homepage_update_volume

SiteFactory = Callable[..., SiteEvidence]
Run = Callable[..., list[Finding]]
TODAY = datetime.date(2024, 6, 15)


def item(age: int | None, n: int = 0, *, url: str | None = None) -> ItemEvidence:
    published = None if age is None else TODAY - datetime.timedelta(days=age)
    return ItemEvidence(
        f"信息{n}", url=f"https://www.example.gov.cn/{n}.html" if url is None else url, published=published
    )


def column(kind: ColumnKind, age: int | None, *, historical: bool = False) -> ColumnEvidence:
    last = None if age is None else TODAY - datetime.timedelta(days=age)
    return ColumnEvidence(
        f"c-{kind}-{age}",
        kind.label,
        kind,
        5,
        last,
        historical=historical,
        undated_count=5 if last is None else 0,
    )


@pytest.fixture
def veto(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Run:
    assert today == TODAY

    def run(**changes: object) -> list[Finding]:
        return homepage_not_updated.rule(make_site(**changes), today, ruleset)

    return run


@pytest.fixture
def volume(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Run:
    def run(**changes: object) -> list[Finding]:
        return homepage_update_volume.rule(make_site(**changes), today, ruleset)

    return run


# --- veto: homepage items -----------------------------------------------------------------------------


@pytest.mark.parametrize(("age", "fires"), [(0, False), (14, False), (15, True), (400, True), (-3, False)])
def test_newest_item_within_two_weeks(veto: Run, age: int, fires: bool) -> None:
    findings = veto(homepage_items=(item(age), item(60, 1)))
    assert [finding.severity for finding in findings] == ([Severity.VETO] if fires else [])


def test_veto_summary_names_the_newest_date_and_the_undated(veto: Run) -> None:
    (finding,) = veto(homepage_items=(item(20), item(30, 1), item(None, 2), item(None, 3)))
    assert finding.rule == "homepage_not_updated"
    assert (
        "首页 4 条信息中最近一条发布于 2024-05-26，近2周无新发布（另有 2 条未标注发布日期，视为未更新）"
        in (finding.summary)
    )
    assert [entry["published"] for entry in finding.evidence] == ["2024-05-26", "2024-05-16", None, None]


def test_undated_items_count_as_not_updated(veto: Run) -> None:
    (finding,) = veto(homepage_items=(item(None), item(None, 1)))
    assert "首页 2 条信息均未标注发布日期" in finding.summary


def test_no_items_at_all(veto: Run) -> None:
    (finding,) = veto(homepage_items=())
    assert finding.severity is Severity.VETO
    assert "首页未发现任何信息条目" in finding.summary


@pytest.mark.parametrize(
    "changes",
    [
        {"reachable": False},
        {"unchecked": (Unchecked("homepage", "https://www.example.gov.cn/", "超时（15秒）"),)},
    ],
)
def test_homepage_not_checked_warns(veto: Run, changes: dict[str, object]) -> None:
    (finding,) = veto(homepage_items=(), **changes)
    assert finding.severity is Severity.WARNING
    assert "首页是否更新未作判定" in finding.summary


def test_a_stricter_edition(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> None:
    site = make_site(homepage_items=(item(8),))
    assert homepage_not_updated.rule(site, today, ruleset) == []
    stricter = ruleset.tightened(homepage_not_updated={"within": "7d"})
    assert [finding.severity for finding in homepage_not_updated.rule(site, today, stricter)] == [
        Severity.VETO
    ]


# --- veto: navigation homepage ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "fires"),
    [
        ((column(ColumnKind.NEWS, 14),), False),
        ((column(ColumnKind.NOTICE, 3), column(ColumnKind.NEWS, 100)), False),
        ((column(ColumnKind.POLICY, 0),), False),
        ((column(ColumnKind.NEWS, 15), column(ColumnKind.POLICY, 15)), True),
        ((column(ColumnKind.NEWS, None),), True),
        # Other kinds do not make a navigation homepage fresh; a closed topic never counts.
        ((column(ColumnKind.STATISTICS, 0), column(ColumnKind.NEWS, 30)), True),
        ((column(ColumnKind.NEWS, 0, historical=True),), True),
        ((), True),
    ],
)
def test_navigation_homepage_is_judged_by_second_level_columns(
    veto: Run, columns: tuple[ColumnEvidence, ...], fires: bool
) -> None:
    findings = veto(homepage_is_navigation=True, homepage_items=(), columns=columns)
    assert [finding.severity for finding in findings] == ([Severity.VETO] if fires else [])
    if fires:
        assert "首页为导航页" in findings[0].summary


def test_navigation_homepage_ignores_its_own_items(veto: Run) -> None:
    findings = veto(
        homepage_is_navigation=True, homepage_items=(item(0),), columns=(column(ColumnKind.NEWS, 40),)
    )
    assert [finding.severity for finding in findings] == [Severity.VETO]


def test_navigation_homepage_with_columns_not_checked_warns(veto: Run) -> None:
    unchecked = (Unchecked("columns", "https://www.example.gov.cn/", "栏目页需要登录"),)
    (finding,) = veto(homepage_is_navigation=True, columns=(), unchecked=unchecked)
    assert finding.severity is Severity.WARNING
    assert "栏目页需要登录" in finding.summary


# --- deduction: homepage update volume -----------------------------------------------------------------


@pytest.mark.parametrize(("count", "points"), [(9, 5.0), (10, None), (0, 5.0)])
def test_volume_threshold(volume: Run, count: int, points: float | None) -> None:
    findings = volume(homepage_items=tuple(item(n % 15, n) for n in range(count)))
    if points is None:
        assert findings == []
    else:
        (finding,) = findings
        assert (finding.severity, finding.points) == (Severity.DEDUCTION, points)
        assert f"近2周首页栏目新增信息 {count} 条，少于 10 条" in finding.summary


def test_volume_counts_each_item_once_and_only_inside_the_window(volume: Run) -> None:
    items = tuple(item(1, n) for n in range(5))  # 5 distinct
    items += tuple(item(1, n) for n in range(5))  # the same 5 again (slider and list)
    items += (item(15, 90), item(None, 91), item(-1, 92))  # too old, undated, after the check
    items += tuple(ItemEvidence(f"无链接{n}", published=TODAY) for n in range(4))  # counted by title
    (finding,) = volume(homepage_items=items)
    assert "新增信息 9 条" in finding.summary
    assert len(finding.evidence) == 9


def test_volume_for_navigation_or_unchecked_homepage_is_a_warning(volume: Run) -> None:
    (finding,) = volume(homepage_is_navigation=True, homepage_items=())
    assert (finding.severity, finding.points) == (Severity.WARNING, 0.0)
    (finding,) = volume(reachable=False)
    assert finding.severity is Severity.WARNING and "检查时网站无法访问" in finding.summary


def test_volume_points_are_data(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> None:
    edition = ruleset.with_overrides({"homepage_update_volume": {"min_items": 20, "points": 2}})
    (finding,) = homepage_update_volume.rule(make_site(), today, edition)  # the clean site has 12
    assert finding.points == 2
    assert "新增信息 12 条，少于 20 条，扣 2 分" in finding.summary
