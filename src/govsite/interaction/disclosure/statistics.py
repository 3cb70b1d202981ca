"""Part 三 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): 收到和处理政府信息公开申请情况.

Computed from the requests, never typed:

- 本年新收: requests received in the year, by applicant (自然人, or the organisation's category).
- 上年结转: received before the year and not yet answered or withdrawn when it began.
- 本年度办理结果: requests answered or withdrawn in the year, whenever received, in the row of their answer.
- 结转下年度继续办理: received by the year's end and still not answered or withdrawn at its end.

So every year holds 新收 + 上年结转 = 总计 + 结转下年度, and one year's 结转下年度 is the next year's 上年结转.

Our reading of two rows the template does not name ([local], see docs): 告知作出处理的机关 (the information is
another organ's to disclose) counts as 无法提供 · 本机关不掌握相关政府信息; a withdrawn request as
其他处理 · 其他.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from govsite.interaction.disclosure.choices import (
    AnswerReason,
    AnswerType,
    ApplicantType,
    OrganisationCategory,
    State,
)
from govsite.interaction.disclosure.models import DisclosureRequest

NATURAL_PERSON = "natural_person"
COLUMNS: list[tuple[str, str]] = [
    (NATURAL_PERSON, _("自然人")),
    *[(category.value, category.label) for category in OrganisationCategory],
    ("total", _("总计")),
]
ORGANISATION_COLUMNS = [key for key, _label in COLUMNS if key not in (NATURAL_PERSON, "total")]


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    level: int  # 0: section (一、…), 1: answer type (（一）…), 2: reason (1. …)
    counted: bool = True  # group headings carry no figures, as in the template


def _reason_rows(answer_type: AnswerType, heading: str) -> list[RowSpec]:
    from govsite.interaction.disclosure.choices import REASONS_BY_TYPE

    rows = [RowSpec(answer_type.value, heading, 1, counted=False)]
    for number, reason in enumerate(REASONS_BY_TYPE[answer_type], start=1):
        rows.append(RowSpec(f"{answer_type.value}:{reason}", f"{number}.{AnswerReason(reason).label}", 2))
    return rows


ROWS: list[RowSpec] = [
    RowSpec("new", _("一、本年新收政府信息公开申请数量"), 0),
    RowSpec("carried_in", _("二、上年结转政府信息公开申请数量"), 0),
    RowSpec("results", _("三、本年度办理结果"), 0, counted=False),
    RowSpec(AnswerType.DISCLOSED.value, _("（一）予以公开"), 1),
    RowSpec(AnswerType.PARTIAL.value, _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), 1),
    *_reason_rows(AnswerType.WITHHELD, _("（三）不予公开")),
    *_reason_rows(AnswerType.UNAVAILABLE, _("（四）无法提供")),
    *_reason_rows(AnswerType.NOT_PROCESSED, _("（五）不予处理")),
    *_reason_rows(AnswerType.OTHER, _("（六）其他处理")),
    RowSpec("results_total", _("（七）总计"), 1),
    RowSpec("carried_out", _("四、结转下年度继续办理"), 0),
]


@dataclass
class YearTable:
    year: int
    title: str
    counts: dict[str, Counter]  # row key → column key → number

    def value(self, row: str, column: str = "total") -> int:
        return self.counts.get(row, Counter())[column]

    def rows(self) -> list[tuple[RowSpec, list[int] | None]]:
        return [
            (spec, [self.value(spec.key, key) for key, _label in COLUMNS] if spec.counted else None)
            for spec in ROWS
        ]


def result_row(answer_type: str, reason: str, state: str) -> str:
    """The row of the yearly table where a concluded request is counted."""
    if state == State.WITHDRAWN:
        return f"{AnswerType.OTHER}:{AnswerReason.OTHER}"
    if answer_type == AnswerType.REFERRED:
        return f"{AnswerType.UNAVAILABLE}:{AnswerReason.NOT_HELD}"
    if answer_type in (AnswerType.DISCLOSED, AnswerType.PARTIAL):
        return answer_type
    return f"{answer_type}:{reason}"


def _column(applicant_type: str, category: str) -> str:
    if applicant_type == ApplicantType.CITIZEN:
        return NATURAL_PERSON
    return category if category in ORGANISATION_COLUMNS else OrganisationCategory.OTHER.value


def yearly_table(requests: QuerySet[DisclosureRequest], year: int, title: str = "") -> YearTable:
    """The table for ``year`` over ``requests`` (e.g. one site's)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    counts: dict[str, Counter] = {spec.key: Counter() for spec in ROWS if spec.counted}
    rows = requests.filter(received_on__lte=last).filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=first)
    )
    fields = ("applicant_type", "organisation_category", "received_on", "concluded_on", "state", "answer_type",
              "answer_reason")  # fmt: skip
    for applicant_type, category, received, concluded, state, answer_type, reason in rows.values_list(
        *fields
    ):
        column = _column(applicant_type, category)
        tally = []
        if received >= first:
            tally.append("new")
        else:
            tally.append("carried_in")
        if concluded is not None and concluded <= last:
            tally += [result_row(answer_type, reason, state), "results_total"]
        else:
            tally.append("carried_out")
        for key in tally:
            counts.setdefault(key, Counter())[column] += 1
            counts[key]["total"] += 1
    return YearTable(year=year, title=title, counts=counts)


