"""The public side of an interview page: what it shows in each state, and the question form's handling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from govsite.interaction import throttle
from govsite.interaction.interviews.forms import QuestionForm
from govsite.interaction.interviews.live import poll_seconds
from govsite.interaction.interviews.models import LiveEntry
from govsite.interaction.interviews.schedule import InterviewState

if TYPE_CHECKING:
    from govsite.interaction.interviews.models import InterviewPage

RATE_SCOPE = "interviews"


def page_context(page: InterviewPage, request: HttpRequest) -> dict:
    state = page.state()
    entries = list(page.published_entries())
    answers = Prefetch(
        "answers",
        queryset=LiveEntry.objects.filter(is_published=True).order_by("pk"),
        to_attr="published_answers",
    )
    questions = list(page.public_questions().prefetch_related(answers))
    return {
        "state": state,
        "guests": page.guests.select_related("photo"),
        "entries": entries,
        "last_entry_id": entries[-1].pk if entries else 0,
        "questions": questions,
        "answered_questions": [question for question in questions if question.published_answers],
        "live_url": reverse("interviews:live", args=[page.pk]),
        "poll_seconds": poll_seconds(),
        "accepts_questions": state != InterviewState.ARCHIVED,
        "asked": request.GET.get("asked") == "1",
        "question_form": QuestionForm(),  # a refused question replaces it with the bound form
    }


def ask(page: InterviewPage, request: HttpRequest) -> HttpResponse:
    """A question from the public: CAPTCHA, rate limits per address and per phone; errors keep the text."""
    if request.method != "POST":
        return HttpResponseRedirect(page.get_url(request) + "#ask")
    form = QuestionForm(request.POST)
    refusal = throttle.check_address(request, RATE_SCOPE)
    valid = form.is_valid()
    status = 200
    if refusal is not None:
        form.add_error(None, refusal.message)
        status = 429
    elif not page.accepts_questions():
        form.add_error(None, _("本期访谈已结束，不再接收提问。"))
        status = 403
    elif valid:
        refusal = throttle.check_phone(request, RATE_SCOPE, form.cleaned_data["phone"])
        if refusal is None:
            question = form.save(commit=False)
            question.interview = page
            question.save()
            return HttpResponseRedirect(page.get_url(request) + "?asked=1#ask")
        form.add_error(None, refusal.message)
        status = 429
    response = page.render(request, context_overrides={"question_form": form})
    response.status_code = status
    return response
