"""Deduction 链接可用性 (SPEC §3a): links that do not open, grouped by root cause.

One broken URL is one problem however many pages carry it: a template link repeated on 1,000 pages
is fixed once (a real 2024 bulletin counted 1,000+ broken links from one bad image reference). A
whole host that fails (no DNS record, a bad certificate, refused connections — the kinds listed in
the rule set's `host_problems`) is one problem too, however many of its URLs are linked. A problem
seen on the homepage is counted at the homepage rate, any other at the lower rate (commonly quoted
1 and 0.1 points, unverified), and the item never deducts more than its total.

Attachments count here as links (the tables count "链接（包括图片、附件）"); a dead download also
costs points under `dead_attachments`, as the census counted it under both items.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..findings import Finding
from ..inspection import LinkEvidence, LinkProblem, SiteEvidence
from ..ruleset import RuleSet
from .common import deduction, number, points, sample

RULE = "broken_links"

PROBLEM_LABELS: dict[LinkProblem, str] = {
    LinkProblem.HTTP_CLIENT_ERROR: "4xx 页面不存在或拒绝访问",
    LinkProblem.HTTP_SERVER_ERROR: "5xx 服务器错误",
    LinkProblem.TIMEOUT: "访问超时",
    LinkProblem.DNS: "域名无法解析",
    LinkProblem.TLS: "证书或加密连接错误",
    LinkProblem.CONNECTION: "无法建立连接",
    LinkProblem.TOO_MANY_REDIRECTS: "重定向过多",
    LinkProblem.TOO_LARGE: "文件过大无法打开",
}


@dataclass
class Cause:
    """One root cause: a broken URL, or a host that fails for every URL linked on it."""

    key: tuple[str, str, str]
    problem: LinkProblem
    host: str
    urls: dict[str, None] = field(default_factory=dict)  # ordered set of the broken URLs
    statuses: set[int] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    pages: dict[str, None] = field(default_factory=dict)  # ordered set of the pages linking to it
    on_homepage: bool = False
    external: bool = False

    @property
    def by_host(self) -> bool:
        return self.key[0] == "host"

    def as_evidence(self) -> dict[str, object]:
        return {
            "cause": self.key[0],
            "url": None if self.by_host else next(iter(self.urls)),
            "host": self.host,
            "problem": self.problem.value,
            "problem_label": PROBLEM_LABELS[self.problem],
            "status": sorted(self.statuses),
            "kinds": sorted(self.kinds),
            "on_homepage": self.on_homepage,
            "external": self.external,
            "links": len(self.urls),
            "urls_sample": sample(self.urls),
            "pages": len(self.pages),
            "pages_sample": sample(self.pages),
        }


def group_causes(
    links: Iterable[LinkEvidence], homepage: str, host_problems: frozenset[LinkProblem]
) -> list[Cause]:
    """Broken links grouped by root cause: homepage causes first, then the most widespread."""
    causes: dict[tuple[str, str, str], Cause] = {}
    for link in links:
        problem = link.problem
        if problem is None:
            continue
        host = (urlsplit(link.url).hostname or "").lower()
        key = (
            ("host", host, problem.value)
            if problem in host_problems and host
            else ("url", link.url, problem.value)
        )
        cause = causes.get(key)
        if cause is None:
            cause = causes[key] = Cause(key=key, problem=problem, host=host)
        cause.urls[link.url] = None
        if link.status is not None:
            cause.statuses.add(link.status)
        cause.kinds.add(link.kind.value)
        cause.pages.update(dict.fromkeys(link.found_on))
        cause.on_homepage = cause.on_homepage or link.on_homepage or homepage in link.found_on
        cause.external = cause.external or link.external
    return sorted(causes.values(), key=lambda cause: (not cause.on_homepage, -len(cause.pages), cause.key))


def rule(site: SiteEvidence, today: datetime.date, ruleset: RuleSet) -> list[Finding]:
    numbers = ruleset.broken_links
    causes = group_causes(site.links, site.url, numbers.host_problems)
    if not causes:
        return []
    on_homepage = sum(cause.on_homepage for cause in causes)
    elsewhere = len(causes) - on_homepage
    raw = on_homepage * numbers.homepage_points + elsewhere * numbers.other_points
    amount = points(raw, 1, numbers.max_points)
    urls = sum(len(cause.urls) for cause in causes)
    pages = len({page for cause in causes for page in cause.pages})
    widest = causes[0] if causes[0].on_homepage else max(causes, key=lambda cause: len(cause.pages))
    cost = (
        f"扣 {number(amount)} 分（首页每处扣 {number(numbers.homepage_points)} 分、其他页面每处扣 "
        f"{number(numbers.other_points)} 分，本项最多扣 {number(numbers.max_points)} 分）"
        if amount > 0
        else "本版本指标不扣分"
    )
    summary = (
        f"链接不可用：发现 {len(causes)} 处问题（首页 {on_homepage} 处、其他页面 {elsewhere} 处），"
        f"涉及失效链接 {urls} 个、页面 {pages} 个，{cost}。同一失效地址出现在多个页面只计一处："
        f"如 {_where(widest)}，修复一次即可消除。"
    )
    return [deduction(RULE, summary, [cause.as_evidence() for cause in causes], amount)]


def _where(cause: Cause) -> str:
    target = f"域名 {cause.host}" if cause.by_host else next(iter(cause.urls))
    place = "首页等" if cause.on_homepage else ""
    return f"{target}（{PROBLEM_LABELS[cause.problem]}）出现在{place} {len(cause.pages)} 个页面"
