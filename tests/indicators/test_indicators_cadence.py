import datetime

import pytest

from govsite.indicators import Cadence, RuleSetError

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14d", Cadence(days=14)),
        ("2w", Cadence(days=14)),
        ("6m", Cadence(months=6)),
        ("12m", Cadence(months=12)),
        ("1y", Cadence(months=12)),
        (" 6M ", Cadence(months=6)),
    ],
)
def test_parse(text: str, expected: Cadence) -> None:
    assert Cadence.parse(text) == expected


@pytest.mark.parametrize("text", ["", "14", "d", "14 days", "-1d", "1.5m", "0d", "6q", "none"])
def test_parse_rejects_bad_text(text: str) -> None:
    with pytest.raises(RuleSetError):
        Cadence.parse(text)


def test_parse_error_says_what_to_write() -> None:
    with pytest.raises(RuleSetError, match=r'e\.g\. "14d"'):
        Cadence.parse("two weeks")


@pytest.mark.parametrize("kwargs", [{}, {"days": -1}, {"months": -1}, {"days": 0, "months": 0}])
def test_cadence_must_be_positive(kwargs: dict[str, int]) -> None:
    with pytest.raises(RuleSetError):
        Cadence(**kwargs)


@pytest.mark.parametrize(
    ("cadence", "last", "due"),
    [
        (Cadence(days=14), D(2024, 6, 1), D(2024, 6, 15)),
        (Cadence(days=14), D(2024, 12, 25), D(2025, 1, 8)),
        (Cadence(months=6), D(2024, 1, 15), D(2024, 7, 15)),
        (Cadence(months=6), D(2024, 9, 30), D(2025, 3, 30)),
        # Month-end clamping: Aug 31 + 6 months is the end of February.
        (Cadence(months=6), D(2023, 8, 31), D(2024, 2, 29)),  # leap year
        (Cadence(months=6), D(2024, 8, 31), D(2025, 2, 28)),
        (Cadence(months=1), D(2024, 1, 31), D(2024, 2, 29)),
        (Cadence(months=1), D(2024, 3, 31), D(2024, 4, 30)),
        # Feb 29 + 1 year has no Feb 29 to land on.
        (Cadence(months=12), D(2024, 2, 29), D(2025, 2, 28)),
        (Cadence(months=48), D(2024, 2, 29), D(2028, 2, 29)),
        (Cadence(months=12), D(2024, 6, 15), D(2025, 6, 15)),
        (Cadence(months=1, days=1), D(2024, 1, 31), D(2024, 3, 1)),
    ],
)
def test_due_after(cadence: Cadence, last: datetime.date, due: datetime.date) -> None:
    assert cadence.due_after(last) == due


@pytest.mark.parametrize(
    ("cadence", "text"),
    [
        (Cadence(days=14), "2周"),
        (Cadence(days=7), "1周"),
        (Cadence(days=10), "10天"),
        (Cadence(months=6), "6个月"),
        (Cadence(months=12), "1年"),
        (Cadence(months=18), "1年6个月"),
        (Cadence(months=24), "2年"),
    ],
)
def test_str_is_chinese(cadence: Cadence, text: str) -> None:
    assert str(cadence) == text
