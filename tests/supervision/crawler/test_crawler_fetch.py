"""fetch / check_link against local servers, well-behaved and not."""

import asyncio
import gzip
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
import zlib

import pytest
from aiohttp import web

from govsite.indicators.inspection import LinkProblem
from govsite.supervision.crawler import CrawlLimits, check_link, fetch, make_session
from govsite.supervision.crawler.limits import MIB

FAST = CrawlLimits(timeout=0.5, connect_timeout=0.5)
TEXT = "国务院办公厅关于加强政府网站信息内容建设的意见。朱镕基同志出席。"


def run(coroutine):
    return asyncio.run(coroutine)


async def fetch_from(serve, app, path="/", limits=FAST, **options):
    async with serve(app) as base, make_session(limits) as session:
        return await fetch(session, base + path, limits, **options)


def app_with(**routes) -> web.Application:
    """Routes as keyword arguments: name → handler, served at /name."""
    app = web.Application()
    for name, handler in routes.items():
        app.router.add_route("*", f"/{name}", handler)
    return app


def test_normal_page(serve):
    async def page(request):
        return web.Response(text=f"<html><body>{TEXT}</body></html>", content_type="text/html")

    result = run(fetch_from(serve, app_with(page=page), "/page"))
    assert result.ok and result.status == 200
    assert TEXT in result.text
    assert result.content_type == "text/html"
    assert result.bytes_read == len(result.text.encode())
    assert result.redirects == ()
    assert result.final_url.endswith("/page")


def test_gbk_page_declared_gb2312(serve):
    body = f"<html><body>{TEXT}</body></html>".encode("gbk")

    async def page(request):
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=gb2312"})

    result = run(fetch_from(serve, app_with(page=page), "/page"))
    assert TEXT in result.text
    assert result.encoding == "gb18030"


def test_slow_page_times_out(serve):
    async def slow(request):
        await asyncio.sleep(3)
        return web.Response(text="late")

    started = time.perf_counter()
    result = run(fetch_from(serve, app_with(slow=slow), "/slow"))
    assert result.error is LinkProblem.TIMEOUT
    assert result.error_detail == "超时（0.5秒）"
    assert 0.4 < result.elapsed < 1.5
    assert time.perf_counter() - started < 1.5


