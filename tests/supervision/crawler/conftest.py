"""Local test servers and a tiny link extractor for the crawler tests.

The suite has no asyncio plugin: each test runs its own event loop with `asyncio.run`. Servers bind
127.0.0.1 on a port the OS picks, and stop when the test's `async with` ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
from aiohttp import web

_LINK = re.compile(r"""<(a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def regex_links(html: str, base_url: str) -> Iterator[tuple[str, str]]:
    """(url as written, tag) for every <a href> and <img src>: enough for generated test sites."""
    for tag, url in _LINK.findall(html):
        yield url, tag.lower()


@contextlib.asynccontextmanager
async def serve_app(app: web.Application) -> AsyncIterator[str]:
    """Serve an aiohttp app on 127.0.0.1; yields its base URL without a trailing slash."""
    # A short shutdown: handlers still sleeping for a timeout test are cancelled, not awaited.
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


RawHandler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def serve_raw(handler: RawHandler) -> AsyncIterator[str]:
    """A bare TCP server for responses no well-behaved framework would send."""

    async def guarded(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await handler(reader, writer)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(guarded, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 1)


def site_app(pages: dict[str, str], *, content_type: str = "text/html; charset=utf-8") -> web.Application:
    """An app serving `pages` (path → HTML); other paths 404."""

    async def handle(request: web.Request) -> web.StreamResponse:
        html = pages.get(request.path_qs) or pages.get(request.path)
        if html is None:
            raise web.HTTPNotFound()
        return web.Response(text=html, headers={"Content-Type": content_type})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


@pytest.fixture
def links() -> Callable[[str, str], Iterator[tuple[str, str]]]:
    return regex_links


@pytest.fixture
def serve() -> Callable[[web.Application], contextlib.AbstractAsyncContextManager[str]]:
    return serve_app


@pytest.fixture
def raw_server() -> Callable[[RawHandler], contextlib.AbstractAsyncContextManager[str]]:
    return serve_raw


@pytest.fixture
def make_site() -> Callable[..., web.Application]:
    return site_app
