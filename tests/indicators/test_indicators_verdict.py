"""`evaluate`: whole sites from clean to hijacked, the score, 合格/不合格, and the stored JSON form."""

import datetime
import json
from collections.abc import Callable

import pytest

from govsite.indicators import (
    ColumnEvidence,
    ColumnKind,
    ItemEvidence,
    RuleSet,
    Severity,
    SiteEvidence,
    Unchecked,
    Verdict,
    evaluate,
)
from govsite.indicators.inspection import (
    KEY_GUIDE_ELEMENTS,
    ArticleEvidence,
    ChannelKind,
    Concealment,
    ContentFlag,
    ContentRisk,
    GuideElement,
    LetterEvidence,
    LinkEvidence,
    LinkKind,
    LinkProblem,
    ServiceGuideEvidence,
    ServiceSystemEvidence,
)
from govsite.indicators.verdict import RULES, SERVICE_RULES, score

SiteFactory = Callable[..., SiteEvidence]
D = datetime.date
HOME = "https://www.example.gov.cn/"


def ago(today: D, days: int) -> D:
    return today - datetime.timedelta(days=days)


def broken_elsewhere(count: int) -> tuple[LinkEvidence, ...]:
    return tuple(
        LinkEvidence(
            f"{HOME}gone/{n}.html",
            found_on=(f"{HOME}p{n}.html",),
            problem=LinkProblem.HTTP_CLIENT_ERROR,
            status=404,
        )
        for n in range(count)
    )


def round_trip(verdict: Verdict) -> Verdict:
    return Verdict.from_dict(json.loads(json.dumps(verdict.to_dict(), ensure_ascii=False)))


# --- whole sites ----------------------------------------------------------------------------------------


