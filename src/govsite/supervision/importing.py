"""Import the list of sites to monitor from a CSV file (标识码, 名称, 网址), as offices keep them in Excel.

Excel in China saves CSV as GBK by default, so both UTF-8 (with or without BOM) and GB18030 are read.
Bad rows are reported with their line number and never stop the good ones.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction

from govsite.core.identifiers import site_code_problem
from govsite.supervision.models import MonitoredSite

HEADERS = {
    "site_code": {"标识码", "网站标识码", "site_code", "code"},
    "name": {"名称", "网站名称", "name"},
    "url": {"网址", "首页网址", "url", "地址", "域名"},
    "region": {"地区", "主管单位", "region"},
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def normalise_url(raw: str) -> str | None:
    text = raw.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.hostname or "." not in parts.hostname + ".":
        return None
    path = parts.path or "/"
    return f"{parts.scheme}://{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "")


def _columns(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip().lower()
        for key, names in HEADERS.items():
            if name in {n.lower() for n in names}:
                found[key] = index
    return found if {"name", "url"} <= found.keys() else None


def import_monitored_sites(data: bytes | str) -> ImportReport:
    text = decode_csv(data) if isinstance(data, bytes) else data
    rows = list(csv.reader(io.StringIO(text)))
    report = ImportReport()
    if not rows:
        report.errors.append((0, "文件为空"))
        return report
    columns = _columns(rows[0])
    start = 2
    if columns is None:  # no header: the documented order 标识码, 名称, 网址
        columns, start = {"site_code": 0, "name": 1, "url": 2}, 1
        rows = [[], *rows]
    with transaction.atomic():
        for line, row in enumerate(rows[1:], start=start):
            if not any(cell.strip() for cell in row):
                continue
            cell = {key: (row[index].strip() if index < len(row) else "") for key, index in columns.items()}
            url = normalise_url(cell.get("url", ""))
            if url is None:
                report.errors.append((line, f"网址“{cell.get('url', '')}”无效"))
                continue
            if not cell.get("name"):
                report.errors.append((line, "缺少网站名称"))
                continue
            code = cell.get("site_code", "")
            if code and (problem := site_code_problem(code)):
                report.warnings.append(
                    (line, f"{cell['name']}：{problem}")
                )  # imported anyway: it is what the site shows
            _, created = MonitoredSite.objects.update_or_create(
                url=url, defaults={"name": cell["name"], "site_code": code, "region": cell.get("region", "")}
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report
