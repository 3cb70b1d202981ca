"""crawl_site / crawl_sites / probe against generated local sites."""

import asyncio
import dataclasses
import datetime
import itertools
import os
import socket
import time

import pytest
from aiohttp import web

from govsite.indicators.inspection import LinkKind, LinkProblem
from govsite.supervision.crawler import CrawlLimits, crawl_site, crawl_sites, probe

FAST = CrawlLimits(timeout=0.5, connect_timeout=0.5)
TODAY = datetime.date(2026, 5, 1)


def run(coroutine):
    return asyncio.run(coroutine)


def tree_app(
    pages: int, *, extra=lambda index: "", filler: str = "", seen: list[str] | None = None
) -> web.Application:
    """/p/0.html … /p/{pages-1}.html: page i links to 10i+1 … 10i+10 and home; built on request."""

    async def handle(request):
        if seen is not None:
            seen.append(request.path_qs)
        index = int(request.match_info["index"])
        if index >= pages:
            raise web.HTTPNotFound()
        children = "".join(
            f'<a href="/p/{c}.html">第{c}页</a>' for c in range(10 * index + 1, min(10 * index + 11, pages))
        )
        html = (
            f'<html><body><a href="/p/0.html">首页</a>{children}{extra(index)}<p>{filler}</p></body></html>'
        )
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/p/{index:\\d+}.html", handle)
    return app


def test_normal_site(serve, links):
    attachment_hits: list[str] = []

    async def attachment(request):
        attachment_hits.append(request.method)
        return web.Response(body=b"%PDF", content_type="application/pdf")

    async def external_page(request):
        return web.Response(text="<p>elsewhere</p>", content_type="text/html")

    outside = web.Application()
    outside.router.add_get("/ok.html", external_page)

    async def main():
        async with serve(outside) as other:

            def extra(index: int) -> str:
                return (
                    f'<a href="/files/form.pdf">表格</a><a href="{other}/ok.html">外链</a>'
                    f'<a href="{other}/gone.html">坏外链</a><img src="/img/logo.png">'
                )

            app = tree_app(30, extra=extra)
            app.router.add_route("*", "/files/form.pdf", attachment)
            async with serve(app) as base:
                seen_pages: list[tuple[str, int]] = []
                result = await crawl_site(
                    base + "/p/0.html", FAST, extract_links=links,
                    on_page=lambda page, depth: seen_pages.append((page.url, depth)),
                )  # fmt: skip
                return base, other, result, seen_pages

    base, other, result, seen_pages = run(main())
    assert result.reachable and result.pages_fetched == 30
    assert sorted(depth for _, depth in seen_pages) == [0] + [1] * 10 + [2] * 19
    assert result.unchecked == ()
    by_url = {link.url: link for link in result.links}
    assert set(by_url) == {
        f"{base}/files/form.pdf",
        f"{other}/ok.html",
        f"{other}/gone.html",
        f"{base}/img/logo.png",
    }
    form = by_url[f"{base}/files/form.pdf"]
    assert (form.kind, form.problem, form.external, form.on_homepage) == (
        LinkKind.ATTACHMENT,
        None,
        False,
        True,
    )
    assert len(form.found_on) == 30
    assert attachment_hits == ["HEAD"]  # checked once, without downloading it
    assert by_url[f"{other}/ok.html"].external and by_url[f"{other}/ok.html"].problem is None
    assert by_url[f"{other}/gone.html"].problem is LinkProblem.HTTP_CLIENT_ERROR
    assert by_url[f"{base}/img/logo.png"].kind is LinkKind.IMAGE
    assert result.homepage.text is None


