"""The server: many sites at once, by port or by Host, and each server-side fault as specified."""

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import aiohttp
import pytest

from govsite.supervision.sitegen import (
    CLOSED_PORTS,
    PRESETS,
    Charset,
    Family,
    Faults,
    SiteSpec,
    running_sites,
    serve_sites,
)
from govsite.supervision.sitegen.model import ItemFault

MIB = 1 << 20
REPO = Path(__file__).resolve().parents[3]


def run(coroutine):
    return asyncio.run(coroutine)


async def fetch(
    session: aiohttp.ClientSession, url: str, **options
) -> tuple[int, bytes, aiohttp.ClientResponse]:
    async with session.get(url, **options) as response:
        return response.status, await response.read(), response


def test_each_site_on_its_own_port_and_all_by_host_header():
    specs = [PRESETS["clean-portal"], PRESETS["clean-hanweb"]]

    async def scenario():
        async with running_sites(specs) as by_port, running_sites(specs, mode="host") as by_host:
            assert len({s.address[1] for s in by_port}) == 2
            assert len({s.address[1] for s in by_host}) == 1
            async with aiohttp.ClientSession() as session:
                for port_site, host_site in zip(by_port, by_host, strict=True):
                    status, direct, _ = await fetch(session, port_site.base_url)
                    host, port = host_site.address
                    headers = {"Host": host_site.host_header}
                    status2, hosted, _ = await fetch(session, f"http://{host}:{port}/", headers=headers)
                    assert status == status2 == 200 and direct == hosted
                    assert port_site.site.identity.site_code.encode() in direct
                    assert host_site.base_url.startswith(f"http://{port_site.name}.sitegen.localhost:")
        return by_port

    served = run(scenario())
    assert all(s.address[0] == "127.0.0.1" for s in served)


def test_only_loopback():
    with pytest.raises(ValueError):
        run(serve_sites([PRESETS["clean-portal"]], host="0.0.0.0"))


def test_slow_pages_are_slow_and_time_out_a_short_client():
    spec = SiteSpec("slow", seed=8, faults=Faults(slow_pages=2, slow_delay=0.4))

    async def scenario():
        async with running_sites([spec]) as (served,):
            slow = [i for i in served.site.items() if i.fault is ItemFault.SLOW]
            fast = served.site.column("jryw").items[0]
            async with aiohttp.ClientSession() as session:
                started = time.perf_counter()
                status, _, _ = await fetch(session, served.base_url.rstrip("/") + slow[0].path)
                slow_time = time.perf_counter() - started
                started = time.perf_counter()
                await fetch(session, served.base_url.rstrip("/") + fast.path)
                fast_time = time.perf_counter() - started
                with pytest.raises(asyncio.TimeoutError):
                    await fetch(
                        session,
                        served.base_url.rstrip("/") + slow[1].path,
                        timeout=aiohttp.ClientTimeout(total=0.1),
                    )
            return status, slow_time, fast_time

    status, slow_time, fast_time = run(scenario())
    assert status == 200 and slow_time >= 0.4 > fast_time


def test_gzip_bomb_decompresses_far_beyond_its_size():
    spec = SiteSpec("bomb", seed=8, faults=Faults(gzip_bomb=True, gzip_bomb_bytes=64 * MIB))

    async def scenario():
        async with (
            running_sites([spec]) as (served,),
            aiohttp.ClientSession(auto_decompress=False) as session,
        ):
            return await fetch(session, served.base_url.rstrip("/") + served.site.gzip_bomb_path)

    status, raw, response = run(scenario())
    assert status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert len(raw) < MIB // 4
    inflater, total = zlib.decompressobj(31), 0
    for start in range(0, len(raw), 4096):
        total += len(inflater.decompress(raw[start : start + 4096]))
    assert total == 64 * MIB and inflater.eof  # a valid gzip stream, 300× its size


