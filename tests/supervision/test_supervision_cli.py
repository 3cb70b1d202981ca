"""`govsite inspect` end to end against small sites served on 127.0.0.1: verdict, exit code, reports."""

from __future__ import annotations

import datetime
import io
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openpyxl
import pytest

from govsite.cli import EXIT_FAILED, EXIT_NOT_INSPECTED, EXIT_PASSED, EXIT_USAGE, main

TODAY = datetime.date(2026, 11, 23)
FOOTER = "<footer>主办单位：西地省人民政府办公厅 网站标识码：4300000001 湘ICP备05000001号</footer>"


def site_pages(newest: datetime.date) -> dict[str, str]:
    def day(offset: int) -> str:
        return (newest - datetime.timedelta(days=offset)).isoformat()

    items = "".join(f'<li><a href="/gzdt/{i}.html">西地省召开第{i}次政务公开工作推进会议</a><span>{day(i)}</span></li>'
                    for i in range(12))  # fmt: skip
    home = (f"<html><head><title>西地省人民政府</title></head><body><form action='/search'><input name='q'></form>"
            f"<div class='block'><h2>工作动态</h2><a href='/gzdt/'>更多</a><ul>{items}</ul></div>"
            f"<a href='/hdjl/'>领导信箱</a>{FOOTER}</body></html>")  # fmt: skip
    pages = {"/": home, "/gzdt/": home.replace("<h2>工作动态</h2>", "<h1>工作动态</h1>")}
    for i in range(12):
        body = "".join(
            f"<p>会议研究部署第{i}项重点工作，要求各地各部门{k}抓好落实，确保取得实效。</p>" for k in range(8)
        )
        pages[f"/gzdt/{i}.html"] = (f"<html><head><title>第{i}次会议</title></head><body><h1>西地省召开第{i}次政务公开"
                                    f"工作推进会议</h1><p>发布时间：{day(i)}</p>{body}{FOOTER}</body></html>")  # fmt: skip
    pages["/hdjl/"] = (
        f"<html><body><h1>领导信箱</h1><form><textarea name='c'></textarea></form>{FOOTER}</body></html>"
    )
    return pages


@contextmanager
def serve(pages: dict[str, str]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0])
            data = (body or "<html><body>页面不存在</body></html>").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def inspect(url: str, *extra: str, capsys) -> tuple[int, str]:
    code = main(["inspect", url, "--date", TODAY.isoformat(), "--quiet", *extra])
    return code, capsys.readouterr().out


def test_fresh_site_passes_with_exit_code_zero(capsys):
    with serve(site_pages(TODAY - datetime.timedelta(days=1))) as url:
        code, out = inspect(url, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == EXIT_PASSED, report["verdict"]["findings"]
    assert report["verdict"]["result"] == "合格" and report["site"]["site_code"] == "4300000001"
    assert report["crawl"]["pages_fetched"] >= 13


def test_zombie_site_fails_with_the_homepage_veto(capsys):
    with serve(site_pages(TODAY - datetime.timedelta(days=400))) as url:
        code, out = inspect(url, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == EXIT_FAILED
    assert "homepage_not_updated" in report["verdict"]["vetoes"]
    assert report["verdict"]["score"] is None


def test_unreachable_site_cannot_be_inspected(capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nothing listens there
    code, out = inspect(f"http://127.0.0.1:{port}/", capsys=capsys)
    assert code == EXIT_NOT_INSPECTED
    assert "结论：无法检查" in out
    # No score for a site nobody could look at (the unjudged rules used to leave 99.9 standing).
    assert "得分：不计分（首页无法访问，未能检查）" in out and " 分\n" not in out.split("得分：")[1][:30]


def test_html_and_xlsx_reports(tmp_path, capsys):
    with serve(site_pages(TODAY - datetime.timedelta(days=400))) as url:
        code, html = inspect(url, "--format", "html", capsys=capsys)
        xlsx_path = tmp_path / "report.xlsx"
        inspect(url, "--format", "xlsx", "--out", str(xlsx_path), capsys=capsys)
    assert code == EXIT_FAILED
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "首页不更新" in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0]  # self-contained
    book = openpyxl.load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    assert book.sheetnames == ["概览", "问题清单", "未能检查"]
    assert book["概览"]["E2"].value == "不合格"
    assert any(row[3] == "首页不更新" for row in book["问题清单"].iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("args", [["--format", "xlsx"], ["--max-pages", "0"]])
def test_bad_usage_is_refused_in_chinese(args, capsys):
    assert main(["inspect", "http://127.0.0.1:9/", "--quiet", *args]) == EXIT_USAGE
    assert capsys.readouterr().err.strip()


def test_synchronous_inspection_works_inside_a_running_event_loop():
    """A caller with a loop of its own (Playwright's sync API, an ASGI view) once broke asyncio.run."""
    import asyncio

    from govsite.supervision.inspect import run_sync

    async def caller() -> int:
        return run_sync(asyncio.sleep(0, result=5))

    assert asyncio.run(caller()) == 5