def test_broken_link_on_fifty_pages_is_reported_once(serve, links):
    external_hits: list[str] = []

    async def gone(request):
        external_hits.append(request.method)
        raise web.HTTPNotFound()

    outside = web.Application()
    outside.router.add_route("*", "/gone.html", gone)

    async def main():
        async with serve(outside) as other:

            def extra(index: int) -> str:
                return (
                    f'<a href="/p/missing.html">坏链</a><a href="{other}/gone.html">外</a>' if index else ""
                )

            async with serve(tree_app(51, extra=extra)) as base:
                result = await crawl_site(base + "/p/0.html", FAST, extract_links=links)
                return base, other, result

    base, other, result = run(main())
    missing = [link for link in result.links if link.url == f"{base}/p/missing.html"]
    assert len(missing) == 1
    assert len(missing[0].found_on) == 50 and len(set(missing[0].found_on)) == 50
    assert missing[0].problem is LinkProblem.HTTP_CLIENT_ERROR and missing[0].status == 404
    assert not missing[0].on_homepage and not missing[0].external
    external = [link for link in result.links if link.url == f"{other}/gone.html"]
    assert len(external) == 1 and len(external[0].found_on) == 50 and external[0].external
    assert external_hits == ["GET"]  # one check for fifty mentions


def test_page_cap_is_reported_unchecked(serve, links):
    limits = dataclasses.replace(FAST, max_pages=20)

    async def main():
        async with serve(tree_app(200)) as base:
            return await crawl_site(base + "/p/0.html", limits, extract_links=links)

    result = run(main())
    assert result.pages_fetched == 20
    assert [(u.what, u.reason) for u in result.unchecked] == [("pages", "已达每站 20 页上限，其余页面未检查")]


def test_depth_cap_is_reported_unchecked(serve, links):
    limits = dataclasses.replace(FAST, max_depth=1)

    async def main():
        async with serve(tree_app(200)) as base:
            return await crawl_site(base + "/p/0.html", limits, extract_links=links)

    result = run(main())
    assert result.pages_fetched == 11
    assert [u.reason for u in result.unchecked] == ["已达最大抓取深度 1 层，更深的页面未检查"]


def test_calendar_trap(serve, links):
    requested: list[str] = []

    async def month(request):
        requested.append(request.path)
        year, number = int(request.match_info["year"]), int(request.match_info["month"])
        before = (year, number - 1) if number > 1 else (year - 1, 12)
        after = (year, number + 1) if number < 12 else (year + 1, 1)
        html = f'<a href="/cal/{before[0]}/{before[1]:02d}/">上月</a><a href="/cal/{after[0]}/{after[1]:02d}/">下月</a>'
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/cal/{year:\\d{4}}/{month:\\d\\d}/", month)
    limits = dataclasses.replace(FAST, max_depth=1000, calendar_years=1)

    async def main():
        async with serve(app) as base:
            return await crawl_site(base + "/cal/2026/05/", limits, extract_links=links, today=TODAY)

    result = run(main())
    assert result.pages_fetched == 25  # 2025-05 … 2027-05, then the calendar is a trap both ways
    assert min(requested) == "/cal/2025/05/" and max(requested) == "/cal/2027/05/"
    traps = [u for u in result.unchecked if u.reason == "疑似爬虫陷阱（日历无限翻页）"]
    assert len(traps) == 1 and traps[0].what == "pages"


