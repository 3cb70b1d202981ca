"""Deduction 链接可用性: grouped by root cause, homepage counted apart, capped."""

import datetime
from collections.abc import Callable

import pytest

from govsite.indicators import Finding, RuleSet, Severity, SiteEvidence
from govsite.indicators.inspection import LinkEvidence, LinkKind, LinkProblem
from govsite.indicators.rules import broken_links

SiteFactory = Callable[..., SiteEvidence]
HOME = "https://www.example.gov.cn/"


def broken(
    url: str,
    pages: int = 1,
    *,
    problem: LinkProblem = LinkProblem.HTTP_CLIENT_ERROR,
    home: bool = False,
    **extra: object,
) -> LinkEvidence:
    found_on = tuple(f"{HOME}p/{n}.html" for n in range(pages))
    return LinkEvidence(
        url=url,
        found_on=found_on,
        problem=problem,
        status=404 if problem is LinkProblem.HTTP_CLIENT_ERROR else None,
        on_homepage=home,
        **extra,
    )  # type: ignore[arg-type]


@pytest.fixture
def run(make_site: SiteFactory, today: datetime.date, ruleset: RuleSet) -> Callable[..., list[Finding]]:
    def run(*links: LinkEvidence) -> list[Finding]:
        return broken_links.rule(make_site(links=links), today, ruleset)

    return run


def test_working_links_no_finding(run: Callable[..., list[Finding]]) -> None:
    assert run(LinkEvidence(f"{HOME}a.html", found_on=(HOME,))) == []


def test_one_template_link_on_a_thousand_pages_is_one_problem(run: Callable[..., list[Finding]]) -> None:
    (finding,) = run(broken(f"{HOME}images/banner.png", pages=1000, kind=LinkKind.IMAGE))
    assert (finding.severity, finding.points) == (Severity.DEDUCTION, 0.1)
    assert "发现 1 处问题（首页 0 处、其他页面 1 处），涉及失效链接 1 个、页面 1000 个" in finding.summary
    (cause,) = finding.evidence
    assert (cause["cause"], cause["pages"], cause["links"], cause["kinds"]) == ("url", 1000, 1, ["image"])
    assert len(cause["pages_sample"]) == 10  # a sample, not 1,000 URLs


def test_homepage_links_cost_more(run: Callable[..., list[Finding]]) -> None:
    (finding,) = run(broken(f"{HOME}a.html", home=True), broken(f"{HOME}b.html"), broken(f"{HOME}c.html"))
    assert finding.points == 1.2
    assert "首页 1 处、其他页面 2 处" in finding.summary
    assert finding.evidence[0]["on_homepage"] is True


def test_homepage_is_recognised_from_found_on_too(run: Callable[..., list[Finding]]) -> None:
    link = LinkEvidence(
        f"{HOME}gone.html", found_on=(HOME, f"{HOME}x.html"), problem=LinkProblem.HTTP_SERVER_ERROR
    )
    (finding,) = run(link)
    assert finding.points == 1.0


def test_a_dead_host_is_one_cause(run: Callable[..., list[Finding]]) -> None:
    dead = [
        broken(f"http://old.example.org/{n}.html", problem=LinkProblem.DNS, external=True) for n in range(30)
    ]
    (finding,) = run(*dead, broken(f"{HOME}x.html"))
    assert finding.points == 0.2  # two causes, not 31
    host = next(entry for entry in finding.evidence if entry["cause"] == "host")
    assert (host["host"], host["links"], host["external"], host["url"]) == ("old.example.org", 30, True, None)


def test_404s_on_one_host_are_separate_causes(run: Callable[..., list[Finding]]) -> None:
    (finding,) = run(*(broken(f"{HOME}gone/{n}.html") for n in range(3)))
    assert finding.points == 0.3


def test_the_same_url_with_several_link_records_is_one_cause(run: Callable[..., list[Finding]]) -> None:
    (finding,) = run(broken(f"{HOME}x.pdf", kind=LinkKind.ATTACHMENT), broken(f"{HOME}x.pdf", pages=5))
    assert finding.points == 0.1
    assert finding.evidence[0]["kinds"] == ["attachment", "page"]


def test_capped(run: Callable[..., list[Finding]], ruleset: RuleSet) -> None:
    assert ruleset.broken_links.max_points == 5
    (finding,) = run(*(broken(f"{HOME}h{n}.html", home=True) for n in range(7)))
    assert finding.points == 5
    assert "本项最多扣 5 分" in finding.summary


@pytest.mark.parametrize(("count", "points"), [(49, 4.9), (50, 5.0), (51, 5.0)])
def test_cap_boundary_elsewhere(run: Callable[..., list[Finding]], count: int, points: float) -> None:
    (finding,) = run(*(broken(f"{HOME}o{n}.html") for n in range(count)))
    assert finding.points == points


def test_host_grouping_can_be_switched_off(
    make_site: SiteFactory, today: datetime.date, ruleset: RuleSet
) -> None:
    edition = ruleset.tightened(broken_links={"host_problems": []})
    site = make_site(
        links=tuple(broken(f"http://old.example.org/{n}.html", problem=LinkProblem.DNS) for n in range(3))
    )
    (finding,) = broken_links.rule(site, today, edition)
    assert finding.points == 0.3
