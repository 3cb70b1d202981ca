"""A survey's answers as an .xlsx workbook for staff: one row per questionnaire, free text masked."""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from govsite.core.masking import mask_text
from govsite.interaction.surveys.models import Answer, SurveyPage
from govsite.interaction.surveys.results import survey_results


def responses_workbook(survey: SurveyPage) -> bytes:
    questions = survey.question_list()
    book = Workbook()
    sheet = book.active
    sheet.title = "答卷"
    sheet.append(
        ["序号", "提交时间", *[f"{number}. {q.text}" for number, q in enumerate(questions, start=1)]]
    )
    chosen: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    answers = Answer.objects.filter(survey=survey).order_by("response_id", "question", "option", "pk")
    for response_id, question, option, text in answers.values_list(
        "response_id", "question", "option", "text"
    ):
        chosen[response_id][question].append(option if option is not None else text)
    responses = survey.responses.order_by("submitted_at", "pk").values_list("pk", "submitted_at")
    for number, (response_id, submitted_at) in enumerate(responses, start=1):
        row = [number, timezone.localtime(submitted_at).strftime("%Y-%m-%d %H:%M")]
        for question in questions:
            values = chosen[response_id].get(question.id, [])
            if question.is_choice:
                row.append(
                    "；".join(
                        question.options[v]
                        for v in values
                        if isinstance(v, int) and v < len(question.options)
                    )
                )
            else:
                row.append(mask_text(values[0]) if values else "")
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 18
    for index in range(len(questions)):
        sheet.column_dimensions[get_column_letter(index + 3)].width = 30
    sheet.freeze_panes = "C2"

    results = survey_results(survey)
    summary = book.create_sheet("统计")
    summary.append(["调查", survey.title])
    summary.append(["有效答卷", results.responses])
    for result in results.questions:
        summary.append([])
        summary.append([f"{result.number}. {result.question.text}", f"{result.answered} 人作答"])
        for option in result.options:
            summary.append([option.label, option.count, f"{option.percent:.1f}%"])
    summary.column_dimensions["A"].width = 50
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
