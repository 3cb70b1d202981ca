"""Serve generated sites over HTTP on 127.0.0.1, with their server-side faults.

`Responder.respond` turns a request into a `Reply` without any I/O (tests call it directly); aiohttp only
carries the bytes. Many sites run in one process, each on its own port or all on one port told apart by
the `Host` header (``<name>.sitegen.localhost``). Run ``python -m govsite.supervision.sitegen.server
--sites 40 --pages 300 --seed 1`` to serve random sites until killed; it prints one base URL a line.

Throughput of one process (wrk on the same 2-core machine, 40 sites, 11,251 URLs in rotation): about
3,600 pages/s rendering every page on request, 7,400–12,800 pages/s with ``--cache 400`` (rendered
bytes kept per site). A crawler benchmark at more than ~3,000 pages/s should pass ``--cache``.
"""

import argparse
import asyncio
import contextlib
import datetime
import ipaddress
import json
import struct
import sys
import zlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from . import faults, markup
from .faults import PRESETS, random_site
from .generate import generate
from .model import Family, GeneratedSite, Item, ItemFault, RouteKind, SiteSpec
from .truth import SiteTruth, truth_for

HOST_SUFFIX = ".sitegen.localhost"
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
_FILES: dict[str, tuple[str, bytes]] = {
    "pdf": ("application/pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    "doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    "xls": ("application/vnd.ms-excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
}
_CSS = b"body{font-family:SimSun,serif;margin:0}.nav li{display:inline-block;margin:0 8px}\n"


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "text/html"
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


class Responder:
    """Answers requests for one generated site; keeps up to `cache_pages` rendered pages as bytes."""

    def __init__(self, site: GeneratedSite, cache_pages: int = 0) -> None:
        self.site = site
        self.cache_pages = cache_pages
        self._cache: OrderedDict[str, Reply] = OrderedDict()
        self._huge: dict[int, bytes] = {}

    def respond(self, path: str, query: Mapping[str, str] | None = None) -> Reply:
        query = query or {}
        key = path if not query else f"{path}?{sorted(query.items())}"
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        reply = self._respond(path, query)
        if self.cache_pages and reply.delay == 0 and len(reply.body) < 1 << 20:
            self._cache[key] = reply
            if len(self._cache) > self.cache_pages:
                self._cache.popitem(last=False)
        return reply

    def _respond(self, path: str, query: Mapping[str, str]) -> Reply:
        site = self.site
        route = site.routes.get(path)
        if route is not None:
            return self._routed(*route)
        if path == "/css/style.css":
            return Reply(200, _CSS, "text/css")
        if path == "/robots.txt":  # crawlers ask first; generated sites let everyone in
            return Reply(200, b"User-agent: *\nDisallow:\n", "text/plain")
        if site.spec.family is Family.HANWEB and path == markup.DATAPROXY:
            return self._dataproxy(query)
        if site.calendar_path and path == site.calendar_path:
            try:
                day = datetime.date.fromisoformat(query.get("d", ""))
            except ValueError:
                day = site.today
            return self.html(faults.calendar_page(site, day))
        if site.path_trap_prefix and path.startswith(site.path_trap_prefix):
            return self.html(faults.path_trap_page(site, path))
        if site.redirect_paths and path in site.redirect_paths:
            first, second = site.redirect_paths
            return Reply(302, b"", headers={"Location": second if path == first else first})
        if site.gzip_bomb_path and path == site.gzip_bomb_path:
            body = gzip_bomb(site.faults.gzip_bomb_bytes)
            return Reply(200, body, "text/html", self._charset(), {"Content-Encoding": "gzip"})
        return self.not_found()

    def _routed(self, kind: RouteKind, target: object, page_no: int) -> Reply:
        site = self.site
        if kind is RouteKind.HOME:
            return self.html(markup.homepage(site))
        if kind is RouteKind.LIST:
            return self.html(markup.column_page(site, target, page_no))  # type: ignore[arg-type]
        if kind is RouteKind.ARTICLE:
            assert isinstance(target, Item)
            return self._article(target)
        if kind is RouteKind.CHANNEL:
            return self.html(markup.channel_page(site, target, page_no))  # type: ignore[arg-type]
        if kind is RouteKind.LETTER:
            return self.html(markup.letter_page(site, target))  # type: ignore[arg-type]
        if kind is RouteKind.GUIDES:
            return self.html(markup.guides_page(site))
        if kind is RouteKind.GUIDE:
            return self.html(markup.guide_page(site, target))  # type: ignore[arg-type]
        if kind is RouteKind.SYSTEM:
            if not target.works:  # type: ignore[attr-defined]
                # What a dead back-end behind the site's reverse proxy looks like.
                return Reply(
                    502,
                    b"<html><head><title>502 Bad Gateway</title></head><body><center>"
                    b"<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
                )
            return self.html(markup.system_page(site, target))  # type: ignore[arg-type]
        if kind is RouteKind.IMAGE:
            return Reply(200, _PNG, "image/png")
        suffix = target.path.rsplit(".", 1)[-1]  # type: ignore[attr-defined]
        content_type, body = _FILES.get(suffix, _FILES["pdf"])
        return Reply(200, body, content_type, headers={"Content-Disposition": "attachment"})

    def _article(self, item: Item) -> Reply:
        site = self.site
        if item.fault is ItemFault.ERROR:
            return Reply(
                500,
                b"<html><body><h1>500 Internal Server Error</h1>java.lang.NullPointerException</body></html>",
            )
        if item.fault is ItemFault.HUGE:
            body = self._huge.get(item.id)
            if body is None:
                body = self._encode(markup.article_page(site, item, padding=site.faults.huge_bytes))
                self._huge[item.id] = body
            return Reply(200, body, "text/html", self._charset())
        reply = self.html(markup.article_page(site, item))
        if item.fault is ItemFault.SLOW:
            reply.delay = site.faults.slow_delay
        return reply

    def _dataproxy(self, query: Mapping[str, str]) -> Reply:
        try:
            column_id, start, end = (int(query[name]) for name in ("columnid", "startrecord", "endrecord"))
            column = next(c for c in self.site.columns if c.numeric_id == column_id)
        except (KeyError, ValueError, StopIteration):
            return self.not_found()
        text = markup.dataproxy(self.site, column, start, end)
        return Reply(200, self._encode(text), "text/xml", self._charset())

    def html(self, text: str) -> Reply:
        return Reply(200, self._encode(text), "text/html", self._charset())

    def not_found(self) -> Reply:
        text = markup.page(
            self.site, "404", [("页面不存在", "/")], "<h2>404</h2><p>您访问的页面不存在或已被删除。</p>"
        )
        return Reply(404, self._encode(text), "text/html", self._charset())

    def _encode(self, text: str) -> bytes:
        # Characters outside GB2312/GBK become numeric references, as real CMSs write them.
        return text.encode(self.site.spec.charset.value, errors="xmlcharrefreplace")

    def _charset(self) -> str | None:
        return self.site.spec.charset.value if self.site.faults.charset_label else None


_BOMBS: dict[int, bytes] = {}


def gzip_bomb(size: int) -> bytes:
    """A gzip body of `size` bytes of spaces, about 1/1000 of that on the wire.

    Built from one compressed MiB repeated: after a full flush, deflate output depends on nothing
    before it, so the same block can be written N times; only the CRC needs the whole data.
    """
    if size not in _BOMBS:
        chunk, count = b" " * (1 << 20), size >> 20
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        crc = 0
        for _ in range(count):
            crc = zlib.crc32(chunk, crc)
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
        trailer = compressor.flush(zlib.Z_FINISH) + struct.pack("<II", crc, size & 0xFFFFFFFF)
        _BOMBS[size] = header + block * count + trailer
    return _BOMBS[size]


# --- aiohttp ------------------------------------------------------------------------------------


async def _answer(responder: Responder, request: web.Request) -> web.Response:
    query: dict[str, str] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        query |= {k: str(v) for k, v in (await request.post()).items()}  # Hanweb posts its paging params
    reply = responder.respond(request.path, query)
    if reply.delay:
        await asyncio.sleep(reply.delay)
    return web.Response(
        status=reply.status,
        body=reply.body,
        content_type=reply.content_type,
        charset=reply.charset,
        headers=reply.headers,
    )


def site_app(responder: Responder) -> web.Application:
    app = web.Application()

    async def handle(request: web.Request) -> web.Response:
        return await _answer(responder, request)

    app.router.add_route("*", "/{tail:.*}", handle)
    return app


def host_app(responders: Mapping[str, Responder]) -> web.Application:
    """One app for many sites, chosen by the Host header's first label (``name.sitegen.localhost``)."""
    app = web.Application()

    async def handle(request: web.Request) -> web.Response:
        name = request.host.split(":", 1)[0].split(".", 1)[0]
        responder = responders.get(name)
        if responder is None:
            listing = "".join(f"<li>{n}{HOST_SUFFIX}</li>" for n in responders)
            return web.Response(status=404, text=f"<ul>{listing}</ul>", content_type="text/html")
        return await _answer(responder, request)

    app.router.add_route("*", "/{tail:.*}", handle)
    return app


@dataclass
class ServedSite:
    """A site being served. In host mode `base_url` names the site by host; connect to `address`."""

    name: str
    base_url: str
    address: tuple[str, int]
    host_header: str
    spec: SiteSpec
    site: GeneratedSite
    truth: SiteTruth
    runner: web.AppRunner


async def serve_sites(
    specs: Sequence[SiteSpec],
    host: str = "127.0.0.1",
    *,
    mode: str = "ports",
    port: int = 0,
    cache_pages: int = 0,
) -> list[ServedSite]:
    """Generate and serve `specs`; ports are picked at run time unless `port` is given (host mode)."""
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"generated sites are served on the loopback interface only, not {host}")
    if len({spec.name for spec in specs}) != len(specs):
        raise ValueError("site names must be unique")
    sites = [generate(spec) for spec in specs]
    responders = {site.spec.name: Responder(site, cache_pages) for site in sites}
    served: list[ServedSite] = []
    if mode == "host":
        runner = await _start(host_app(responders), host, port)
        bound = runner.addresses[0][1]
        for site in sites:
            name = f"{site.spec.name}{HOST_SUFFIX}"
            served.append(
                ServedSite(
                    site.spec.name,
                    f"http://{name}:{bound}/",
                    (host, bound),
                    f"{name}:{bound}",
                    site.spec,
                    site,
                    truth_for(site),
                    runner,
                )
            )
        return served
    if mode != "ports":
        raise ValueError(f"mode must be 'ports' or 'host', not {mode!r}")
    for site in sites:
        runner = await _start(site_app(responders[site.spec.name]), host, 0)
        bound = runner.addresses[0][1]
        served.append(
            ServedSite(
                site.spec.name,
                f"http://{host}:{bound}/",
                (host, bound),
                f"{host}:{bound}",
                site.spec,
                site,
                truth_for(site),
                runner,
            )
        )
    return served


async def _start(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host, port, backlog=1024).start()
    return runner


async def stop_sites(served: Sequence[ServedSite]) -> None:
    for runner in {id(s.runner): s.runner for s in served}.values():
        await runner.cleanup()


@contextlib.asynccontextmanager
async def running_sites(specs: Sequence[SiteSpec], **options: object) -> AsyncIterator[list[ServedSite]]:
    served = await serve_sites(specs, **options)  # type: ignore[arg-type]
    try:
        yield served
    finally:
        await stop_sites(served)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve generated government sites on 127.0.0.1.")
    parser.add_argument("--sites", type=int, default=10, help="number of random sites")
    parser.add_argument("--pages", type=int, default=300, help="approximate pages per site")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--presets", action="store_true", help="serve the preset catalogue instead")
    parser.add_argument("--mode", choices=("ports", "host"), default="ports")
    parser.add_argument("--port", type=int, default=0, help="host mode: the one port (0: any free port)")
    parser.add_argument("--cache", type=int, default=0, help="rendered pages kept per site as bytes")
    parser.add_argument("--truth-dir", type=Path, help="write <name>.json truth files here")
    parser.add_argument("--json", action="store_true", help="print one JSON object a line")
    args = parser.parse_args(argv)
    if args.presets:
        specs = list(PRESETS.values())
    else:
        specs = [random_site(args.seed + i, pages=args.pages) for i in range(args.sites)]
    asyncio.run(_serve_forever(specs, args))


async def _serve_forever(specs: list[SiteSpec], args: argparse.Namespace) -> None:
    served = await serve_sites(specs, mode=args.mode, port=args.port, cache_pages=args.cache)
    for site in served:
        if args.truth_dir:
            args.truth_dir.mkdir(parents=True, exist_ok=True)
            (args.truth_dir / f"{site.name}.json").write_text(site.truth.to_json(), encoding="utf-8")
        if args.json:
            print(
                json.dumps(
                    {
                        "name": site.name,
                        "base_url": site.base_url,
                        "address": list(site.address),
                        "pages": site.truth.pages,
                    }
                ),
                flush=True,
            )
        else:
            print(f"{site.name}\t{site.base_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await stop_sites(served)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main(sys.argv[1:])