def test_redirect_loop_huge_pages_errors_and_dead_things():
    spec = SiteSpec(
        "mess",
        seed=8,
        faults=Faults(
            redirect_loop=True,
            huge_pages=1,
            huge_bytes=3 * MIB,
            server_errors=1,
            broken_links=1,
            dead_online_system=True,
            dead_forms=1,
        ),
    )

    async def scenario():
        async with running_sites([spec]) as (served,):
            site, base = served.site, served.base_url.rstrip("/")
            by_fault = {i.fault: i for i in site.items() if i.fault}
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.TooManyRedirects):
                    await fetch(session, base + site.redirect_paths[0], max_redirects=10)
                huge = await fetch(session, base + by_fault[ItemFault.HUGE].path)
                error = await fetch(session, base + by_fault[ItemFault.ERROR].path)
                deleted = await fetch(session, base + by_fault[ItemFault.DELETED].path)
                system = await fetch(session, base + site.systems[0].path)
                form = await fetch(session, base + site.guides[-1].forms[0].path)
            return huge, error, deleted, system, form

    huge, error, deleted, system, form = run(scenario())
    assert huge[0] == 200 and len(huge[1]) >= 3 * MIB and huge[1].rstrip().endswith(b"</html>")
    assert (error[0], deleted[0], system[0], form[0]) == (500, 404, 502, 404)


def test_calendar_links_never_end_and_paths_keep_growing():
    spec = SiteSpec("traps", seed=8, faults=Faults(calendar_trap=True, path_trap=True))

    async def scenario():
        async with running_sites([spec]) as (served,):
            base = served.base_url.rstrip("/")
            home = await fetch_text(base + "/")
            url = base + re.search(r'href="(/calendar/\?d=[\d-]+)">活动日历', home).group(1)
            days = []
            for _ in range(60):
                page = await fetch_text(url)
                following = re.search(r'href="([^"]+)">下一天', page).group(1)
                days.append(following)
                url = base + following
            path = served.site.path_trap_prefix
            for _ in range(15):
                page = await fetch_text(base + path)
                path += re.search(r'<a href="([^"/][^"]*)">查看详情', page).group(1)
            return days, path

    async def fetch_text(url):
        async with aiohttp.ClientSession() as session:
            status, body, _ = await fetch(session, url)
            assert status == 200
            return body.decode()

    days, path = run(scenario())
    assert len(set(days)) == 60 and days[-1] > days[0]
    assert path.count("xq/") == 15


def test_gbk_labelled_and_unlabelled():
    labelled = SiteSpec("gbkl", seed=6, charset=Charset.GBK)
    unlabelled = SiteSpec(
        "gbku", seed=6, family=Family.TABLE, charset=Charset.GBK, faults=Faults(charset_label=False)
    )

    async def scenario():
        async with running_sites([labelled, unlabelled]) as served, aiohttp.ClientSession() as session:
            return [await fetch(session, s.base_url) for s in served]

    (_, body1, response1), (_, body2, response2) = run(scenario())
    assert response1.headers["Content-Type"] == "text/html; charset=gbk"
    assert response2.headers["Content-Type"] == "text/html"
    assert b"charset=gbk" in body1 and b"charset" not in body2.lower()
    for body in (body1, body2):
        assert "网站标识码" in body.decode("gb18030")
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")


def test_hanweb_dataproxy_answers_get_and_post_and_external_links_are_refused():
    spec = PRESETS["hanweb-records"]

    async def scenario():
        async with running_sites([spec]) as (served,):
            column = max(served.site.columns, key=lambda c: len(c.items))
            base = served.base_url.rstrip("/")
            params = {
                "startrecord": "16",
                "endrecord": "30",
                "perpage": "15",
                "columnid": str(column.numeric_id),
            }
            async with aiohttp.ClientSession() as session:
                got = await fetch(session, base + "/module/web/jpage/dataproxy.jsp", params=params)
                async with session.post(base + "/module/web/jpage/dataproxy.jsp", data=params) as response:
                    posted = await response.read()
                with pytest.raises(aiohttp.ClientConnectorError):
                    await fetch(session, f"http://127.0.0.1:{CLOSED_PORTS[0]}/")
            return column, got, posted

    column, (status, body, response), posted = run(scenario())
    assert status == 200 and response.content_type == "text/xml" and body == posted
    paths = re.findall(r'<a href="([^"]+)"', body.decode())
    assert [p for p in paths if "/art/" in p] == [i.path for i in column.items[15:30]]


def test_command_line_serves_until_killed():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [
        sys.executable,
        "-m",
        "govsite.supervision.sitegen.server",
        "--sites",
        "3",
        "--pages",
        "60",
        "--seed",
        "5",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        lines = [process.stdout.readline().strip() for _ in range(3)]
        urls = [line.split("\t")[1] for line in lines]

        async def scenario():
            async with aiohttp.ClientSession() as session:
                return [(await fetch(session, url))[0] for url in urls]

        assert run(scenario()) == [200, 200, 200]
        assert [line.split("\t")[0] for line in lines] == ["site0005", "site0006", "site0007"]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