def test_body_trickling_past_the_deadline_times_out(raw_server):
    async def trickle(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(100):
            writer.write(b"<p>x</p>")
            await writer.drain()
            await asyncio.sleep(0.05)

    async def main():
        async with raw_server(trickle) as base, make_session(FAST) as session:
            return await fetch(session, base + "/", FAST)

    result = run(main())
    assert result.error is LinkProblem.TIMEOUT


@pytest.mark.parametrize("declared", [True, False])
def test_huge_page_stops_at_the_cap(serve, declared):
    limits = CrawlLimits(timeout=5, max_bytes=1 * MIB)

    async def huge(request):
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        if declared:
            response.content_length = 20 * MIB
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        for _ in range(20 * MIB // len(chunk)):
            await response.write(chunk)
        return response

    result = run(fetch_from(serve, app_with(huge=huge), "/huge", limits))
    assert result.error is LinkProblem.TOO_LARGE
    assert result.error_detail == "页面超过 1 MB"
    assert result.text is None
    assert result.bytes_read <= 2 * MIB  # it stopped reading, it did not download 20 MB


def _bomb(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * MIB
    return b"".join([*(compressor.compress(zeros) for _ in range(megabytes)), compressor.flush()])


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(serve):
    small_bomb, big_bomb = _bomb(10), _bomb(100)
    assert len(small_bomb) < 20_000  # 10 MB in ~10 KB

    def bomb_handler(payload):
        async def handler(request):
            return web.Response(
                body=payload, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
            )

        return handler

    app = app_with(small=bomb_handler(small_bomb), big=bomb_handler(big_bomb))
    limits = CrawlLimits(timeout=10)  # the default 5 MiB cap

    async def main():
        async with serve(app) as base, make_session(limits) as session:
            small = await fetch(session, base + "/small", limits)
            tracemalloc.start()
            big = await fetch(session, base + "/big", limits)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            return small, big, peak

    small, big, peak = run(main())
    assert small.error is LinkProblem.TOO_LARGE and small.text is None
    assert big.error is LinkProblem.TOO_LARGE
    assert big.bytes_read <= 5 * MIB + 1
    assert peak < 16 * MIB  # 100 MB of output never existed at once


@pytest.mark.parametrize("encoding", ["gzip", "deflate-zlib", "deflate-raw"])
def test_compressed_pages_decode(serve, encoding):
    html = f"<html><body>{TEXT * 50}</body></html>".encode()
    if encoding == "gzip":
        payload = gzip.compress(html)
    elif encoding == "deflate-zlib":
        payload = zlib.compress(html)
    else:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        payload = compressor.compress(html) + compressor.flush()

    async def page(request):
        coding = encoding.split("-")[0]
        return web.Response(
            body=payload, headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": coding}
        )

    result = run(fetch_from(serve, app_with(page=page), "/page"))
    assert result.ok
    assert result.text == html.decode()


def test_redirect_chain_within_the_cap_is_followed(serve):
    async def hop(request):
        number = int(request.query["n"])
        if number == 0:
            return web.Response(text="<p>arrived</p>", content_type="text/html")
        raise web.HTTPFound(f"/hop?n={number - 1}")

    result = run(fetch_from(serve, app_with(hop=hop), "/hop?n=5"))
    assert result.ok and "arrived" in result.text
    assert len(result.redirects) == 5
    assert result.final_url.endswith("/hop?n=0")


def test_too_long_redirect_chain(serve):
    async def hop(request):
        raise web.HTTPMovedPermanently(f"/hop?n={int(request.query['n']) + 1}")

    result = run(fetch_from(serve, app_with(hop=hop), "/hop?n=0"))
    assert result.error is LinkProblem.TOO_MANY_REDIRECTS
    assert result.error_detail == "重定向超过 5 次"
    assert len(result.redirects) == 5


def test_redirect_loop_reports_the_chain(serve):
    async def a(request):
        raise web.HTTPFound("/b")

    async def b(request):
        raise web.HTTPTemporaryRedirect("/a")

    result = run(fetch_from(serve, app_with(a=a, b=b), "/a"))
    assert result.error is LinkProblem.TOO_MANY_REDIRECTS
    assert result.error_detail.startswith("重定向循环：")
    assert result.error_detail.count("→") == 2
    assert result.error_detail.endswith("/a")


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        (404, LinkProblem.HTTP_CLIENT_ERROR),
        (403, LinkProblem.HTTP_CLIENT_ERROR),
        (500, LinkProblem.HTTP_SERVER_ERROR),
        (503, LinkProblem.HTTP_SERVER_ERROR),
    ],
)
def test_http_errors(serve, status, problem):
    async def failing(request):
        return web.Response(status=status, text="error page", content_type="text/html")

    result = run(fetch_from(serve, app_with(failing=failing), "/failing"))
    assert (result.error, result.status, result.error_detail) == (problem, status, f"HTTP {status}")
    assert result.text is None


def test_connection_refused_on_a_closed_port():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]

    async def main():
        async with make_session(FAST) as session:
            return await fetch(session, f"http://127.0.0.1:{port}/", FAST)

    result = run(main())
    assert result.error is LinkProblem.CONNECTION
    assert result.status is None


def test_unknown_host_is_a_dns_problem():
    async def main():
        async with make_session(FAST) as session:
            return await fetch(session, "http://no-such-host.invalid/", CrawlLimits(timeout=5))

    assert run(main()).error is LinkProblem.DNS


