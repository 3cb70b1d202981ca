"""`assess_column` at every boundary (gov2019: news 14 days, notice/policy 6 months, due soon 3 days)."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import (
    ColumnEvidence,
    ColumnKind,
    ColumnState,
    RuleSet,
    assess_column,
    assess_columns,
)

ColumnFactory = Callable[..., ColumnEvidence]
D = datetime.date


@pytest.mark.parametrize(
    ("age", "state", "days_left"),
    [
        (0, ColumnState.OK, 14),
        (10, ColumnState.OK, 4),  # 4 days before due: not yet flagged
        (11, ColumnState.DUE_SOON, 3),  # 3 days before due: flagged
        (13, ColumnState.DUE_SOON, 1),
        (14, ColumnState.DUE_SOON, 0),  # exactly 2 weeks old: last day still fine
        (15, ColumnState.OVERDUE, -1),  # silent more than 2 weeks
        (400, ColumnState.OVERDUE, -386),
    ],
)
def test_news_boundaries(
    today: datetime.date,
    make_column: ColumnFactory,
    ruleset: RuleSet,
    age: int,
    state: ColumnState,
    days_left: int,
) -> None:
    status = assess_column(make_column(ColumnKind.NEWS, age=age), today, ruleset)
    assert status.state is state
    assert status.days_left == days_left
    assert status.due == today + datetime.timedelta(days=days_left)


@pytest.mark.parametrize(
    ("last_update", "on", "state"),
    [
        (D(2024, 1, 15), D(2024, 7, 11), ColumnState.OK),  # due 7-15, 4 days left
        (D(2024, 1, 15), D(2024, 7, 12), ColumnState.DUE_SOON),  # 3 days left
        (D(2024, 1, 15), D(2024, 7, 15), ColumnState.DUE_SOON),  # exactly 6 months
        (D(2024, 1, 15), D(2024, 7, 16), ColumnState.OVERDUE),
        # Aug 31 + 6 months clamps to the end of February, leap year or not.
        (D(2023, 8, 31), D(2024, 2, 29), ColumnState.DUE_SOON),
        (D(2023, 8, 31), D(2024, 3, 1), ColumnState.OVERDUE),
        (D(2024, 8, 31), D(2025, 2, 28), ColumnState.DUE_SOON),
        (D(2024, 8, 31), D(2025, 3, 1), ColumnState.OVERDUE),
    ],
)
@pytest.mark.parametrize("kind", [ColumnKind.NOTICE, ColumnKind.POLICY])
def test_notice_and_policy_boundaries(
    make_column: ColumnFactory,
    ruleset: RuleSet,
    kind: ColumnKind,
    last_update: datetime.date,
    on: datetime.date,
    state: ColumnState,
) -> None:
    column = make_column(kind, last_update=last_update)
    assert assess_column(column, on, ruleset).state is state


def test_overdue_days_left_counts_from_the_clamped_due_date(
    make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    status = assess_column(make_column(ColumnKind.NOTICE, last_update=D(2024, 8, 31)), D(2025, 3, 2), ruleset)
    assert (status.state, status.due, status.days_left) == (ColumnState.OVERDUE, D(2025, 2, 28), -2)


@pytest.mark.parametrize("kind", [ColumnKind.PERSONNEL, ColumnKind.PLAN, ColumnKind.TOPIC])
def test_one_year_kinds(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet, kind: ColumnKind
) -> None:
    assert assess_column(make_column(kind, last_update=D(2023, 6, 15)), today, ruleset).state is (
        ColumnState.DUE_SOON
    )
    assert assess_column(make_column(kind, last_update=D(2023, 6, 14)), today, ruleset).state is (
        ColumnState.OVERDUE
    )


@pytest.mark.parametrize("kind", list(ColumnKind))
def test_empty_column_is_empty_whatever_its_kind(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet, kind: ColumnKind
) -> None:
    status = assess_column(make_column(kind, item_count=0), today, ruleset)
    assert (status.state, status.due, status.days_left) == (ColumnState.EMPTY, None, None)


def test_historical_topic_that_is_empty_is_still_empty(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    column = make_column(ColumnKind.TOPIC, item_count=0, historical=True)
    assert assess_column(column, today, ruleset).state is ColumnState.EMPTY


def test_historical_topic_is_never_stale(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    column = make_column(ColumnKind.TOPIC, age=3000, historical=True)
    status = assess_column(column, today, ruleset)
    assert (status.state, status.due, status.days_left) == (ColumnState.EXEMPT, None, None)


def test_historical_topic_with_undated_items_is_exempt(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    column = make_column(ColumnKind.TOPIC, age=None, historical=True)
    assert assess_column(column, today, ruleset).state is ColumnState.EXEMPT


@pytest.mark.parametrize(
    "kind", [ColumnKind.OVERVIEW, ColumnKind.SERVICE, ColumnKind.INTERACTION, ColumnKind.OTHER]
)
@pytest.mark.parametrize("age", [3000, None])
def test_no_cadence_column_is_exempt(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet, kind: ColumnKind, age: int | None
) -> None:
    status = assess_column(make_column(kind, age=age), today, ruleset)
    assert (status.state, status.due, status.days_left) == (ColumnState.EXEMPT, None, None)


def test_undated_items_count_as_not_updated(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    column = make_column(ColumnKind.NEWS, age=None)
    assert column.last_update is None
    status = assess_column(column, today, ruleset)
    assert (status.state, status.due, status.days_left) == (ColumnState.OVERDUE, None, None)


@pytest.mark.parametrize("ahead", [1, 30, 3650])
def test_future_date_counts_as_fresh(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet, ahead: int
) -> None:
    status = assess_column(make_column(ColumnKind.NEWS, age=-ahead), today, ruleset)
    assert status.state is ColumnState.OK
    # No more credit than an item published today.
    assert (status.due, status.days_left) == (today + datetime.timedelta(days=14), 14)


def test_future_date_is_ok_even_when_due_soon_covers_the_whole_cadence(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    eager = ruleset.with_overrides({"due_soon_days": 30})
    assert assess_column(make_column(ColumnKind.NEWS, age=-1), today, eager).state is ColumnState.OK
    assert assess_column(make_column(ColumnKind.NEWS, age=0), today, eager).state is ColumnState.DUE_SOON


def test_stricter_ruleset_changes_the_verdict(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    column = make_column(ColumnKind.NEWS, age=8)
    assert assess_column(column, today, ruleset).state is ColumnState.OK
    assert assess_column(column, today, ruleset.tightened(news="7d")).state is ColumnState.OVERDUE


def test_due_soon_days_zero_only_flags_the_due_day(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    strict = ruleset.with_overrides({"due_soon_days": 0})
    assert assess_column(make_column(age=13), today, strict).state is ColumnState.OK
    assert assess_column(make_column(age=14), today, strict).state is ColumnState.DUE_SOON


def test_assess_columns_keeps_order(
    today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet
) -> None:
    columns = [make_column(age=20), make_column(item_count=0), make_column(age=1)]
    statuses = assess_columns(columns, today, ruleset)
    assert [status.column for status in statuses] == columns
    assert [status.state for status in statuses] == [ColumnState.OVERDUE, ColumnState.EMPTY, ColumnState.OK]
    assert assess_columns([], today, ruleset) == []


def test_state_labels() -> None:
    assert [state.label for state in ColumnState] == [
        "正常",
        "即将到期",
        "超期未更新",
        "空白栏目",
        "不考核更新",
    ]


def test_status_as_evidence(today: datetime.date, make_column: ColumnFactory, ruleset: RuleSet) -> None:
    column = make_column(ColumnKind.NEWS, age=15, name="工作动态")
    assert assess_column(column, today, ruleset).as_evidence() == {
        "key": column.key,
        "name": "工作动态",
        "url": column.url,
        "kind": "news",
        "last_update": "2024-05-31",
        "state": "overdue",
        "due": "2024-06-14",
        "days_left": -1,
    }
