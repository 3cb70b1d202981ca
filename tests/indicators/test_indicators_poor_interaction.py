"""Veto 互动回应差: no working consultation channel, or a letter waiting over 3 months within the year."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence, Unchecked
from govsite.indicators.inspection import ChannelEvidence, ChannelKind, LetterEvidence
from govsite.indicators.rules import poor_interaction

SiteFactory = Callable[..., SiteEvidence]
Run = Callable[..., list[Finding]]
D = datetime.date
MAILBOX = ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, url="https://www.example.gov.cn/ldxx/")


def letter(
    asked: D | None,
    answered: D | None = None,
    *,
    kind: ChannelKind = ChannelKind.CONSULTATION,
    valid: bool = True,
) -> LetterEvidence:
    return LetterEvidence(
        "领导信箱", kind, asked=asked, answered=answered, title="咨询", url=f"/l/{asked}", valid=valid
    )


@pytest.fixture
def run(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Run:
    assert today == D(2024, 6, 15)

    def run(**changes: object) -> list[Finding]:
        changes.setdefault("channels", (MAILBOX,))
        return poor_interaction.rule(make_site(**changes), today, ruleset)

    return run


def severities(findings: list[Finding]) -> list[Severity]:
    return [finding.severity for finding in findings]


# --- condition (1): a working channel ------------------------------------------------------------------


def test_a_working_consultation_channel_passes(run: Run) -> None:
    assert run() == []


def test_no_channel_found_is_a_veto(run: Run) -> None:
    (finding,) = run(channels=())
    assert finding.severity is Severity.VETO
    assert "未发现可用的政务咨询类留言渠道" in finding.summary


def test_channels_that_do_not_work_are_a_veto(run: Run) -> None:
    icon = ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, works=False, problem="图标无链接")
    (finding,) = run(channels=(icon, ChannelEvidence("建议", ChannelKind.CONSULTATION, works=False)))
    assert finding.severity is Severity.VETO
    assert "政务咨询类留言渠道 2 个均无法使用" in finding.summary
    assert finding.evidence[0]["problem"] == "图标无链接"


@pytest.mark.parametrize(
    "kind",
    [
        ChannelKind.PETITION,
        ChannelKind.DISCIPLINE,
        ChannelKind.SURVEY,
        ChannelKind.INTERVIEW,
        ChannelKind.COMPLAINT,
    ],
)
def test_other_channels_do_not_replace_a_consultation_channel(run: Run, kind: ChannelKind) -> None:
    assert severities(run(channels=(ChannelEvidence("其他", kind),))) == [Severity.VETO]


@pytest.mark.parametrize(
    "changes",
    [
        {"unchecked": (Unchecked("channels", "https://www.example.gov.cn/hdjl/", "互动页面需要登录"),)},
        {"reachable": False},
    ],
)
def test_none_found_is_not_none_there_when_not_checked(run: Run, changes: dict[str, object]) -> None:
    (finding,) = run(channels=(), **changes)
    assert finding.severity is Severity.WARNING
    assert "互动渠道未能检查" in finding.summary


# --- condition (2): a letter waiting over 3 months -----------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "answered", "fires"),
    [
        (D(2024, 3, 15), None, False),  # due 6-15 = today: still on time
        (D(2024, 3, 14), None, True),  # due 6-14: over 3 months today
        (D(2024, 3, 31), None, False),  # due 6-30 (month end clamp)
        (D(2024, 1, 10), D(2024, 4, 10), False),  # answered on the due day
        (D(2024, 1, 10), D(2024, 4, 11), True),  # answered one day late: it waited over 3 months
        (D(2022, 1, 1), None, True),  # still waiting after years: the situation exists now
        (D(2023, 1, 1), D(2023, 6, 14), False),  # late, but the answer came before the year began
        (D(2023, 1, 1), D(2023, 6, 15), True),  # late, answered on the first day of the year
        (D(2024, 6, 1), D(2024, 5, 1), False),  # answered "before" asked: a data error, not a delay
    ],
)
def test_three_month_boundaries(run: Run, asked: D, answered: D | None, fires: bool) -> None:
    findings = run(letters=(letter(asked, answered),))
    assert severities(findings) == ([Severity.VETO] if fires else [])


def test_veto_summary_counts_unanswered_and_late(run: Run) -> None:
    letters = (
        letter(D(2024, 1, 2)),
        letter(D(2024, 2, 1)),
        letter(D(2023, 12, 1), D(2024, 4, 1)),
        letter(D(2024, 6, 1)),
    )
    (finding,) = run(letters=letters)
    assert (
        "近1年内政务咨询类栏目有 3 封有效留言超过3个月未回复（其中至今未回复 2 封、超期后才回复 1 封，"
        "最早一封提问于 2023-12-01）"
    ) in finding.summary
    assert [entry["state"] for entry in finding.evidence] == ["answered_late", "unanswered", "unanswered"]
    assert finding.evidence[1]["due"] == "2024-04-02"  # asked 2024-01-02


def test_late_answers_can_be_left_out(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    edition = ruleset.with_overrides({"poor_interaction": {"late_answer_counts": False}})
    site = make_site(letters=(letter(D(2024, 1, 10), D(2024, 4, 11)),))
    assert poor_interaction.rule(site, today, edition) == []
    with pytest.raises(Exception, match="late_answer_counts"):
        ruleset.tightened(poor_interaction={"late_answer_counts": False})


@pytest.mark.parametrize(
    "kind",
    [
        ChannelKind.PETITION,
        ChannelKind.DISCIPLINE,
        ChannelKind.INTERVIEW,
        ChannelKind.SURVEY,
        ChannelKind.COMPLAINT,
    ],
)
def test_letters_of_other_channels_never_count(run: Run, kind: ChannelKind) -> None:
    assert run(letters=(letter(D(2023, 9, 1), kind=kind),)) == []


def test_a_province_may_count_complaints_too(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    edition = ruleset.tightened(poor_interaction={"channel_kinds": ["consultation", "complaint"]})
    site = make_site(letters=(letter(D(2023, 9, 1), kind=ChannelKind.COMPLAINT),))
    assert severities(poor_interaction.rule(site, today, edition)) == [Severity.VETO]


def test_invalid_letters_never_count(run: Run) -> None:
    assert run(letters=(letter(D(2023, 9, 1), valid=False),)) == []


def test_undated_letters_are_a_warning_not_a_guess(run: Run) -> None:
    (finding,) = run(letters=(letter(None), letter(None)))
    assert finding.severity is Severity.WARNING
    assert "2 封留言未显示提问日期" in finding.summary


def test_letters_not_checked_warns(run: Run) -> None:
    unchecked = (Unchecked("letters", "https://www.example.gov.cn/ldxx/", "留言列表需要登录"),)
    (finding,) = run(unchecked=unchecked)
    assert finding.severity is Severity.WARNING
    assert "留言列表需要登录" in finding.summary


def test_both_conditions_in_one_veto(run: Run) -> None:
    (finding,) = run(channels=(), letters=(letter(D(2024, 1, 1)),))
    assert "未发现可用的政务咨询类留言渠道" in finding.summary
    assert "1 封有效留言超过3个月未回复" in finding.summary
