"""A consultation's comments as an .xlsx workbook for staff (the full record: staff contact writers)."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from govsite.interaction.consultations.models import ConsultationPage

HEADERS = ["序号", "提交时间", "姓名", "联系电话", "电子邮箱", "针对条款", "意见建议", "审核状态", "审核人", "审核时间",
           "不予通过理由", "采纳情况", "采纳说明", "提交渠道", "收到日期", "录入人"]  # fmt: skip
WIDTHS = [6, 18, 10, 15, 22, 14, 60, 10, 12, 18, 20, 10, 40, 10, 12, 12]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def comments_workbook(consultation: ConsultationPage) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "征集意见"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    comments = consultation.comments.select_related("moderated_by", "entered_by").order_by(
        "submitted_at", "pk"
    )
    for number, comment in enumerate(comments, start=1):
        sheet.append([
            number, _when(comment.submitted_at), comment.name, comment.phone, comment.email, comment.clause,
            comment.content, comment.get_status_display(), _who(comment.moderated_by),
            _when(comment.moderated_at), comment.rejection_reason,
            comment.get_adoption_display() if comment.adoption else "", comment.adoption_note,
            comment.get_channel_display(), f"{comment.received_date:%Y-%m-%d}", _who(comment.entered_by),
        ])  # fmt: skip
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"

    counts = consultation.feedback_counts()
    summary = book.create_sheet("统计")
    summary.append(["意见征集", consultation.title])
    summary.append(["征集单位", consultation.organ])
    summary.append(["征集时间", f"{_when(consultation.start_at)} 至 {_when(consultation.end_at)}"])
    summary.append(["有效意见", counts.received])
    summary.append(["其中线下", counts.offline])
    summary.append(["待审核", counts.pending])
    summary.append(["未通过", counts.rejected])
    summary.append(["采纳", counts.adopted])
    summary.append(["部分采纳", counts.partly])
    summary.append(["未采纳", counts.not_adopted])
    summary.append(["反馈发布时间", _when(consultation.feedback_published_at) or "未发布"])
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 60
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
