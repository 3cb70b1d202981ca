"""Properties that hold for any column, any day and any cadence (hypothesis)."""

import calendar
import datetime

import pytest

pytest.importorskip("hypothesis")
from hypothesis import given
from hypothesis import strategies as st

from govsite.indicators import (
    Cadence,
    ColumnEvidence,
    ColumnKind,
    ColumnState,
    ColumnStatus,
    RuleSetError,
    assess_column,
    columns_not_updated,
    load_ruleset,
)

RULESET = load_ruleset("gov2019")
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))
cadences = st.one_of(
    st.builds(Cadence, days=st.integers(1, 400)),
    st.builds(Cadence, months=st.integers(1, 60)),
    st.builds(Cadence, days=st.integers(1, 60), months=st.integers(1, 24)),
)


@st.composite
def columns(draw: st.DrawFn) -> ColumnEvidence:
    item_count = draw(st.integers(0, 30))
    last_update = draw(st.none() | dates) if item_count else None
    # Every item is undated when no date was found; otherwise at least the newest item has one.
    undated = item_count if last_update is None else draw(st.integers(0, item_count - 1))
    return ColumnEvidence(
        key=draw(st.text(min_size=1, max_size=8)),
        name="栏目",
        kind=draw(st.sampled_from(ColumnKind)),
        item_count=item_count,
        last_update=last_update,
        historical=draw(st.booleans()),
        undated_count=undated,
    )


@given(columns(), dates)
def test_empty_iff_no_items(column: ColumnEvidence, today: datetime.date) -> None:
    assert (assess_column(column, today, RULESET).state is ColumnState.EMPTY) == (column.item_count == 0)


@given(columns(), dates)
def test_never_ok_past_due(column: ColumnEvidence, today: datetime.date) -> None:
    status = assess_column(column, today, RULESET)
    if status.due is not None:
        assert status.days_left == (status.due - today).days
        if today > status.due:
            assert status.state is ColumnState.OVERDUE
    else:
        assert status.days_left is None
    if status.state is ColumnState.OK:
        assert status.days_left is not None and status.days_left > RULESET.due_soon_days


@given(columns(), dates)
def test_exempt_only_for_historical_or_no_cadence(column: ColumnEvidence, today: datetime.date) -> None:
    status = assess_column(column, today, RULESET)
    if status.state is ColumnState.EXEMPT:
        assert column.historical or RULESET.cadence_for(column.kind) is None
    if status.state in (ColumnState.OVERDUE, ColumnState.DUE_SOON):
        assert not column.historical and RULESET.cadence_for(column.kind) is not None


@given(cadences, dates)
def test_due_is_after_the_last_update(cadence: Cadence, last: datetime.date) -> None:
    assert cadence.due_after(last) > last


@given(cadences, dates, dates)
def test_due_never_moves_back_when_the_update_is_later(
    cadence: Cadence, first: datetime.date, second: datetime.date
) -> None:
    early, late = sorted((first, second))
    assert cadence.due_after(early) <= cadence.due_after(late)


@given(st.integers(1, 60), dates)
def test_months_land_on_the_same_day_or_the_month_end(months: int, last: datetime.date) -> None:
    due = Cadence(months=months).due_after(last)
    assert (due.year * 12 + due.month) - (last.year * 12 + last.month) == months
    assert due.day == min(last.day, calendar.monthrange(due.year, due.month)[1])


@given(cadences)
def test_parse_reads_the_unit_forms(cadence: Cadence) -> None:
    if cadence.months and cadence.days:
        return  # no single-unit text for a mixed cadence
    text = f"{cadence.days}d" if cadence.days else f"{cadence.months}m"
    assert Cadence.parse(text) == cadence


@given(st.integers(1, 40))
def test_tightened_news_only_accepts_shorter_spans(days: int) -> None:
    if days <= 14:
        assert RULESET.tightened(news=f"{days}d").cadence_for(ColumnKind.NEWS) == Cadence(days=days)
    else:
        with pytest.raises(RuleSetError):
            RULESET.tightened(news=f"{days}d")


@given(st.lists(columns(), max_size=40), columns(), dates)
def test_more_problems_never_lift_the_veto(
    existing: list[ColumnEvidence], extra: ColumnEvidence, today: datetime.date
) -> None:
    statuses = [assess_column(column, today, RULESET) for column in existing]
    added = assess_column(extra, today, RULESET)
    before = columns_not_updated(statuses, RULESET)
    after = columns_not_updated([*statuses, added], RULESET)
    if before is not None:
        assert after is not None
        assert len(after.evidence) >= len(before.evidence)


@given(st.integers(0, 12))
def test_empty_veto_fires_exactly_at_the_threshold(count: int) -> None:
    column = ColumnEvidence("k", "n", ColumnKind.OTHER, 0, None)
    statuses = [ColumnStatus(column, ColumnState.EMPTY, None, None)] * count
    assert (columns_not_updated(statuses, RULESET) is not None) == (count >= RULESET.empty_min)
