"""xlsx workbook for offices: one row per site on 概览, one row per finding on 问题清单."""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from govsite.supervision.reports.render import report_score
from govsite.supervision.reports.text import _severity


def render_xlsx(reports: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    overview = book.active
    overview.title = "概览"
    overview.append(
        ["网站名称", "首页地址", "网站标识码", "检查日期", "结论", "得分", "单项否决", "扣分合计", "抓取页面"]
    )
    findings = book.create_sheet("问题清单")
    findings.append(["网站名称", "首页地址", "类别", "指标", "问题", "扣分", "证据"])
    unchecked = book.create_sheet("未能检查")
    unchecked.append(["网站名称", "项目", "地址", "原因"])
    for data in reports:
        verdict, site = data["verdict"], data["site"]
        name = site["name"] or site["url"]
        overview.append([name, site["url"], site["site_code"], verdict["date"], data["outcome"],
                         score if (score := report_score(data)) is not None else "不计分",
                         "、".join(f["title"] for f in verdict["findings"] if f["severity"] == "veto"),
                         verdict["deducted"], data["crawl"]["pages_fetched"]])  # fmt: skip
        for finding in verdict["findings"]:
            evidence = json.dumps(finding["evidence"], ensure_ascii=False)[:30000]  # a cell holds 32,767
            findings.append([name, site["url"], _severity(finding["severity"]), finding["title"],
                             finding["summary"], finding["points"], evidence])  # fmt: skip
        for item in verdict["unchecked"]:
            unchecked.append([name, item["what"], item["url"], item["reason"]])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            widest = max(len(str(cell.value or "")) for cell in column[:200])
            sheet.column_dimensions[column[0].column_letter].width = min(max(10, widest * 1.6), 80)
    for row in findings.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
