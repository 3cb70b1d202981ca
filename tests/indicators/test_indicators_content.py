"""Veto 严重错误 (security), improper content, and the 成文日期 / signature accuracy warning."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence, Unchecked
from govsite.indicators.inspection import ArticleEvidence, Concealment, ContentFlag, ContentRisk
from govsite.indicators.rules import improper_content, metadata_inaccurate, security_serious_error

SiteFactory = Callable[..., SiteEvidence]
Rule = Callable[[SiteEvidence, datetime.date, RuleSet], list[Finding]]
D = datetime.date


def flag(
    risk: ContentRisk,
    *,
    url: str = "/index.html",
    score: float = 0.95,
    concealment: Concealment = Concealment.VISIBLE,
    terms: tuple[str, ...] = (),
) -> ContentFlag:
    return ContentFlag(url=url, risk=risk, excerpt="……", terms=terms, concealment=concealment, score=score)


@pytest.fixture
def check(make_site: SiteFactory, today: D, ruleset: RuleSet) -> Callable[..., list[Finding]]:
    def check(rule: Rule, **changes: object) -> list[Finding]:
        return rule(make_site(**changes), today, ruleset)

    return check


@pytest.mark.parametrize(
    "risk",
    [
        ContentRisk.GAMBLING,
        ContentRisk.PORN,
        ContentRisk.REACTIONARY,
        ContentRisk.INJECTED_LINK,
        ContentRisk.JS_REDIRECT,
        ContentRisk.DEFACEMENT,
    ],
)
def test_each_veto_risk_vetoes(check: Callable[..., list[Finding]], risk: ContentRisk) -> None:
    (finding,) = check(security_serious_error.rule, content_flags=(flag(risk),))
    assert (finding.rule, finding.severity) == ("security_serious_error", Severity.VETO)


@pytest.mark.parametrize(("score", "severity"), [(0.8, Severity.VETO), (0.79, Severity.WARNING)])
def test_confidence_threshold(check: Callable[..., list[Finding]], score: float, severity: Severity) -> None:
    (finding,) = check(security_serious_error.rule, content_flags=(flag(ContentRisk.GAMBLING, score=score),))
    assert finding.severity is severity
    if severity is Severity.WARNING:
        assert "请人工复核" in finding.summary


def test_hidden_gambling_spam_names_pages_terms_and_concealment(check: Callable[..., list[Finding]]) -> None:
    flags = (
        flag(
            ContentRisk.GAMBLING, url="/index.html", terms=("k8凯发", "凯时"), concealment=Concealment.HIDDEN
        ),
        flag(
            ContentRisk.INJECTED_LINK,
            url="/index.html",
            terms=("http://k8.example.com/",),
            concealment=Concealment.OFFSCREEN,
        ),
        flag(ContentRisk.GAMBLING, url="/xxgk/1.html", terms=("凯时",), concealment=Concealment.HIDDEN),
        flag(ContentRisk.IMPROPER_SPEECH, url="/index.html"),  # not a veto risk
    )
    (finding,) = check(security_serious_error.rule, content_flags=flags)
    assert finding.summary.startswith(
        "严重错误（安全）：发现涉赌内容 2 处、被植入的外部链接 1 处，涉及页面 2 个"
    )
    assert "其中对访客隐藏：隐藏显示（display:none 等） 2 处、移出可视区域 1 处" in finding.summary
    assert [(entry["url"], entry["terms"], entry["concealment"]) for entry in finding.evidence] == [
        ("/index.html", ["k8凯发", "凯时"], "hidden"),
        ("/index.html", ["http://k8.example.com/"], "offscreen"),
        ("/xxgk/1.html", ["凯时"], "hidden"),
    ]


def test_sure_and_doubtful_flags_give_a_veto_and_a_warning(check: Callable[..., list[Finding]]) -> None:
    flags = (flag(ContentRisk.PORN), flag(ContentRisk.GAMBLING, url="/x.html", score=0.4))
    assert [finding.severity for finding in check(security_serious_error.rule, content_flags=flags)] == [
        Severity.VETO,
        Severity.WARNING,
    ]


def test_content_not_scanned_is_a_warning(check: Callable[..., list[Finding]]) -> None:
    (finding,) = check(security_serious_error.rule, unchecked=(Unchecked("content", "/", "页面超过 5 MB"),))
    assert finding.severity is Severity.WARNING and "页面超过 5 MB" in finding.summary


def test_a_province_may_veto_spam(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    edition = ruleset.with_overrides(
        {
            "security_serious_error": {"risks": [*ruleset.security_serious_error.risks, "spam"]},
            "improper_content": {"risks": ["improper_speech"]},
        }
    )
    site = make_site(content_flags=(flag(ContentRisk.SPAM),))
    assert security_serious_error.rule(site, today, ruleset) == []
    assert [finding.severity for finding in security_serious_error.rule(site, today, edition)] == [
        Severity.VETO
    ]


# --- improper content -----------------------------------------------------------------------------------


def test_improper_speech_is_a_warning_by_default(check: Callable[..., list[Finding]]) -> None:
    outburst = flag(ContentRisk.IMPROPER_SPEECH, terms=("今天心情非常的不好",))
    (finding,) = check(improper_content.rule, content_flags=(outburst, flag(ContentRisk.GAMBLING)))
    assert (finding.rule, finding.severity, finding.points) == ("improper_content", Severity.WARNING, 0.0)
    assert "不当言论 1 处" in finding.summary and len(finding.evidence) == 1


def test_improper_speech_can_deduct(make_site: SiteFactory, today: D, ruleset: RuleSet) -> None:
    edition = ruleset.with_overrides({"improper_content": {"points_each": 1, "max_points": 2}})
    flags = tuple(flag(ContentRisk.IMPROPER_SPEECH, url=f"/{n}.html") for n in range(3))
    (finding,) = improper_content.rule(make_site(content_flags=flags), today, edition)
    assert (finding.severity, finding.points) == (Severity.DEDUCTION, 2.0)


def test_low_confidence_improper_speech_is_ignored(check: Callable[..., list[Finding]]) -> None:
    assert check(improper_content.rule, content_flags=(flag(ContentRisk.IMPROPER_SPEECH, score=0.49),)) == []


# --- metadata accuracy ----------------------------------------------------------------------------------


def test_written_and_signed_dates_that_disagree(check: Callable[..., list[Finding]]) -> None:
    # The real case: gov.cn content_5351624, 国办函〔2004〕36号 (realdata/gov_cn_policy_2019/ground_truth.jsonl).
    real = ArticleEvidence(
        url="http://www.gov.cn/zhengce/content/2018-12/24/content_5351624.htm",
        title="国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函",
        published=D(2018, 12, 24),
        text="……",
        written=D(2004, 4, 17),
        signed=D(2004, 4, 27),
    )
    agreeing = ArticleEvidence(
        "/b.html", "一致", D(2024, 1, 2), "……", written=D(2024, 1, 1), signed=D(2024, 1, 1)
    )
    partial = ArticleEvidence("/c.html", "无落款", D(2024, 1, 2), "……", written=D(2024, 1, 1))
    (finding,) = check(metadata_inaccurate.rule, articles=(agreeing, real, partial))
    assert (finding.rule, finding.severity) == ("metadata_inaccurate", Severity.WARNING)
    assert finding.summary.startswith("元数据不准确：1 篇文件的成文日期与正文落款日期不一致")
    assert "成文日期 2004-04-17，落款日期 2004-04-27" in finding.summary
    assert finding.evidence[0]["days_apart"] == 10


def test_no_dates_no_finding(check: Callable[..., list[Finding]]) -> None:
    assert check(metadata_inaccurate.rule) == []
