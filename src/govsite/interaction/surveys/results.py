"""A survey's results: per question, how many answered, and per option the count and percentage.

The percentage of an option is of the people who answered that question (for a multiple-choice question
the percentages add up to more than 100). Free-text answers are only counted here; their content is for
staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from govsite.interaction.surveys.blocks import Question
from govsite.interaction.surveys.models import Answer, SurveyPage


@dataclass(frozen=True)
class OptionResult:
    label: str
    count: int
    percent: float  # 0–100, of the people who answered the question


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: Question
    answered: int
    options: tuple[OptionResult, ...] = ()


@dataclass(frozen=True)
class SurveyResults:
    responses: int
    questions: tuple[QuestionResult, ...]


def percent(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def survey_results(survey: SurveyPage) -> SurveyResults:
    answers = Answer.objects.filter(survey=survey).order_by()
    answered = dict(
        answers.values("question").annotate(n=Count("response", distinct=True)).values_list("question", "n")
    )
    chosen: dict[tuple[str, int], int] = {
        (question, option): count
        for question, option, count in answers.filter(option__isnull=False)
        .values("question", "option").annotate(n=Count("pk")).values_list("question", "option", "n")
    }  # fmt: skip
    results = []
    for number, question in enumerate(survey.question_list(), start=1):
        total = answered.get(question.id, 0)
        options = tuple(
            OptionResult(
                label,
                chosen.get((question.id, index), 0),
                percent(chosen.get((question.id, index), 0), total),
            )
            for index, label in enumerate(question.options)
        )
        results.append(QuestionResult(number, question, total, options))
    return SurveyResults(survey.responses.count(), tuple(results))
