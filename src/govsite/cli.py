"""``govsite`` command line. ``govsite inspect URL`` needs no database and no Django.

Exit codes: 0 合格 (passed), 1 不合格 (failed), 2 could not inspect, 64 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import sys
import time
from pathlib import Path
from typing import TextIO

EXIT_PASSED, EXIT_FAILED, EXIT_NOT_INSPECTED, EXIT_USAGE = 0, 1, 2, 64
FORMATS = ("text", "json", "html", "xlsx")


class ProgressLine:
    """A one-line progress bar on stderr (plain periodic lines when stderr is not a terminal)."""

    def __init__(self, stream: TextIO, max_pages: int) -> None:
        self.stream, self.max_pages = stream, max_pages
        self.tty = stream.isatty()
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, queued: int) -> None:
        now = time.monotonic()
        if now - self.last < (0.1 if self.tty else 5.0):
            return
        self.last = now
        total = max(min(self.max_pages, done + queued), 1)
        width = 30
        filled = int(width * min(done / total, 1.0))
        rate = done / max(now - self.started, 1e-6)
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] 已检查 {done} 页，待检查 {queued} 页，{rate:.0f} 页/秒"
        )
        self.stream.write(("\r" + line) if self.tty else (line + "\n"))
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="govsite", description="GovSite 政府网站检查工具")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="按国务院办公厅检查指标检查一个网站")
    inspect.add_argument("url", help="网站首页地址，例如 https://www.example.gov.cn/")
    inspect.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                         help="检查日期（YYYY-MM-DD），默认今天")  # fmt: skip
    inspect.add_argument("--max-pages", type=int, default=2000, help="每站最多抓取页数（默认 2000）")
    inspect.add_argument("--format", choices=FORMATS, default="text", help="报告格式")
    inspect.add_argument("--out", type=Path, help="报告文件（默认输出到屏幕；xlsx 必须指定）")
    inspect.add_argument("--ruleset", default="gov2019", help="指标版本（默认 gov2019）")
    inspect.add_argument("--no-external-services", action="store_true",
                         help="不提供对外服务的部门网站（按 75 分折算）")  # fmt: skip
    inspect.add_argument("--quiet", action="store_true", help="不显示进度")
    census = commands.add_parser(
        "census", help="批量检查网站清单（每个处理器核心一个进程，每进程同时检查多个网站）"
    )
    census.add_argument("urls", type=Path, help="网站清单文件：每行一个首页地址（# 开头为注释）")
    census.add_argument(
        "--out", type=Path, required=True, help="结果文件：.jsonl（每站一行 JSON 报告）或 .xlsx"
    )
    census.add_argument("--date", type=datetime.date.fromisoformat, default=None, help="检查日期，默认今天")
    census.add_argument("--max-pages", type=int, default=2000, help="每站最多抓取页数（默认 2000）")
    census.add_argument("--processes", type=int, default=None, help="进程数（默认每核一个）")
    census.add_argument("--at-once", type=int, default=40, help="每个进程同时检查的网站数（默认 40）")
    census.add_argument("--ruleset", default="gov2019", help="指标版本（默认 gov2019）")
    return parser.parse_args(argv)


def run_inspect(args: argparse.Namespace) -> int:
    from govsite.supervision.crawler.limits import CrawlLimits
    from govsite.supervision.inspect import inspect_site
    from govsite.supervision.reports import render_report

    if args.format == "xlsx" and args.out is None:
        print("xlsx 报告需要用 --out 指定文件", file=sys.stderr)
        return EXIT_USAGE
    if args.max_pages < 1:
        print("--max-pages 至少为 1", file=sys.stderr)
        return EXIT_USAGE
    today = args.date or datetime.date.today()
    progress = None if args.quiet else ProgressLine(sys.stderr, args.max_pages)
    try:
        result = inspect_site(args.url, today=today, limits=CrawlLimits(max_pages=args.max_pages),
                              ruleset=args.ruleset, has_external_services=not args.no_external_services,
                              progress=progress)  # fmt: skip
    finally:
        if progress:
            progress.close()
    output = render_report(result, args.format)
    if args.out:
        args.out.write_bytes(output) if isinstance(output, bytes) else args.out.write_text(
            output, encoding="utf-8"
        )
    else:
        sys.stdout.write(output if isinstance(output, str) else output.decode())
    if not result.evidence.reachable:
        return EXIT_NOT_INSPECTED
    return EXIT_PASSED if result.verdict.passed else EXIT_FAILED


def run_census(args: argparse.Namespace) -> int:
    import json

    from govsite.supervision.census import CensusOptions, inspect_sites
    from govsite.supervision.crawler.limits import CrawlLimits
    from govsite.supervision.reports.render import report_data
    from govsite.supervision.reports.xlsx import render_xlsx

    if args.out.suffix not in (".jsonl", ".xlsx"):
        print("--out 须为 .jsonl 或 .xlsx 文件", file=sys.stderr)
        return EXIT_USAGE
    try:
        lines = args.urls.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        print(f"无法读取网站清单：{error}", file=sys.stderr)
        return EXIT_USAGE
    urls = list(dict.fromkeys(line.strip() for line in lines if line.strip() and not line.startswith("#")))
    if not urls or args.max_pages < 1 or args.at_once < 1:
        print("网站清单为空，或 --max-pages / --at-once 小于 1", file=sys.stderr)
        return EXIT_USAGE
    options = CensusOptions(
        today=args.date or datetime.date.today(), ruleset=args.ruleset,
        limits=CrawlLimits(max_pages=args.max_pages, max_sites=args.at_once),
    )  # fmt: skip
    reports: list[dict] = []
    counts: dict[str, int] = {}
    with (
        args.out.open("w", encoding="utf-8")
        if args.out.suffix == ".jsonl"
        else contextlib.nullcontext() as out
    ):
        for done, (url, data) in enumerate(
            inspect_sites(urls, options, report_data, processes=args.processes), 1
        ):
            if out is not None:
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                reports.append(data)
            counts[data["outcome"]] = counts.get(data["outcome"], 0) + 1
            print(f"[{done}/{len(urls)}] {data['outcome']} {url}", file=sys.stderr)
    if args.out.suffix == ".xlsx":
        args.out.write_bytes(render_xlsx(reports))
    print("，".join(f"{name} {count} 个" for name, count in counts.items()), file=sys.stderr)
    return EXIT_PASSED


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "inspect":
        return run_inspect(args)
    if args.command == "census":
        return run_census(args)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
