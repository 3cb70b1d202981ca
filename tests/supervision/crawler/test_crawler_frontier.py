"""The frontier's bookkeeping, without any network."""

import dataclasses

from govsite.indicators.inspection import LinkKind, LinkProblem
from govsite.supervision.crawler import CrawlLimits
from govsite.supervision.crawler.fetch import FetchResult
from govsite.supervision.crawler.frontier import Frontier

HOME = "http://www.example.gov.cn/"


def fetched(
    url: str, *, final: str | None = None, error: LinkProblem | None = None, status: int = 200
) -> FetchResult:
    return FetchResult(
        url=url, final_url=final or url, status=None if error else status, headers={}, content_type="text/html",
        text=None if error else "<html></html>", bytes_read=0, elapsed=0.01, error=error,
    )  # fmt: skip


def test_links_split_into_pages_checks_and_nothing():
    frontier = Frontier(HOME, CrawlLimits())
    frontier.page_fetched(HOME, fetched(HOME))
    pages, checks = frontier.admit_links(
        HOME, 0,
        [
            ("/news/", "a"), ("http://example.gov.cn/about.html", "a"),  # www variant: same site
            ("/files/表格.doc", "a"), ("/logo.png", "img"), ("http://other.gov.cn/", "a"),
            ("/style.css", "stylesheet"), ("mailto:x@example.gov.cn", "a"), ("#top", "a"),
            ("/news/", "a"),  # the same link twice on a page is one mention
        ],
    )  # fmt: skip
    assert pages == [("http://www.example.gov.cn/news/", 1), ("http://example.gov.cn/about.html", 1)]
    assert checks == [
        "http://www.example.gov.cn/files/%E8%A1%A8%E6%A0%BC.doc",
        "http://www.example.gov.cn/logo.png",
        "http://other.gov.cn/",
    ]
    assert [frontier.link_kind(url) for url in checks] == [LinkKind.ATTACHMENT, LinkKind.IMAGE, LinkKind.PAGE]


def test_broken_page_collects_referrers_before_and_after_it_failed():
    frontier = Frontier(HOME, CrawlLimits())
    frontier.page_fetched(HOME, fetched(HOME))
    frontier.admit_links(HOME, 0, [("/a.html", "a"), ("/b.html", "a"), ("/gone.html", "a")])
    frontier.page_fetched(HOME + "a.html", fetched(HOME + "a.html"))
    frontier.admit_links(HOME + "a.html", 1, [("/gone.html", "a"), ("/gone.html", "a")])
    frontier.page_fetched(
        HOME + "gone.html", fetched(HOME + "gone.html", error=LinkProblem.HTTP_CLIENT_ERROR)
    )
    frontier.page_fetched(HOME + "b.html", fetched(HOME + "b.html"))
    frontier.admit_links(HOME + "b.html", 1, [("/gone.html", "a")])
    (gone,) = frontier.evidence()
    assert gone.url == HOME + "gone.html"
    assert gone.found_on == (HOME, HOME + "a.html", HOME + "b.html")
    assert gone.on_homepage and gone.problem is LinkProblem.HTTP_CLIENT_ERROR


def test_link_budget_and_unfinished_checks_are_unchecked():
    frontier = Frontier(HOME, dataclasses.replace(CrawlLimits(), max_link_checks=2))
    frontier.page_fetched(HOME, fetched(HOME))
    _, checks = frontier.admit_links(HOME, 0, [(f"http://other{n}.gov.cn/", "a") for n in range(5)])
    assert len(checks) == 2
    frontier.link_checked(checks[0], fetched(checks[0]))
    reasons = [(u.what, u.url, u.reason) for u in frontier.unchecked()]
    assert reasons == [
        ("links", "http://other2.gov.cn/", "已达每站 2 个链接检查上限，其余链接未检查"),
        ("link", "http://other1.gov.cn/", "未能完成检查"),
    ]
    assert [link.url for link in frontier.evidence()] == ["http://other0.gov.cn/"]


def test_redirect_target_is_read_once():
    frontier = Frontier(HOME, CrawlLimits())
    frontier.page_fetched(HOME, fetched(HOME))
    frontier.admit_links(HOME, 0, [("/a", "a"), ("/a/", "a")])
    assert frontier.page_fetched(HOME + "a", fetched(HOME + "a", final=HOME + "a/")) == HOME + "a/"
    assert frontier.page_fetched(HOME + "a/", fetched(HOME + "a/")) is None


def test_homepage_redirect_to_another_host_moves_the_site():
    frontier = Frontier("http://example.gov.cn", CrawlLimits())
    final = "https://www.new-example.gov.cn/index.html"
    assert (
        frontier.page_fetched("http://example.gov.cn/", fetched("http://example.gov.cn/", final=final))
        == final
    )
    pages, checks = frontier.admit_links(final, 0, [("/a.html", "a"), ("http://example.gov.cn/b.html", "a")])
    assert pages == [("https://www.new-example.gov.cn/a.html", 1)]
    assert checks == ["http://example.gov.cn/b.html"]


def test_off_site_redirect_of_a_page_is_not_read():
    frontier = Frontier(HOME, CrawlLimits())
    frontier.page_fetched(HOME, fetched(HOME))
    frontier.admit_links(HOME, 0, [("/go", "a")])
    assert frontier.page_fetched(HOME + "go", fetched(HOME + "go", final="http://elsewhere.cn/")) is None
