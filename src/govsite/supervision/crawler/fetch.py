"""Fetch one URL as an inspector must: bounded in time, size and redirects, every failure classified.

- One deadline (`limits.timeout`, the official 15 s) covers the whole fetch: connection, redirects,
  headers and body. Waiting for a free slot happens before, in the crawler, and does not count.
- Redirects are followed by hand so that loops and long chains are reported with the chain.
- Bodies are decompressed here, not by the client, and only up to `limits.max_bytes` of output: a
  gzip bomb (10 MB of zeros in 10 KB) stops at the cap with memory bounded, reported TOO_LARGE.
- Only HTML is downloaded; for anything else the headers answer and the connection is dropped.
- Link checks (`check_link`) ask HEAD first and GET when HEAD fails with an HTTP error or a reset:
  405/501 are the standard refusals, but many government servers (IIS, WAFs) answer HEAD with 403,
  404 or 500 while GET works, and calling such a link broken would be a false finding.

Client: aiohttp, chosen by measurement (now the "floor" rows of bench/inspector.py: 1,000 pages of
5 KB from an aiohttp server in another process on 127.0.0.1, 2 cores, median of 3 runs; CPU is the
client process only; pages/s varied ×2 with other work on the machine, CPU per fetch did not):

    client, requests in flight      pages/s        CPU ms per fetch
    aiohttp 3.14.5, 32              3,200–5,600    0.18–0.19
    aiohttp 3.14.5, 8               5,500          0.18
    httpx 0.28.1 (HTTP/1.1), 32       180–220      4.5
    httpx 0.28.1 (HTTP/1.1), 8        480          2.1
    crawl_site (aiohttp, regex links, per_host 8)    1,350–3,000 pages/s, 0.30–0.33 CPU ms per page

httpx alone would spend the whole 2 ms-per-URL budget of TARGETS.md on the fetch.
"""

import asyncio
import socket
import ssl
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp
from yarl import URL

from govsite.indicators.inspection import LinkProblem

from .charset import decode_html
from .limits import MIB, CrawlLimits

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})  # "" : no Content-Type, sniffed
KEPT_HEADERS = ("content-type", "content-length", "content-disposition", "last-modified", "server")
SMALL_BODY = 64 * 1024  # bodies of redirects and errors up to this are read to keep the connection


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None
    headers: Mapping[str, str]  # KEPT_HEADERS that were present, lower-case names
    content_type: str  # media type, lower case, no parameters; "" when absent
    text: str | None  # decoded HTML; None for other content, errors and HEAD
    bytes_read: int  # body bytes after decompression
    elapsed: float  # seconds
    redirects: tuple[str, ...] = ()  # URLs that redirected, in order; `final_url` answered
    error: LinkProblem | None = None
    error_detail: str = ""  # Chinese, for the report
    encoding: str = ""  # codec the text was decoded with

    @property
    def ok(self) -> bool:
        return self.error is None


