"""What one site's crawl has seen and still has to do; no I/O, so every rule here is a plain test.

Links found on a page split three ways:
- pages of the site → crawled breadth-first, within the depth and page caps, traps left out;
- external links, attachments and images → checked once each (HEAD/GET, no body), within a budget;
- everything else (mailto:, javascript:, stylesheets) → ignored.

Memory stays flat with site size: no page body is kept, and a link's `found_on` pages are references to
URL strings the frontier holds anyway. Referrers of a site page are kept only until it is fetched, and
then only if it failed (a broken page is reported with every page that links to it).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from govsite.indicators.inspection import LinkEvidence, LinkKind, LinkProblem, Unchecked

from .fetch import FetchResult
from .limits import MIB, CrawlLimits
from .traps import TrapDetector
from .urls import PageResolver, host_of, is_attachment, is_image, normalise, same_site, site_key

# Tags as extract.links.LinkSource names them ("a", "area", "onclick", "iframe", "img", "stylesheet").
IMAGE_TAGS = frozenset({"img", "image", "input", "picture", "source"})
# Page resources, not links a visitor follows: bulletins count links that do not open, not stylesheets.
RESOURCE_TAGS = frozenset({"stylesheet", "link", "script"})


@dataclass(slots=True)
class _Link:
    """A link to check (or a site page that failed), with every page it was found on."""

    kind: LinkKind
    external: bool
    found_on: list[str] = field(default_factory=list)
    on_homepage: bool = False
    checked: bool = False
    problem: LinkProblem | None = None
    status: int | None = None

    def found(self, page: str, on_homepage: bool) -> None:
        if not self.found_on or self.found_on[-1] != page:  # one page, one mention
            self.found_on.append(page)
        self.on_homepage = self.on_homepage or on_homepage


@dataclass(slots=True)
class _Skipped:
    """URLs left out for one reason: counted, one example reported."""

    reason: str
    example: str = ""
    count: int = 0

    def add(self, url: str) -> None:
        self.example = self.example or url
        self.count += 1


class Frontier:
    def __init__(self, start_url: str, limits: CrawlLimits, today: datetime.date | None = None) -> None:
        self.limits = limits
        self.start_url = normalise(start_url, start_url) or start_url
        self.site = site_key(host_of(self.start_url))
        self.homepage_urls = {self.start_url}
        self.traps = TrapDetector(limits, today)
        self._seen: set[str] = {self.start_url}  # site pages admitted, trapped or skipped
        self._fetched: set[str] = set()  # final URLs of pages fetched, to drop redirect duplicates
        self._referrers: dict[str, list[str]] = {self.start_url: []}  # admitted, not yet fetched
        self._broken_pages: dict[str, _Link] = {}
        self._links: dict[str, _Link] = {}
        self.pages_admitted = 1
        self._page_cap = _Skipped(f"已达每站 {limits.max_pages} 页上限，其余页面未检查")
        self._depth_cap = _Skipped(f"已达最大抓取深度 {limits.max_depth} 层，更深的页面未检查")
        self._link_cap = _Skipped(f"已达每站 {limits.max_link_checks} 个链接检查上限，其余链接未检查")
        self._too_large: list[str] = []
        self._unreadable: list[Unchecked] = []

    def admit_links(
        self, page: str, depth: int, links: Iterable[tuple[str, str]]
    ) -> tuple[list[tuple[str, int]], list[str]]:
        """Record the links of `page` (its final URL); return new pages to fetch and new links to check."""
        pages: list[tuple[str, int]] = []
        checks: list[str] = []
        on_homepage = page in self.homepage_urls
        resolve = PageResolver(page)
        for href, tag in links:
            if tag in RESOURCE_TAGS:
                continue
            url = resolve(href)
            if url is None or url == page:
                continue
            # Most links were seen before (menus repeat on every page): settle those first, cheaply.
            if url in self._seen:
                self._referred_again(url, page)
            elif (link := self._links.get(url)) is not None:
                link.found(page, on_homepage)
            else:
                image = tag in IMAGE_TAGS or is_image(url)
                if not image and same_site(url, self.site) and not is_attachment(url):
                    if self._admit_page(url, page, depth + 1):
                        pages.append((url, depth + 1))
                elif self._admit_check(url, page, on_homepage, image):
                    checks.append(url)
        return pages, checks

    def _referred_again(self, url: str, referrer: str) -> None:
        if (pending := self._referrers.get(url)) is not None:
            if not pending or pending[-1] != referrer:
                pending.append(referrer)
        elif (broken := self._broken_pages.get(url)) is not None:
            broken.found(referrer, referrer in self.homepage_urls)

    def _admit_page(self, url: str, referrer: str, depth: int) -> bool:
        self._seen.add(url)
        if self.traps.check(url) is not None:
            return False
        if depth > self.limits.max_depth:
            self._depth_cap.add(url)
            return False
        if self.pages_admitted >= self.limits.max_pages:
            self._page_cap.add(url)
            return False
        self.pages_admitted += 1
        self._referrers[url] = [referrer]
        return True

    def _admit_check(self, url: str, page: str, on_homepage: bool, image: bool) -> bool:
        if len(self._links) >= self.limits.max_link_checks:
            self._link_cap.add(url)
            return False
        kind = LinkKind.IMAGE if image else LinkKind.ATTACHMENT if is_attachment(url) else LinkKind.PAGE
        link = self._links[url] = _Link(kind, external=not same_site(url, self.site))
        link.found(page, on_homepage)
        return True

    def page_fetched(self, url: str, result: FetchResult) -> str | None:
        """Record a site page's fetch. Returns the URL to read its links against (its final URL), or
        None when there is nothing to read: it failed, is not HTML, left the site, or was read already."""
        referrers = self._referrers.pop(url, [])
        final = normalise(result.final_url, result.final_url) or result.final_url
        if url == self.start_url and final != url:
            self.homepage_urls.add(final)
            self.site = site_key(host_of(final))  # the site lives where its homepage redirects
        if result.error is LinkProblem.TOO_LARGE:
            self._too_large.append(url)
        elif result.error is not None:
            if url == self.start_url:
                reason = f"首页无法打开（{result.error_detail}），全站未检查"
                self._unreadable.append(Unchecked(what="homepage", url=url, reason=reason))
            broken = self._broken_pages[url] = _Link(LinkKind.PAGE, external=False)
            broken.problem, broken.status = result.error, result.status
            for referrer in referrers:
                broken.found(referrer, referrer in self.homepage_urls)
            return None
        if final in self._fetched or result.text is None or not same_site(final, self.site):
            return None
        self._fetched.add(final)
        self._seen.add(final)  # a redirect target is not fetched again when linked directly
        return final

    def page_unreadable(self, url: str, reason: str) -> None:
        self._unreadable.append(Unchecked(what="page", url=url, reason=reason))

    def link_checked(self, url: str, result: FetchResult) -> None:
        link = self._links[url]
        link.checked, link.problem, link.status = True, result.error, result.status

    def evidence(self) -> tuple[LinkEvidence, ...]:
        """Every link checked (opened or not) and every site page that failed to open."""
        checked = [(url, link) for url, link in self._links.items() if link.checked]
        return tuple(_evidence(url, link) for url, link in [*self._broken_pages.items(), *checked])

    def unchecked(self) -> tuple[Unchecked, ...]:
        size = f"{self.limits.max_bytes / MIB:g}"
        found: list[Unchecked] = [
            Unchecked(what="page", url=url, reason=f"页面超过 {size} MB，未检查") for url in self._too_large
        ]
        found += self._unreadable
        found += self.traps.unchecked()
        for skipped, what in (
            (self._depth_cap, "pages"),
            (self._page_cap, "pages"),
            (self._link_cap, "links"),
        ):
            if skipped.count:
                found.append(Unchecked(what=what, url=skipped.example, reason=skipped.reason))
        found += [
            Unchecked(what="link", url=url, reason="未能完成检查")
            for url, link in self._links.items()
            if not link.checked
        ]
        return tuple(found)

    def link_kind(self, url: str) -> LinkKind:
        return self._links[url].kind


def _evidence(url: str, link: _Link) -> LinkEvidence:
    return LinkEvidence(
        url=url,
        found_on=tuple(link.found_on),
        problem=link.problem,
        status=link.status,
        kind=link.kind,
        external=link.external,
        on_homepage=link.on_homepage,
    )