def test_clean_site(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    verdict = evaluate(make_site(), today, ruleset)
    assert verdict.findings == ()
    assert (verdict.band, verdict.passed, verdict.score, verdict.deducted) == ("合格", True, 100, 0)
    assert round_trip(verdict) == verdict


def test_zombie_site(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    frozen = ago(today, 60)
    site = make_site(
        homepage_items=tuple(
            ItemEvidence(f"旧闻{n}", url=f"{HOME}old/{n}.html", published=frozen) for n in range(10)
        ),
        columns=tuple(ColumnEvidence(f"news-{n}", f"动态{n}", ColumnKind.NEWS, 20, frozen) for n in range(5)),
    )
    verdict = evaluate(site, today, ruleset)
    assert verdict.band == "不合格" and not verdict.passed
    assert [finding.rule for finding in verdict.vetoes] == ["homepage_not_updated", "columns_not_updated"]
    assert verdict.score is None  # vetoed: not scored
    # Deductions are still worked out for the webmaster.
    assert verdict.deductions == {"homepage_update_volume": 5.0}
    assert verdict.deducted == 5.0
    data = verdict.to_dict()
    assert (data["score"], data["vetoed"], data["result"], data["deducted"]) == (None, True, "不合格", 5.0)
    assert data["vetoes"] == ["homepage_not_updated", "columns_not_updated"]


def test_hijacked_site(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    spam = (
        ContentFlag(
            HOME,
            ContentRisk.GAMBLING,
            "k8凯发 凯时娱乐",
            terms=("k8凯发", "凯时"),
            concealment=Concealment.HIDDEN,
            score=0.97,
        ),
        ContentFlag(
            HOME,
            ContentRisk.INJECTED_LINK,
            "<a href=http://k8.example.com>",
            terms=("http://k8.example.com/",),
            concealment=Concealment.OFFSCREEN,
        ),
    )
    verdict = evaluate(make_site(content_flags=spam), today, ruleset)
    (veto,) = verdict.vetoes
    assert veto.rule == "security_serious_error"
    assert "涉赌内容 1 处、被植入的外部链接 1 处" in veto.summary and "隐藏显示" in veto.summary
    assert (verdict.band, verdict.score) == ("不合格", None)


def test_one_broken_template_link_on_a_thousand_pages(
    make_site: SiteFactory, today: D, ruleset: RuleSet
) -> None:
    pages = tuple(f"{HOME}art/{n}.html" for n in range(1000))
    template = LinkEvidence(
        f"{HOME}images/top.png",
        found_on=pages,
        problem=LinkProblem.HTTP_CLIENT_ERROR,
        status=404,
        kind=LinkKind.IMAGE,
    )
    working = tuple(LinkEvidence(f"{HOME}art/{n}.html", found_on=(HOME,)) for n in range(1000))
    verdict = evaluate(make_site(links=(template, *working)), today, ruleset)
    (finding,) = verdict.findings
    assert (finding.rule, finding.points, len(finding.evidence)) == ("broken_links", 0.1, 1)
    assert (verdict.score, verdict.band) == (99.9, "合格")


# --- score and pass line --------------------------------------------------------------------------------


@pytest.fixture
def heavy_links(ruleset: RuleSet) -> RuleSet:
    """An edition where each broken link elsewhere costs half a point, up to 40."""
    return ruleset.with_overrides({"broken_links": {"other_points": 0.5, "max_points": 40}})


def test_sixty_passes(make_site: SiteFactory, today: D, heavy_links: RuleSet) -> None:
    verdict = evaluate(make_site(links=broken_elsewhere(100)), today, heavy_links)
    assert (verdict.deducted, verdict.score, verdict.band) == (40.0, 60.0, "合格")


def test_below_sixty_fails(make_site: SiteFactory, today: D, heavy_links: RuleSet) -> None:
    dead_system = (
        ServiceSystemEvidence("网上申报", "/sb/", works=False),
        ServiceSystemEvidence("查询", "/cx/", works=True),
        ServiceSystemEvidence("预约", "/yy/", works=True),
    )
    verdict = evaluate(make_site(links=broken_elsewhere(100), systems=dead_system), today, heavy_links)
    assert verdict.deductions == {"broken_links": 40.0, "dead_online_systems": 2.0}
    assert (verdict.score, verdict.band, verdict.passed) == (58.0, "不合格", False)
    assert not verdict.vetoes


def test_score_never_below_zero(ruleset: RuleSet) -> None:
    assert score(130, ruleset) == 0
    assert score(100, ruleset, has_external_services=False) == 0


# --- departments without external services ---------------------------------------------------------------


def test_department_without_services_is_scored_on_75(
    make_site: SiteFactory, today: D, heavy_links: RuleSet
) -> None:
    site = make_site(
        links=broken_elsewhere(30),
        offers_services=False,
        guides=(),
        systems=(ServiceSystemEvidence("x", "/x/", works=False),),
    )
    verdict = evaluate(site, today, heavy_links, has_external_services=False)
    assert not any(finding.rule in SERVICE_RULES for finding in verdict.findings)
    assert verdict.deductions == {"broken_links": 15.0}
    assert verdict.score == 80.0  # (75 − 15) × 4/3
    assert verdict.to_dict()["has_external_services"] is False
    # The same site offering services would be vetoed for offering none.
    assert [finding.rule for finding in evaluate(site, today, heavy_links).vetoes] == [
        "services_not_practical"
    ]


@pytest.mark.parametrize(("deducted", "expected"), [(0, 100), (15, 80), (30, 60), (30.75, 59)])
def test_department_scale(ruleset: RuleSet, deducted: float, expected: float) -> None:
    assert score(deducted, ruleset, has_external_services=False) == expected


# --- what was not checked --------------------------------------------------------------------------------


def test_unchecked_items_are_listed_not_deducted(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    unchecked = (
        Unchecked("page", f"{HOME}calendar/2099.html", "疑似爬虫陷阱（日历无限翻页）"),
        Unchecked("link", f"{HOME}big.zip", "文件超过 5 MB"),
    )
    verdict = evaluate(make_site(unchecked=unchecked), today, ruleset)
    assert verdict.unchecked == unchecked
    assert (verdict.score, verdict.band, verdict.findings) == (100, "合格", ())
    data = verdict.to_dict()
    assert data["unchecked_label"] == "未能检查"
    assert data["unchecked"][0] == {
        "what": "page",
        "url": f"{HOME}calendar/2099.html",
        "reason": "疑似爬虫陷阱（日历无限翻页）",
    }


def test_a_site_that_could_not_be_reached(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    verdict = evaluate(make_site(reachable=False), today, ruleset)
    assert not verdict.vetoes  # nothing was seen: warnings, not vetoes
    assert {finding.severity for finding in verdict.findings} == {Severity.WARNING}
    assert "site_unreachable" in {finding.rule for finding in verdict.findings}


# --- order, JSON, calendar ---------------------------------------------------------------------------------


def test_findings_are_ordered_vetoes_first(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    site = make_site(
        links=broken_elsewhere(2),
        channels=(),
        homepage_items=(),
        probes=(),
    )
    verdict = evaluate(site, today, ruleset)
    severities = [finding.severity for finding in verdict.findings]
    assert severities == sorted(severities, key=list(Severity).index)
    assert [finding.rule for finding in verdict.vetoes] == ["homepage_not_updated", "poor_interaction"]
    codes = [code for code, _ in RULES]
    deductions = [finding.rule for finding in verdict.findings if finding.severity is Severity.DEDUCTION]
    assert deductions == sorted(deductions, key=codes.index)


def test_json_round_trip_of_a_busy_verdict(
    make_site: SiteFactory, today: D, ruleset: RuleSet, checked_at: datetime.datetime
) -> None:
    site = make_site(
        links=broken_elsewhere(3),
        homepage_items=(),
        content_flags=(
            ContentFlag(
                HOME, ContentRisk.GAMBLING, "凯时", terms=("凯时",), concealment=Concealment.SAME_COLOUR
            ),
        ),
        letters=(LetterEvidence("领导信箱", ChannelKind.CONSULTATION, asked=D(2023, 1, 1)),),
        unchecked=(Unchecked("page", f"{HOME}x", "超时（15秒）"),),
    )
    verdict = evaluate(site, today, ruleset)
    text = json.dumps(verdict.to_dict(), ensure_ascii=False, sort_keys=True)
    again = Verdict.from_dict(json.loads(text))
    assert again == verdict  # evidence is plain JSON already: nothing changes shape on the way
    assert json.dumps(again.to_dict(), ensure_ascii=False, sort_keys=True) == text
    data = verdict.to_dict()
    assert data["schema_version"] == 1
    assert data["checked_at"] == checked_at.isoformat() and data["date"] == "2024-06-15"
    assert set(data) == {
        "schema_version",
        "site",
        "checked_at",
        "date",
        "ruleset",
        "has_external_services",
        "result",
        "passed",
        "vetoed",
        "score",
        "deducted",
        "deductions",
        "full_marks",
        "pass_line",
        "vetoes",
        "findings",
        "unchecked_label",
        "unchecked",
    }


def test_unknown_schema_version_is_refused(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    data = evaluate(make_site(), today, ruleset).to_dict()
    data["schema_version"] = 2
    with pytest.raises(ValueError, match="schema_version 2"):
        Verdict.from_dict(data)


def test_working_days_reach_the_answer_rule(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    letters = (
        LetterEvidence("领导信箱", ChannelKind.CONSULTATION, asked=D(2024, 5, 1), answered=D(2024, 5, 20)),
    )
    site = make_site(letters=letters)
    assert evaluate(site, today, ruleset).findings == ()  # 19 calendar days
    everything_is_a_holiday = evaluate(site, today, ruleset, working_days=lambda start, end: 99)
    assert [finding.rule for finding in everything_is_a_holiday.findings] == ["slow_answers"]


def test_a_site_failing_everything_round_trips(
    make_site: SiteFactory,
    make_probes: Callable[..., tuple],
    make_body: Callable[..., str],
    today: D,
    ruleset: RuleSet,
) -> None:
    body = make_body(3, 40)
    site = make_site(
        probes=make_probes(per_day=10),
        homepage_items=(ItemEvidence("旧闻", url=f"{HOME}old.html", published=ago(today, 40)),),
        columns=tuple(ColumnEvidence(f"empty{n}", f"空栏目{n}", ColumnKind.OTHER, 0, None) for n in range(5)),
        links=broken_elsewhere(2),
        channels=(),
        letters=(LetterEvidence("领导信箱", ChannelKind.CONSULTATION, asked=D(2024, 1, 2)),),
        guides=tuple(
            ServiceGuideEvidence(
                f"事项{n}",
                f"/bszn/{n}.html",
                KEY_GUIDE_ELEMENTS - {GuideElement.BASIS},
                dead_forms=(f"/f{n}.doc",),
            )
            for n in range(10)
        ),
        systems=tuple(ServiceSystemEvidence(f"系统{n}", f"/xt/{n}/", works=False) for n in range(5)),
        content_flags=(
            ContentFlag(HOME, ContentRisk.GAMBLING, "凯时", terms=("凯时",), concealment=Concealment.HIDDEN),
            ContentFlag(HOME, ContentRisk.IMPROPER_SPEECH, "今天心情非常的不好!", terms=("心情非常的不好",)),
        ),
        articles=(
            ArticleEvidence(
                f"{HOME}a1.html",
                "甲",
                D(2023, 5, 6),
                "2023年5月6日，张三出席。" + body,
                written=D(2023, 5, 1),
                signed=D(2023, 5, 2),
            ),
            ArticleEvidence(f"{HOME}a2.html", "乙", D(2024, 5, 6), "2024年5月6日，李四出席。" + body),
        ),
        unchecked=(Unchecked("page", f"{HOME}x.html", "超时（15秒）"),),
    )
    verdict = evaluate(site, today, ruleset)
    assert {finding.rule for finding in verdict.findings} == {code for code, _ in RULES} - {
        "homepage_availability"
    }
    assert [finding.rule for finding in verdict.vetoes] == [
        "homepage_not_updated",
        "columns_not_updated",
        "security_serious_error",
        "poor_interaction",
        "services_not_practical",
    ]
    assert verdict.score is None and verdict.deducted > 0
    again = round_trip(verdict)
    assert again == verdict
    assert again.to_dict() == verdict.to_dict()