def test_repeating_path_trap(serve, links):
    async def anything(request):
        return web.Response(text='<a href="a/">a</a><a href="b/">b</a>', content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", anything)
    limits = dataclasses.replace(FAST, max_depth=1000, max_pages=100_000)

    async def main():
        async with serve(app) as base:
            return await crawl_site(base + "/", limits, extract_links=links)

    result = run(main())
    assert result.pages_fetched < 200
    assert any(u.reason == "疑似爬虫陷阱（路径片段重复）" for u in result.unchecked)


def concurrency_app(pages: int, counter: dict[str, int], *, pause: float = 0.02) -> web.Application:
    async def page(request):
        counter["now"] += 1
        counter["peak"] = max(counter["peak"], counter["now"])
        try:
            await asyncio.sleep(pause)
        finally:
            counter["now"] -= 1
        index = int(request.match_info["index"])
        body = "".join(f'<a href="/p/{n}.html">x</a>' for n in range(pages)) if index == 0 else "leaf"
        return web.Response(text=body, content_type="text/html")

    app = web.Application()
    app.router.add_get("/p/{index:\\d+}.html", page)
    return app


def test_per_host_concurrency_is_bounded(serve, links):
    counter = {"now": 0, "peak": 0}
    limits = dataclasses.replace(FAST, per_host=3)

    async def main():
        async with serve(concurrency_app(40, counter)) as base:
            return await crawl_site(base + "/p/0.html", limits, extract_links=links)

    result = run(main())
    assert result.pages_fetched == 40
    assert counter["peak"] == 3


def test_global_concurrency_is_shared_across_sites(serve, links):
    counters = [{"now": 0, "peak": 0} for _ in range(3)]
    in_flight = {"now": 0, "peak": 0}

    def app_for(counter):
        app = concurrency_app(20, counter)

        @web.middleware
        async def count_all(request, handler):
            in_flight["now"] += 1
            in_flight["peak"] = max(in_flight["peak"], in_flight["now"])
            try:
                return await handler(request)
            finally:
                in_flight["now"] -= 1

        app.middlewares.append(count_all)
        return app

    limits = dataclasses.replace(FAST, per_host=4, concurrency=5)
    pages_of: dict[str, list[str]] = {}

    def on_page(site, page, depth):
        pages_of.setdefault(site, []).append(page.url)

    async def main():
        async with (
            serve(app_for(counters[0])) as a,
            serve(app_for(counters[1])) as b,
            serve(app_for(counters[2])) as c,
        ):
            starts = [f"{a}/p/0.html", f"{b}/p/0.html", f"{c}/p/0.html"]
            return starts, await crawl_sites(starts, limits, extract_links=links, on_page=on_page)

    starts, results = run(main())
    assert [r.start_url for r in results] == starts
    assert [r.pages_fetched for r in results] == [20, 20, 20]
    for start in starts:
        assert len(pages_of[start]) == 20
        assert all(url.startswith(start.removesuffix("/p/0.html")) for url in pages_of[start])
    assert in_flight["peak"] == 5
    assert all(counter["peak"] <= 4 for counter in counters)


def test_politeness_delay_between_requests_to_one_host(serve, links):
    starts: list[float] = []

    async def page(request):
        starts.append(time.monotonic())
        index = int(request.match_info["index"])
        body = "".join(f'<a href="/p/{n}.html">x</a>' for n in range(8)) if index == 0 else "leaf"
        return web.Response(text=body, content_type="text/html")

    app = web.Application()
    app.router.add_get("/p/{index:\\d+}.html", page)
    limits = dataclasses.replace(FAST, delay=0.1, per_host=8)

    async def main():
        async with serve(app) as base:
            return await crawl_site(base + "/p/0.html", limits, extract_links=links)

    result = run(main())
    assert result.pages_fetched == 8
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    # 0.1 s apart on average; one gap may shrink when a loaded machine runs two handlers back to back.
    # Without the delay they are all ~0.
    assert sum(gaps) / len(gaps) >= 0.09 and min(gaps) >= 0.04, gaps


def test_slow_and_huge_pages_in_a_crawl(serve, links):
    async def home(request):
        return web.Response(text='<a href="/slow">慢</a><a href="/huge">大</a>', content_type="text/html")

    async def slow(request):
        await asyncio.sleep(2)
        return web.Response(text="late", content_type="text/html")

    async def huge(request):
        return web.Response(text="<p>" + "大" * 400_000 + "</p>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/slow", slow)
    app.router.add_get("/huge", huge)
    limits = dataclasses.replace(FAST, max_bytes=1024 * 1024)

    async def main():
        async with serve(app) as base:
            return base, await crawl_site(base + "/", limits, extract_links=links)

    base, result = run(main())
    assert [(link.url, link.problem, link.found_on) for link in result.links] == [
        (f"{base}/slow", LinkProblem.TIMEOUT, (f"{base}/",))
    ]
    assert [(u.what, u.url, u.reason) for u in result.unchecked] == [
        ("page", f"{base}/huge", "页面超过 1 MB，未检查")
    ]


def test_gbk_site(serve, links):
    pages = {
        "/": '<meta charset="gb2312"><a href="/news.html">新闻动态</a>',
        "/news.html": '<meta charset="gb2312"><h1>朱镕基同志考察政务服务中心</h1><a href="/">返回首页</a>',
    }

    async def page(request):
        return web.Response(body=pages[request.path].encode("gbk"), headers={"Content-Type": "text/html"})

    app = web.Application()
    app.router.add_get("/{tail:.*}", page)
    texts: list[str] = []

    async def main():
        async with serve(app) as base:
            return await crawl_site(
                base + "/", FAST, extract_links=links, on_page=lambda page, depth: texts.append(page.text)
            )

    result = run(main())
    assert result.pages_fetched == 2
    assert any("朱镕基同志考察政务服务中心" in text for text in texts)


def test_homepage_redirect_moves_the_site(serve, links):
    async def page(request):
        if request.host.startswith("localhost"):
            raise web.HTTPMovedPermanently(f"http://127.0.0.1:{request.url.port}/index.html")
        return web.Response(
            text='<a href="/a.html">a</a><a href="/index.html">home</a>', content_type="text/html"
        )

    app = web.Application()
    app.router.add_get("/{tail:.*}", page)

    async def main():
        async with serve(app) as base:
            return await crawl_site(base.replace("127.0.0.1", "localhost") + "/", FAST, extract_links=links)

    result = run(main())
    assert result.reachable
    assert result.pages_fetched == 2  # home (via the redirect) and /a.html; /index.html not twice
    assert result.homepage.final_url.endswith("/index.html")


def test_unreachable_homepage():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]

    async def main():
        return await crawl_site(f"http://127.0.0.1:{port}/", FAST, extract_links=lambda html, base: [])

    result = run(main())
    assert not result.reachable and result.pages_fetched == 1
    assert result.homepage.error is LinkProblem.CONNECTION
    assert [(u.what, u.reason) for u in result.unchecked] == [
        ("homepage", "首页无法打开（连接被拒绝），全站未检查")
    ]


