"""The public side of a consultation: the draft, the comment form, the thank-you page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.masking import mask_name, mask_text
from govsite.interaction import throttle
from govsite.interaction.consultations.forms import CommentForm
from govsite.interaction.consultations.models import Comment, ConsultationPage, ConsultationState

SCOPE = "consultations"
COMMENTS_PER_PAGE = 20


def clock() -> datetime.datetime:
    """The current instant (tests replace it to stand exactly on a boundary)."""
    return timezone.now()


@dataclass(frozen=True)
class PublicComment:
    """A comment as the public sees it: no phone, no e-mail, the name and the text masked."""

    name: str
    clause: str
    content: str
    submitted_at: datetime.datetime
    adoption: str
    adoption_note: str
    channel: str = ""  # for a comment received offline: 信函, 传真 … (and the day, not the instant)
    received_on: datetime.date | None = None

    @classmethod
    def of(cls, comment: Comment, with_adoption: bool) -> PublicComment:
        return cls(
            name=mask_name(comment.name),
            clause=mask_text(comment.clause),
            content=mask_text(comment.content),
            submitted_at=comment.submitted_at,
            channel=comment.get_channel_display() if comment.is_offline else "",
            received_on=comment.received_on,
            adoption=comment.get_adoption_display() if with_adoption and comment.adoption else "",
            adoption_note=comment.adoption_note if with_adoption and comment.adoption else "",
        )


def refusal_for(state: ConsultationState) -> str:
    if state == ConsultationState.UPCOMING:
        return _("本次意见征集尚未开始，暂不接收意见。")
    return _("本次意见征集已结束，不再接收意见。感谢您的关注。")


def render_consultation(
    page: ConsultationPage,
    request: HttpRequest,
    *,
    now: datetime.datetime,
    form: CommentForm | None = None,
    refusal: str = "",
    kept_content: str = "",
    status: int = 200,
) -> HttpResponse:
    state = page.state(now)
    answered = state == ConsultationState.ANSWERED
    paginator = Paginator(page.public_comments(), COMMENTS_PER_PAGE)
    comments = paginator.get_page(request.GET.get("page"))
    context = {
        "state": state,
        "states": ConsultationState,
        "form": form if form is not None else (CommentForm() if state == ConsultationState.OPEN else None),
        "refusal": refusal or ("" if state == ConsultationState.OPEN else refusal_for(state)),
        "kept_content": kept_content,
        "items": comments,
        "public_comments": [PublicComment.of(comment, answered) for comment in comments.object_list],
        "counts": page.feedback_counts() if answered else None,
        "days_left": max(0, (timezone.localdate(page.end_at) - timezone.localdate(now)).days),
    }
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


def consultation(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    return render_consultation(page, request, now=clock())


def submit_comment(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect(page.get_url(request) + "#comment-form")
    now = clock()
    state = page.state(now)
    if state != ConsultationState.OPEN:
        # Say why, and give the writer's text back so that it can go by another channel.
        return render_consultation(
            page, request, now=now, refusal=refusal_for(state), kept_content=request.POST.get("content", ""),
            status=403,
        )  # fmt: skip
    form = CommentForm(request.POST)
    limited = throttle.check_address(request, SCOPE)  # every POST counts, errors too (CAPTCHA guessing)
    valid = form.is_valid()
    if limited is None and valid:
        limited = throttle.check_phone(request, SCOPE, form.cleaned_data["phone"])
        if limited is None:
            comment = form.save(commit=False)
            comment.consultation = page
            comment.submitted_at = now
            comment.save()
            return redirect(page.get_url(request) + page.reverse_subpage("thanks"))
    if limited is not None:
        form.add_error(None, limited.message)
    return render_consultation(page, request, now=now, form=form, status=429 if limited else 200)


def thanks(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    return page.render(request, template="consultations/thanks.html")
