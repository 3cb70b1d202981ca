"""The letters report as an xlsx workbook (openpyxl): figures per department, and the overdue letters."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from govsite.interaction.letters.stats import Figures, Report

HEADERS = (
    "部门", "收到", "有效", "无效", "已答复", "按期答复", "按期答复率", "平均办理工作日",
    "在办", "当前超期", "已公开", "已评价", "满意", "基本满意", "不满意", "满意率",
)  # fmt: skip
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")


def figures_row(figures: Figures) -> list:
    return [
        figures.label, figures.received, figures.valid, figures.invalid, figures.answered, figures.on_time,
        _ratio(figures.on_time_rate), _round(figures.average_working_days), figures.open_now, figures.overdue_now,
        figures.published, figures.rated, figures.satisfied, figures.basically, figures.dissatisfied,
        _ratio(figures.satisfaction_rate),
    ]  # fmt: skip


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def render_xlsx(report: Report, overdue_letters: list, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "办理统计"
    period = f"{report.start or '—'} 至 {report.end or '—'}"
    sheet.append([title])
    sheet.append([f"来信时间：{period}；统计日期：{report.today}"])
    sheet.append(list(HEADERS))
    for cell in sheet[3]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    for figures in [*report.rows, report.total]:
        sheet.append(figures_row(figures))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=7):
        row[0].number_format = "0.0%"
    for row in sheet.iter_rows(min_row=4, min_col=16, max_col=16):
        row[0].number_format = "0.0%"
    sheet.column_dimensions["A"].width = 30
    sheet["A1"].font = Font(bold=True, size=14)

    late = book.create_sheet("超期未办结")
    late.append(["信件编号", "标题", "渠道", "办理部门", "来信时间", "办理期限", "状态"])
    for cell in late[1]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    for letter in overdue_letters:
        late.append([
            letter.number, letter.subject, letter.channel.title, letter.department.name if letter.department else "",
            letter.received_on.isoformat(), letter.due_date.isoformat(), letter.get_state_display(),
        ])  # fmt: skip
    late.column_dimensions["B"].width = 40
    for row in late.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