def test_a_failing_callback_is_reported_not_fatal(serve, links):
    def on_page(page, depth):
        if depth == 1:
            raise ValueError("odd page")

    async def main():
        async with serve(tree_app(5)) as base:
            return await crawl_site(base + "/p/0.html", FAST, extract_links=links, on_page=on_page)

    result = run(main())
    assert result.pages_fetched == 5
    assert len(result.unchecked) == 4
    assert all(u.reason == "页面证据提取出错（ValueError），未检查" for u in result.unchecked)


def test_probe(serve):
    async def ok(request):
        return web.Response(text="<p>首页</p>", content_type="text/html")

    async def slow(request):
        await asyncio.sleep(2)
        return web.Response(text="late")

    async def broken(request):
        raise web.HTTPServiceUnavailable()

    app = web.Application()
    app.router.add_get("/", ok)
    app.router.add_get("/slow", slow)
    app.router.add_get("/broken", broken)

    async def main():
        async with serve(app) as base:
            return [await probe(base + path, FAST) for path in ("/", "/slow", "/broken")]

    fine, late, down = run(main())
    assert fine.ok and fine.status == 200 and fine.elapsed < 0.5 and fine.at.tzinfo is not None
    assert (late.ok, late.error) == (False, "timeout")
    assert (down.ok, down.error, down.status) == (False, "http 503", 503)


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads RSS from /proc")
def test_memory_stays_flat_and_no_bodies_are_kept(serve, links):
    """3,000 pages of 30 KB (90 MB of HTML) must not stay in memory: only evidence comes back."""
    filler = "政务公开" * 2500  # 30 KB per page in UTF-8
    limits = dataclasses.replace(FAST, timeout=5, max_pages=5000)
    peak = {"rss": 0}
    sizes: list[int] = []

    async def sample(stop: asyncio.Event) -> None:
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], _rss_bytes())
            await asyncio.sleep(0.02)

    async def main():
        async with serve(tree_app(3000, filler=filler)) as base:
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample(stop))
            baseline = _rss_bytes()
            result = await crawl_site(
                base + "/p/0.html", limits, extract_links=links,
                on_page=lambda page, depth: sizes.append(len(page.text or "")),
            )  # fmt: skip
            stop.set()
            await sampler
            return result, baseline

    result, baseline = run(main())
    assert result.pages_fetched == 3000
    assert min(sizes) > 10_000  # the callback did see every body
    growth = peak["rss"] - baseline
    print(f"peak RSS growth over a 3,000-page crawl: {growth / 2**20:.1f} MB")
    assert growth < 20 * 2**20  # measured: 0.1 MB; 58 MB when the pages are kept
    assert result.homepage.text is None
    strings = [result.start_url, *(link.url for link in result.links), *(u.url for u in result.unchecked)]
    assert all(len(s) < 200 for s in strings)
