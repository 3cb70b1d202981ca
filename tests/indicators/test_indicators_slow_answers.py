"""Deduction for slow answers: later than 15 working days (or the 21-calendar-day stand-in)."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence
from govsite.indicators.inspection import ChannelKind, LetterEvidence
from govsite.indicators.rules import slow_answers

SiteFactory = Callable[..., SiteEvidence]
D = datetime.date


def letter(
    asked: D, answered: D | None = None, kind: ChannelKind = ChannelKind.CONSULTATION
) -> LetterEvidence:
    return LetterEvidence("政务咨询", kind, asked=asked, answered=answered, url=f"/l/{asked}/{answered}")


def weekdays_between(start: D, end: D) -> int:
    """Working days after `start` up to and including `end`, weekends only (a test stand-in)."""
    return sum((start + datetime.timedelta(days=n)).weekday() < 5 for n in range(1, (end - start).days + 1))


@pytest.fixture
def run(make_site: SiteFactory, today: D, ruleset: RuleSet) -> Callable[..., list[Finding]]:
    def run(*letters: LetterEvidence, working_days: Callable[[D, D], int] | None = None) -> list[Finding]:
        return slow_answers.rule(make_site(letters=letters), today, ruleset, working_days=working_days)

    return run


@pytest.mark.parametrize(
    ("answered", "slow"),
    [(D(2024, 5, 22), False), (D(2024, 5, 23), True)],  # asked 5-1: 21 days on time, 22 late
)
def test_calendar_days_boundary(run: Callable[..., list[Finding]], answered: D, slow: bool) -> None:
    findings = run(letter(D(2024, 5, 1), answered))
    assert [finding.severity for finding in findings] == ([Severity.DEDUCTION] if slow else [])
    if slow:
        assert "超过 21 天（按日历日计算，未扣除节假日）" in findings[0].summary


@pytest.mark.parametrize(("asked", "slow"), [(D(2024, 5, 25), False), (D(2024, 5, 24), True)])
def test_unanswered_counts_once_its_time_is_up(
    run: Callable[..., list[Finding]], asked: D, slow: bool
) -> None:
    findings = run(letter(asked))
    assert bool(findings) is slow
    if slow:
        assert "其中未答复 1 封" in findings[0].summary


def test_working_days_when_a_calendar_is_given(run: Callable[..., list[Finding]]) -> None:
    # Asked Wed 2024-05-01: the 15th working day after it (weekends only) is Wed 2024-05-22.
    assert weekdays_between(D(2024, 5, 1), D(2024, 5, 22)) == 15
    assert run(letter(D(2024, 5, 1), D(2024, 5, 22)), working_days=weekdays_between) == []
    (finding,) = run(letter(D(2024, 5, 1), D(2024, 5, 23)), working_days=weekdays_between)
    assert "超过 15 个工作日" in finding.summary
    assert finding.evidence[0]["unit"] == "working_days" and finding.evidence[0]["taken"] == 16


def test_lookback_year_and_channel_kinds(run: Callable[..., list[Finding]]) -> None:
    assert run(letter(D(2023, 6, 14), D(2023, 9, 1))) == []  # asked before the year
    assert len(run(letter(D(2023, 6, 15), D(2023, 9, 1)))) == 1
    assert run(letter(D(2024, 1, 1), D(2024, 3, 1), kind=ChannelKind.PETITION)) == []


def test_points_per_letter_capped(run: Callable[..., list[Finding]], ruleset: RuleSet) -> None:
    assert (ruleset.slow_answers.points_each, ruleset.slow_answers.max_points) == (1, 5)
    (finding,) = run(*(letter(D(2024, 1, n + 1), D(2024, 3, 1)) for n in range(4)))
    assert finding.points == 4
    (finding,) = run(*(letter(D(2024, 1, n + 1), D(2024, 3, 1)) for n in range(6)))
    assert finding.points == 5
    assert "6 封超过 21 天" in finding.summary and "本项最多扣 5 分" in finding.summary
