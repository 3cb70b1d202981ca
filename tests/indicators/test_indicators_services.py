"""Veto 服务不实用 and the service items: guides (2 points per missing category), attachments, systems."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence, Unchecked
from govsite.indicators.inspection import (
    KEY_GUIDE_ELEMENTS,
    GuideElement,
    LinkEvidence,
    LinkKind,
    LinkProblem,
    ServiceGuideEvidence,
    ServiceSystemEvidence,
)
from govsite.indicators.rules import (
    dead_attachments,
    dead_online_systems,
    service_guides_incomplete,
    services_not_practical,
)
from govsite.indicators.rules.services_not_practical import in_bulk

SiteFactory = Callable[..., SiteEvidence]
Rule = Callable[[SiteEvidence, datetime.date, RuleSet], list[Finding]]


def guides(
    total: int, incomplete: int, *, missing: frozenset[GuideElement] = frozenset({GuideElement.BASIS})
) -> tuple[ServiceGuideEvidence, ...]:
    return tuple(
        ServiceGuideEvidence(
            f"事项{n}",
            f"/bszn/{n}.html",
            KEY_GUIDE_ELEMENTS - missing if n < incomplete else KEY_GUIDE_ELEMENTS,
        )
        for n in range(total)
    )


def systems(total: int, dead: int) -> tuple[ServiceSystemEvidence, ...]:
    return tuple(
        ServiceSystemEvidence(
            f"系统{n}", f"/xt/{n}/", works=n >= dead, problem="http 502" if n < dead else ""
        )
        for n in range(total)
    )


@pytest.fixture
def check(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Callable[..., list[Finding]]:
    def check(rule: Rule, **changes: object) -> list[Finding]:
        return rule(make_site(**changes), today, ruleset)

    return check


def severities(findings: list[Finding]) -> list[Severity]:
    return [finding.severity for finding in findings]


# --- veto ----------------------------------------------------------------------------------------------


def test_no_services_is_a_veto(check: Callable[..., list[Finding]]) -> None:
    (finding,) = check(services_not_practical.rule, offers_services=False)
    assert finding.severity is Severity.VETO
    assert "网站未提供办事服务" in finding.summary


@pytest.mark.parametrize(
    ("total", "incomplete", "fires"),
    [
        (100, 9, False),  # under 10 and under 30%
        (100, 10, True),  # 10 or more: bulk whatever the share
        (10, 3, True),  # 30% with at least 3
        (11, 3, False),  # 27%
        (6, 2, False),  # 33%, but fewer than 3 guides
        (1, 1, False),  # one bad guide is not "in bulk"
    ],
)
def test_guides_in_bulk(
    check: Callable[..., list[Finding]], total: int, incomplete: int, fires: bool
) -> None:
    findings = check(services_not_practical.rule, guides=guides(total, incomplete))
    assert severities(findings) == ([Severity.VETO] if fires else [])
    if fires:
        assert f"抽查办事指南 {total} 个，{incomplete} 个缺少关键要素" in findings[0].summary


@pytest.mark.parametrize(
    ("total", "dead", "fires"),
    [(100, 4, False), (100, 5, True), (4, 2, True), (5, 2, False), (1, 1, True), (2, 1, True), (3, 1, False)],
)
def test_dead_systems_in_bulk(
    check: Callable[..., list[Finding]], total: int, dead: int, fires: bool
) -> None:
    findings = check(services_not_practical.rule, systems=systems(total, dead))
    assert severities(findings) == ([Severity.VETO] if fires else [])


def test_bulk_share_is_compared_with_a_tolerance() -> None:
    # 0.55 × 100 is 55.00000000000001 in binary floating point; 55 of 100 must still be 55%.
    assert 0.55 * 100 > 55
    assert in_bulk(55, 100, bulk_count=999, share=0.55, floor=1)
    assert not in_bulk(54, 100, bulk_count=999, share=0.55, floor=1)


def test_a_stricter_bulk_reading(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> None:
    stricter = ruleset.tightened(services_not_practical={"guides_bulk_count": 5})
    site = make_site(guides=guides(100, 5))
    assert services_not_practical.rule(site, today, ruleset) == []
    assert severities(services_not_practical.rule(site, today, stricter)) == [Severity.VETO]


def test_services_undetermined_is_a_warning(check: Callable[..., list[Finding]]) -> None:
    (finding,) = check(services_not_practical.rule, offers_services=None, guides=(), systems=())
    assert finding.severity is Severity.WARNING
    assert "未能确定网站是否提供办事服务" in finding.summary
    assert check(services_not_practical.rule, offers_services=None) == []  # guides found: services exist


@pytest.mark.parametrize("area", ["services", "guides", "systems"])
def test_services_not_checked_is_a_warning(check: Callable[..., list[Finding]], area: str) -> None:
    (finding,) = check(
        services_not_practical.rule, unchecked=(Unchecked(area, "/bsfw/", "办事大厅为外部平台"),)
    )
    assert finding.severity is Severity.WARNING
    assert "办事大厅为外部平台" in finding.summary


# --- deduction: guides ---------------------------------------------------------------------------------


def test_two_points_per_missing_category_not_per_guide(check: Callable[..., list[Finding]]) -> None:
    site_guides = guides(5, 3, missing=frozenset({GuideElement.BASIS})) + guides(
        1, 1, missing=frozenset({GuideElement.BASIS, GuideElement.HOURS})
    )
    (finding,) = check(service_guides_incomplete.rule, guides=site_guides)
    assert (finding.severity, finding.points) == (Severity.DEDUCTION, 4.0)
    assert "抽查办事指南 6 个，4 个缺少关键要素，共缺 2 类（设定依据、办理时间），扣 4 分" in finding.summary
    assert [(entry["element"], entry["guides"]) for entry in finding.evidence] == [("basis", 4), ("hours", 1)]


def test_all_eight_categories_is_sixteen_at_most(
    check: Callable[..., list[Finding]], ruleset: RuleSet
) -> None:
    assert (
        ruleset.service_guides_incomplete.points_per_element,
        ruleset.service_guides_incomplete.max_points,
    ) == (2, 16)
    (finding,) = check(service_guides_incomplete.rule, guides=guides(1, 1, missing=KEY_GUIDE_ELEMENTS))
    assert finding.points == 16
    assert "共缺 8 类" in finding.summary


def test_other_elements_are_not_key(check: Callable[..., list[Finding]]) -> None:
    no_fees = ServiceGuideEvidence("事项", "/x.html", KEY_GUIDE_ELEMENTS)  # no fees, time limit, forms
    assert check(service_guides_incomplete.rule, guides=(no_fees,)) == []


def test_cap_is_data(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> None:
    edition = ruleset.with_overrides({"service_guides_incomplete": {"max_points": 6}})
    (finding,) = service_guides_incomplete.rule(
        make_site(guides=guides(1, 1, missing=KEY_GUIDE_ELEMENTS)), today, edition
    )
    assert finding.points == 6


# --- deduction: attachments and systems ----------------------------------------------------------------


def test_dead_attachments_are_counted_once_per_url(check: Callable[..., list[Finding]]) -> None:
    links = (
        LinkEvidence(
            "/files/form1.doc",
            found_on=("/a.html", "/b.html"),
            problem=LinkProblem.HTTP_CLIENT_ERROR,
            status=404,
            kind=LinkKind.ATTACHMENT,
        ),
        LinkEvidence("/files/ok.doc", found_on=("/a.html",), kind=LinkKind.ATTACHMENT),
        LinkEvidence("/page-gone.html", found_on=("/a.html",), problem=LinkProblem.HTTP_CLIENT_ERROR),
    )
    guide = ServiceGuideEvidence(
        "事项", "/bszn/1.html", KEY_GUIDE_ELEMENTS, dead_forms=("/files/form1.doc", "/files/form2.doc")
    )
    (finding,) = check(dead_attachments.rule, links=links, guides=(guide,))
    assert (finding.severity, finding.points) == (Severity.DEDUCTION, 2.0)
    assert "2 个表格或文件附件无法正常下载" in finding.summary
    first = finding.evidence[0]
    assert (first["url"], first["status"], first["pages"], first["guides"]) == ("/files/form1.doc", 404, 2, 1)


def test_dead_attachments_capped(check: Callable[..., list[Finding]]) -> None:
    guide = ServiceGuideEvidence(
        "事项", "/bszn/1.html", KEY_GUIDE_ELEMENTS, dead_forms=tuple(f"/f{n}.doc" for n in range(5))
    )
    (finding,) = check(dead_attachments.rule, guides=(guide,))
    assert finding.points == 4  # 1 each, at most 4


@pytest.mark.parametrize(("dead", "points"), [(0, None), (1, 2.0), (2, 4.0), (3, 5.0)])
def test_dead_systems_points(check: Callable[..., list[Finding]], dead: int, points: float | None) -> None:
    findings = check(dead_online_systems.rule, systems=systems(10, dead))
    assert [finding.points for finding in findings] == ([] if points is None else [points])
