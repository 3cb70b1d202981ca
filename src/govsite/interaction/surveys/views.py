"""The public side of a survey: the questionnaire, the one-answer guard, the thank-you page, the results."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govsite.interaction import throttle
from govsite.interaction.surveys import guard
from govsite.interaction.surveys.charts import bar_chart
from govsite.interaction.surveys.forms import SurveyForm
from govsite.interaction.surveys.models import Answer, Response, SurveyPage, SurveyState
from govsite.interaction.surveys.results import survey_results

SCOPE = "surveys"


def clock() -> datetime.datetime:
    """The current instant (tests replace it to stand exactly on a boundary)."""
    return timezone.now()


def charted_results(survey: SurveyPage) -> dict:
    results = survey_results(survey)
    questions = [
        {"result": result, "chart": bar_chart(result.options, result.question.text) if result.options else ""}
        for result in results.questions
    ]
    return {"results": results, "charted_questions": questions}


def refusal_for(state: SurveyState) -> str:
    if state == SurveyState.UPCOMING:
        return _("本次调查尚未开始。")
    return _("本次调查已结束，感谢您的关注。")


ALREADY_ANSWERED = gettext_lazy("您已参加过本次调查，每人只能提交一次。感谢您的参与！")


def render_survey(
    survey: SurveyPage,
    request: HttpRequest,
    *,
    now: datetime.datetime,
    form: SurveyForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    state = survey.state(now)
    answered = guard.has_answered(request, survey)
    if form is None and state == SurveyState.OPEN and not answered and not refusal:
        form = SurveyForm(survey.question_list(), initial={"ticket": guard.new_ticket(survey)})
    if not refusal:
        refusal = (
            str(ALREADY_ANSWERED) if answered else ("" if state == SurveyState.OPEN else refusal_for(state))
        )
    context = {
        "state": state,
        "form": form,
        "refusal": refusal,
        "answered": answered,
        "results_visible": survey.results_visible(now),
    }
    if context["results_visible"]:
        context.update(charted_results(survey))
    response = survey.render(request, context_overrides=context)
    response.status_code = status
    return response


def survey(page: SurveyPage, request: HttpRequest) -> HttpResponse:
    return render_survey(page, request, now=clock())


def submit(page: SurveyPage, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect(page.get_url(request))
    now = clock()
    state = page.state(now)
    if state != SurveyState.OPEN:
        return render_survey(page, request, now=now, refusal=refusal_for(state), status=403)
    if guard.has_answered(request, page):
        return render_survey(page, request, now=now, refusal=str(ALREADY_ANSWERED), status=409)
    token = guard.token_of(page, request.POST.get("ticket", ""))
    data = request.POST.copy()
    if token is None:
        data["ticket"] = guard.new_ticket(page)  # the form comes back with a ticket that will work
    form = SurveyForm(page.question_list(), data)
    limited = throttle.check_address(request, SCOPE)  # every POST counts, errors too
    valid = form.is_valid()
    if limited is not None:
        form.add_error(None, limited.message)
    elif token is None:
        form.add_error(None, _("问卷已过期，请核对下方已填写的答案后重新提交"))
    elif valid:
        if guard.ticket_used(page, token):
            return render_survey(page, request, now=now, refusal=str(ALREADY_ANSWERED), status=409)
        try:
            store(page, form, token, now)
        except IntegrityError:  # the same questionnaire sent twice at once
            return render_survey(page, request, now=now, refusal=str(ALREADY_ANSWERED), status=409)
        response = redirect(page.get_url(request) + page.reverse_subpage("thanks"))
        guard.remember(response, request, page, token)
        return response
    return render_survey(page, request, now=now, form=form, status=429 if limited else 200)


@transaction.atomic
def store(page: SurveyPage, form: SurveyForm, token: str, now: datetime.datetime) -> Response:
    response = Response.objects.create(survey=page, submitted_at=now, ticket_digest=guard.digest(token))
    rows = []
    for question, options, text in form.answers():
        if options:
            rows += [Answer(response=response, survey=page, question=question.id, option=o) for o in options]
        else:
            rows.append(Answer(response=response, survey=page, question=question.id, text=text))
    Answer.objects.bulk_create(rows)
    return response


def thanks(page: SurveyPage, request: HttpRequest) -> HttpResponse:
    return page.render(
        request,
        template="surveys/thanks.html",
        context_overrides={"results_visible": page.results_visible(clock())},
    )


def results(page: SurveyPage, request: HttpRequest) -> HttpResponse:
    now = clock()
    if not page.results_visible(now):
        context = {"refusal": _("本调查结束后公布结果。") if page.state(now) != SurveyState.UPCOMING
                   else _("本次调查尚未开始。")}  # fmt: skip
        response = page.render(request, template="surveys/results.html", context_overrides=context)
        response.status_code = 403
        return response
    return page.render(request, template="surveys/results.html", context_overrides=charted_results(page))