def years_with_requests(requests: QuerySet[DisclosureRequest]) -> list[int]:
    dates = requests.dates("received_on", "year", order="DESC")
    return [day.year for day in dates]


# -- xlsx -------------------------------------------------------------------------------------------
LABEL_COLUMNS = (
    3  # section (一、…) | answer type (（三）…) | reason (1. …), merged as the template draws them
)


def render_xlsx(table: YearTable) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{table.year}年"
    width = LABEL_COLUMNS + len(COLUMNS)
    first_number = LABEL_COLUMNS + 1
    organisations = len(ORGANISATION_COLUMNS)
    sheet.append(
        [f"{table.title}{table.year}年度政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况"]
    )
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    # Header: 申请人情况 over 自然人 | 法人或其他组织 (five categories) | 总计.
    blank = [""] * LABEL_COLUMNS
    sheet.append([*blank, str(_("申请人情况")), *[""] * (len(COLUMNS) - 1)])
    sheet.append([*blank, str(COLUMNS[0][1]), str(_("法人或其他组织")), *[""] * (organisations - 1),
                  str(COLUMNS[-1][1])])  # fmt: skip
    sheet.append([*blank, "", *[str(label) for key, label in COLUMNS if key in ORGANISATION_COLUMNS], ""])
    sheet.merge_cells(start_row=2, start_column=1, end_row=4, end_column=LABEL_COLUMNS)
    sheet.merge_cells(start_row=2, start_column=first_number, end_row=2, end_column=width)
    sheet.merge_cells(start_row=3, start_column=first_number, end_row=4, end_column=first_number)
    sheet.merge_cells(
        start_row=3, start_column=first_number + 1, end_row=3, end_column=first_number + organisations
    )
    sheet.merge_cells(start_row=3, start_column=width, end_row=4, end_column=width)

    results_start = group_start = None
    group_label = ""
    for spec, values in table.rows():
        if spec.key == "results":
            results_start = sheet.max_row + 1
            section = str(spec.label)
            continue
        row = sheet.max_row + 1
        if spec.level == 2:
            sheet.append(["", group_label if row == group_start else "", str(spec.label), *values])
            continue
        if group_start is not None:  # the reasons of the previous heading end here
            sheet.merge_cells(start_row=group_start, start_column=2, end_row=row - 1, end_column=2)
            group_start = None
        if spec.level == 1 and values is None:  # a heading over reasons: written with its first reason
            group_start, group_label = row, str(spec.label)
            continue
        if spec.level == 0:
            if results_start is not None:
                sheet.merge_cells(start_row=results_start, start_column=1, end_row=row - 1, end_column=1)
                sheet.cell(row=results_start, column=1, value=section)
                results_start = None
            sheet.append([str(spec.label), "", "", *values])
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=LABEL_COLUMNS)
        else:
            sheet.append(["", str(spec.label), "", *values])
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=LABEL_COLUMNS)

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=width):
        for cell in row:
            cell.border = border
            centred = cell.column > LABEL_COLUMNS or cell.row <= 4
            cell.alignment = Alignment(
                horizontal="center" if centred else None, vertical="center", wrap_text=True
            )
    sheet["A1"].font = Font(bold=True, size=13)
    for row in range(2, 5):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for column, size in zip("ABC", (16, 18, 40), strict=True):
        sheet.column_dimensions[column].width = size
    for index in range(first_number, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