def test_https_to_a_plain_server_is_a_tls_problem(serve):
    async def page(request):
        return web.Response(text="plain")

    async def main():
        async with serve(app_with(page=page)) as base, make_session(FAST) as session:
            return await fetch(session, base.replace("http:", "https:") + "/page", FAST)

    assert run(main()).error is LinkProblem.TLS


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_self_signed_certificate_is_a_tls_problem(tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    async def page(request):
        return web.Response(text="secret")

    async def main():
        runner = web.AppRunner(app_with(page=page))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
        await site.start()
        try:
            async with make_session(FAST) as session:
                return await fetch(session, f"https://127.0.0.1:{runner.addresses[0][1]}/page", FAST)
        finally:
            await runner.cleanup()

    result = run(main())
    assert result.error is LinkProblem.TLS
    assert result.error_detail.startswith("证书无效")


def test_server_hanging_up_mid_response(raw_server):
    async def hang_up(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>half")
        await writer.drain()

    async def main():
        async with raw_server(hang_up) as base, make_session(FAST) as session:
            return await fetch(session, base + "/", FAST)

    assert run(main()).error is LinkProblem.CONNECTION


def test_non_html_is_not_downloaded(serve):
    async def pdf(request):
        response = web.StreamResponse(headers={"Content-Type": "application/pdf"})
        response.content_length = 50 * MIB
        await response.prepare(request)
        for _ in range(50):
            await response.write(b"%" * MIB)
        return response

    result = run(fetch_from(serve, app_with(pdf=pdf), "/pdf", CrawlLimits(timeout=5)))
    assert result.ok and result.status == 200
    assert (result.text, result.bytes_read, result.content_type) == (None, 0, "application/pdf")
    assert result.elapsed < 1


def test_binary_without_content_type_is_not_text(raw_server):
    async def binary(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nPK\0\0\1\2")
        await writer.drain()

    async def main():
        async with raw_server(binary) as base, make_session(FAST) as session:
            return await fetch(session, base + "/", FAST)

    result = run(main())
    assert result.ok and result.text is None


def counting_file(head_status: int) -> tuple[list[str], object]:
    """A PDF whose server answers HEAD with `head_status`; returns the methods it saw."""
    methods: list[str] = []

    async def handler(request):
        methods.append(request.method)
        if request.method == "HEAD":
            return web.Response(status=head_status)
        return web.Response(body=b"%PDF-1.4" + b"0" * 10000, content_type="application/pdf")

    return methods, handler


@pytest.mark.parametrize("head_status", [405, 501, 403])
def test_link_check_falls_back_to_get_when_head_is_refused(serve, head_status):
    methods, handler = counting_file(head_status)

    async def main():
        async with serve(app_with(**{"file.pdf": handler})) as base, make_session(FAST) as session:
            return await check_link(session, base + "/file.pdf", FAST)

    result = run(main())
    assert result.ok and result.status == 200
    assert methods == ["HEAD", "GET"]
    assert result.bytes_read == 0


def test_link_check_uses_head_alone_when_it_works(serve):
    methods, handler = counting_file(200)

    async def main():
        async with serve(app_with(**{"file.pdf": handler})) as base, make_session(FAST) as session:
            ok = await check_link(session, base + "/file.pdf", FAST)
            missing = await check_link(session, base + "/gone.pdf", FAST)
            return ok, missing

    ok, missing = run(main())
    assert ok.ok and methods == ["HEAD"]
    assert missing.error is LinkProblem.HTTP_CLIENT_ERROR  # 404 on HEAD, confirmed by GET


def test_names_under_localhost_reach_the_loopback_server(serve):
    """The demo cluster's sites live at <name>.localhost, which glibc does not resolve (RFC 6761 §6.3)."""

    async def page(request):
        return web.Response(text=f"<title>{request.host}</title>", content_type="text/html")

    async def main():
        async with serve(app_with(p=page)) as base, make_session(FAST) as session:
            port = base.rsplit(":", 1)[1].strip("/")
            return await fetch(session, f"http://city.localhost:{port}/p", FAST)

    result = run(main())
    assert result.ok, result.error_detail
    assert "city.localhost" in result.text