class _Failure(Exception):
    def __init__(self, problem: LinkProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


class LoopbackNamesResolver(aiohttp.ThreadedResolver):
    """Answers ``localhost`` and every name under ``.localhost`` with 127.0.0.1 itself (RFC 6761 §6.3), as
    browsers and curl do; glibc leaves ``city.localhost`` unresolved, and the demo cluster's sites live there."""

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list:
        if is_loopback_name(host):
            return [
                {"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET, "proto": 0,
                 "flags": socket.AI_NUMERICHOST}
            ]  # fmt: skip
        return await super().resolve(host, port, family)


def is_loopback_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def make_session(limits: CrawlLimits) -> aiohttp.ClientSession:
    """The one client session of a process (call inside a running event loop)."""
    connector = aiohttp.TCPConnector(
        resolver=LoopbackNamesResolver(),
        limit=0,  # the crawler's own semaphores bound concurrency, before the deadline starts
        ttl_dns_cache=300,
        enable_cleanup_closed=True,  # aborted TLS connections leak on Python < 3.12.7 without it
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=limits.connect_timeout),
        auto_decompress=False,  # we decompress with a cap
        headers={
            "User-Agent": limits.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        },
        cookie_jar=aiohttp.CookieJar(unsafe=True),  # session cookies stop ;jsessionid= URL rewriting
        max_field_size=32768,  # long Set-Cookie headers are common; a 8 KB limit would fail such sites
        max_line_size=16384,
    )


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    limits: CrawlLimits,
    *,
    method: str = "GET",
    read_body: bool = True,
    accept: frozenset[str] = HTML_TYPES,
) -> FetchResult:
    """Fetch `url`; bodies of the `accept` media types (HTML unless told otherwise: feeds pass their XML
    types) are decoded into `text` unless `read_body` is False. Never raises for network trouble: the
    result's `error` says what went wrong."""
    started = time.perf_counter()
    hops: list[str] = []  # URLs requested, in order; all but the last redirected
    try:
        async with asyncio.timeout(limits.timeout):
            return await _fetch(session, url, limits, method, read_body, hops, started, accept)
    except TimeoutError:
        problem, detail = LinkProblem.TIMEOUT, f"超时（{limits.timeout:g}秒）"
    except _Failure as failure:
        problem, detail = failure.problem, failure.detail
    except (aiohttp.ClientError, OSError, ValueError, zlib.error) as error:
        problem, detail = _classify(error, limits)
    return FetchResult(
        url=url,
        final_url=hops[-1] if hops else url,
        status=None,
        headers={},
        content_type="",
        text=None,
        bytes_read=0,
        elapsed=time.perf_counter() - started,
        redirects=tuple(hops[:-1]),
        error=problem,
        error_detail=detail,
    )


async def check_link(
    session: aiohttp.ClientSession, url: str, limits: CrawlLimits, *, head_first: bool = True
) -> FetchResult:
    """Does the link open? No body is downloaded. HEAD first for attachments, GET if HEAD is refused."""
    if head_first:
        result = await fetch(session, url, limits, method="HEAD", read_body=False)
        if result.error is None or result.error not in _HEAD_MAY_LIE:
            return result
    return await fetch(session, url, limits, method="GET", read_body=False)


# HEAD answers that GET may contradict; a timeout or DNS failure would only repeat.
_HEAD_MAY_LIE = frozenset(
    {LinkProblem.HTTP_CLIENT_ERROR, LinkProblem.HTTP_SERVER_ERROR, LinkProblem.CONNECTION}
)


async def _fetch(
    session: aiohttp.ClientSession,
    url: str,
    limits: CrawlLimits,
    method: str,
    read_body: bool,
    hops: list[str],
    started: float,
    accept: frozenset[str] = HTML_TYPES,
) -> FetchResult:
    response = await _follow_redirects(session, url, limits, method, hops)
    try:
        status = response.status
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        text, encoding, size, error, detail = None, "", 0, None, ""
        if status >= 400:
            error = LinkProblem.HTTP_CLIENT_ERROR if status < 500 else LinkProblem.HTTP_SERVER_ERROR
            detail = f"HTTP {status}"
            await _discard(response)
        elif read_body and method != "HEAD" and content_type in accept:
            body, size, too_large = await _read_capped(response, limits.max_bytes)
            if too_large:
                error, detail = LinkProblem.TOO_LARGE, f"页面超过 {limits.max_bytes / MIB:g} MB"
            elif content_type or b"\0" not in body[:1024]:  # no Content-Type: sniff out binary files
                decoded = decode_html(body, headers.get("content-type"))
                text, encoding = decoded.text, decoded.encoding
        else:
            await _discard(response)
    except BaseException:
        response.close()  # a deadline or a reset mid-body: do not leave the connection half-read
        raise
    return FetchResult(
        url=url,
        final_url=str(response.url),
        status=status,
        headers=headers,
        content_type=content_type,
        text=text,
        bytes_read=size,
        elapsed=time.perf_counter() - started,
        redirects=tuple(hops[:-1]),
        error=error,
        error_detail=detail,
        encoding=encoding,
    )


async def _follow_redirects(
    session: aiohttp.ClientSession, url: str, limits: CrawlLimits, method: str, hops: list[str]
) -> aiohttp.ClientResponse:
    """The first response that is not a redirect; `hops` collects every URL requested."""
    current = URL(url)
    while True:
        hops.append(str(current))
        response = await session.request(method, current, allow_redirects=False)
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        await _discard(response)
        try:
            target = response.url.join(URL(location))
        except ValueError:
            raise _Failure(LinkProblem.CONNECTION, f"重定向地址无效：{location[:200]}") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise _Failure(LinkProblem.CONNECTION, f"重定向到无法访问的地址：{location[:200]}")
        if str(target) in hops:
            chain = " → ".join([*hops, str(target)])
            raise _Failure(LinkProblem.TOO_MANY_REDIRECTS, f"重定向循环：{chain}")
        if len(hops) > limits.max_redirects:
            raise _Failure(LinkProblem.TOO_MANY_REDIRECTS, f"重定向超过 {limits.max_redirects} 次")
        if response.status == 303 and method != "HEAD":
            method = "GET"
        current = target


async def _discard(response: aiohttp.ClientResponse) -> None:
    """Done with a response whose body we do not need: keep the connection only if that is cheap."""
    length = response.content_length
    if response.method == "HEAD" or (length is not None and length <= SMALL_BODY):
        await response.read()
        response.release()
    else:
        response.close()  # reading a large or unbounded body just to reuse the connection costs more


async def _read_capped(response: aiohttp.ClientResponse, max_bytes: int) -> tuple[bytes, int, bool]:
    """Body after decompression, at most `max_bytes`; (body, size, too_large)."""
    coding = response.headers.get("Content-Encoding", "").strip().lower()
    declared = response.content_length
    if coding in ("", "identity") and declared is not None and declared > max_bytes:
        response.close()
        return b"", 0, True
    decompressor = None
    parts: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_any():
        if coding in ("gzip", "x-gzip", "deflate"):
            decompressor = decompressor or _decompressor(coding, chunk)
            # Output is capped one byte past the limit; input left over means the cap was hit.
            chunk = decompressor.decompress(chunk, max_bytes + 1 - size)
        size += len(chunk)
        if size > max_bytes:
            response.close()
            return b"", size, True
        parts.append(chunk)
    response.release()
    return b"".join(parts), size, False


def _decompressor(coding: str, first_chunk: bytes) -> "zlib._Decompress":
    """gzip, or deflate with its zlib header or without (raw deflate, as IIS sent it for years)."""
    if coding != "deflate":
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    has_header = (
        len(first_chunk) >= 2 and first_chunk[0] & 0x0F == 8 and int.from_bytes(first_chunk[:2]) % 31 == 0
    )
    return zlib.decompressobj(zlib.MAX_WBITS if has_header else -zlib.MAX_WBITS)


def _classify(error: BaseException, limits: CrawlLimits) -> tuple[LinkProblem, str]:
    """Network exceptions → the categories bulletins use, with a Chinese detail."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return LinkProblem.TIMEOUT, f"连接超时（{limits.connect_timeout:g}秒）"
    if isinstance(error, TimeoutError):
        return LinkProblem.TIMEOUT, f"超时（{limits.timeout:g}秒）"
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return LinkProblem.DNS, "域名解析失败"
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return LinkProblem.TLS, f"证书无效：{error.certificate_error}"[:200]
    if isinstance(error, aiohttp.ClientSSLError | ssl.SSLError):
        return LinkProblem.TLS, "TLS 握手失败"
    if isinstance(error, aiohttp.ClientConnectorError):
        if isinstance(error.os_error, ConnectionRefusedError):
            return LinkProblem.CONNECTION, "连接被拒绝"
        return LinkProblem.CONNECTION, "无法连接"
    if isinstance(error, zlib.error):
        return LinkProblem.CONNECTION, "内容解压失败"
    if isinstance(error, aiohttp.InvalidURL | ValueError):
        return LinkProblem.CONNECTION, "网址无效"
    if isinstance(error, aiohttp.ServerDisconnectedError | ConnectionResetError | aiohttp.ClientPayloadError):
        return LinkProblem.CONNECTION, "连接被服务器中断"
    return LinkProblem.CONNECTION, f"连接出错（{type(error).__name__}）"
