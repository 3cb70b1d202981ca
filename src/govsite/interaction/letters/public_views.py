"""The public side of a channel: listing (来信选登), writing, receipt, query and one published letter.

Nothing personal reaches these pages unmasked: the listing and the letter page show ``PublicLetter``
values, built here with ``mask_name``/``mask_text``; templates never see a ``Letter``'s writer fields.
The writer sees their own letter in full only after proving the query code.
"""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import db
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from govsite.cluster.context_processors import current_profile
from govsite.core.masking import mask_name, mask_text
from govsite.interaction import querycode, throttle
from govsite.interaction.letters import actions, failure_pages
from govsite.interaction.letters.forms import LetterForm, QueryForm, RatingForm
from govsite.interaction.letters.models import Letter, LetterState
from govsite.interaction.letters.submission import StoreOutcomeUnknown, store_letter

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
RECEIPT_COOKIE = "letters_receipt"
RECEIPT_SALT = "govsite.letters.receipt"
RECEIPT_SECONDS = 600
VERIFIED_KEY = "letters:verified"
MAX_VERIFIED = 20


@dataclass(frozen=True)
class PublicLetter:
    """A published letter as the public may see it: personal data masked."""

    number: str
    subject: str
    writer: str
    content: str
    reply: str
    cannot_handle: bool
    asked: datetime.date
    answered: datetime.date | None
    department: str
    url: str

    @classmethod
    def of(cls, letter: Letter, url: str) -> PublicLetter:
        return cls(
            number=letter.number, subject=mask_text(letter.subject), writer=mask_name(letter.writer_name),
            content=mask_text(letter.content), reply=mask_text(letter.reply),
            cannot_handle=letter.reply_kind == "cannot_handle", asked=letter.received_on,
            answered=letter.answered_on, department=letter.reply_department_name, url=url,
        )  # fmt: skip


def published(channel) -> QuerySet[Letter]:
    return Letter.objects.filter(channel=channel, state=LetterState.PUBLISHED).order_by("-received_at", "-pk")


def channel_index(channel, request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:50]
    letters = published(channel)
    if query:
        letters = letters.filter(
            Q(subject__icontains=query) | Q(content__icontains=query) | Q(reply__icontains=query)
        )
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [
        PublicLetter.of(letter, _letter_url(channel, request, letter)) for letter in page.object_list
    ]
    return channel.render(
        request,
        context_overrides={"items": page, "query": query, "query_form": QueryForm()},
        template="letters/channel_page.html",
    )


def _letter_url(channel, request: HttpRequest, letter: Letter) -> str:
    return channel.get_url(request) + channel.reverse_subpage("letter", args=[letter.number])


def _sub_url(channel, request: HttpRequest, name: str) -> str:
    return channel.get_url(request) + channel.reverse_subpage(name)


# --- writing ----------------------------------------------------------------------------------------


def write(channel, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _write_page(channel, request, LetterForm())
    form = LetterForm(request.POST, request.FILES)
    refusal = throttle.check_address(request, "letters")
    if refusal is not None:
        form.is_valid()  # show field errors too, and keep what was typed
        return _write_page(channel, request, form, error=refusal.message, status=429)
    if not form.is_valid():
        return _write_page(channel, request, form, status=400)
    refusal = throttle.check_phone(request, "letters", form.cleaned_data["writer_phone"])
    if refusal is not None:
        return _write_page(channel, request, form, error=refusal.message, status=429)
    attempt = _attempt(channel, request, form.cleaned_data)
    # Until the letter is stored, a 500 means it was not: say so and give back what was typed.
    failure_pages.on_error_not_stored(request, attempt)
    try:
        submitted = store_letter(channel, form.cleaned_data, client_ip=throttle.client_ip(request))
    except StoreOutcomeUnknown as unknown:
        logger.exception("letter %s on channel %s: commit failed, may be stored", unknown.number, channel.pk)
        return failure_pages.may_be_stored(attempt, unknown.number, unknown.code)
    except db.Error:  # raised before the commit: nothing was stored
        logger.exception("letter could not be stored on channel %s", channel.pk)
        return failure_pages.not_stored(attempt)
    # The letter is committed. A failure from here on (cookie, session, middleware) must not read "try
    # again": the 500 page then shows the number and code the receipt would have.
    failure_pages.on_error_stored(request, attempt, submitted.letter.number, submitted.code)
    # The number and code travel to the receipt page once, in a signed cookie
    # limited to that page: not in the database session, whose save could fail after the commit and leave
    # the writer of a stored letter without a receipt (and writing again).
    receipt_url = _sub_url(channel, request, "receipt")
    response = HttpResponseRedirect(receipt_url)
    receipt = {"channel": channel.pk, "number": submitted.letter.number, "code": submitted.code}
    response.set_signed_cookie(
        RECEIPT_COOKIE, json.dumps(receipt), salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS,
        path=urlsplit(receipt_url).path, secure=request.is_secure(), httponly=True, samesite="Lax",
    )  # fmt: skip
    return response


def _attempt(channel, request: HttpRequest, data: dict) -> failure_pages.Attempt:
    """Gathered while the database works, for pages shown when it may not."""
    try:
        profile = current_profile(request)
    except db.Error:  # only the phone is lost; storing will fail and say so
        profile = None
    return failure_pages.Attempt(
        channel_title=channel.title, channel_url=channel.get_url(request),
        write_url=_sub_url(channel, request, "write"), query_url=_sub_url(channel, request, "query"),
        phone=profile.contact_phone if profile else "", subject=data["subject"], content=data["content"],
    )  # fmt: skip


def _write_page(
    channel, request: HttpRequest, form: LetterForm, error: str = "", status: int = 200
) -> HttpResponse:
    context = {"form": form, "error": error, "current": _("写信")}
    response = channel.render(request, context_overrides=context, template="letters/write.html")
    response.status_code = status
    return response


def receipt(channel, request: HttpRequest) -> HttpResponse:
    """The number and the query code, shown once: the cookie that carried them is deleted here."""
    raw = request.get_signed_cookie(RECEIPT_COOKIE, default=None, salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS)
    try:
        shown = json.loads(raw) if raw else None
    except ValueError:
        shown = None
    if not isinstance(shown, dict) or shown.get("channel") != channel.pk:
        shown = None
    if shown is not None:
        # The letter is stored; if this page cannot be drawn (the database went away after the commit),
        # the 500 page shows the number and code instead of "try again later", and the cookie stays.
        try:
            attempt = _attempt(channel, request, {"subject": "", "content": ""})
        except db.Error:
            attempt = None
        if attempt is not None:
            failure_pages.on_error_stored(request, attempt, str(shown.get("number")), str(shown.get("code")))
    context = {"receipt": shown, "current": _("信件回执")}
    response = channel.render(request, context_overrides=context, template="letters/receipt.html")
    response["Cache-Control"] = "no-store"
    response.delete_cookie(RECEIPT_COOKIE, path=urlsplit(request.path).path, samesite="Lax")
    return response


# --- query and rating --------------------------------------------------------------------------------


def _remember(request: HttpRequest, letter: Letter) -> None:
    verified = [pk for pk in request.session.get(VERIFIED_KEY, []) if pk != letter.pk]
    request.session[VERIFIED_KEY] = [letter.pk, *verified][:MAX_VERIFIED]


def _verified(channel, request: HttpRequest, number: str) -> Letter | None:
    letter = (
        Letter.objects.filter(channel=channel, number=number.strip().upper())
        .select_related("department")
        .first()
    )
    if letter is None or letter.pk not in request.session.get(VERIFIED_KEY, []):
        return None
    return letter


def query(channel, request: HttpRequest) -> HttpResponse:
    error, status = "", 200
    form = QueryForm()
    rating_form = None
    if request.method == "POST" and request.POST.get("action") == "rate":
        letter = _verified(channel, request, request.POST.get("number", ""))
        if letter is None:
            return HttpResponseRedirect(_sub_url(channel, request, "query"))
        rating_form = RatingForm(request.POST)
        if rating_form.is_valid() and actions.can_rate(letter):
            actions.rate(
                letter, rating_form.cleaned_data["satisfaction"], rating_form.cleaned_data["comment"]
            )
            return HttpResponseRedirect(
                f"{_sub_url(channel, request, 'query')}?number={letter.number}&rated=1"
            )
        return _query_page(channel, request, form, letter, rating_form, status=400)
    if request.method == "POST":
        form = QueryForm(request.POST)
        refusal = throttle.check_address(request, "letters-query")
        if refusal is not None:
            error, status = refusal.message, 429
        elif form.is_valid():
            letter = Letter.objects.filter(
                channel=channel, number=form.cleaned_data["number"], query_digest=querycode.digest(form.cleaned_data["code"])
            ).first()  # fmt: skip
            if letter is not None:
                _remember(request, letter)
                return HttpResponseRedirect(f"{_sub_url(channel, request, 'query')}?number={letter.number}")
            error = _("信件编号或查询码不正确，请核对后重新输入")
        else:
            status = 400
        return _query_page(channel, request, form, None, None, error=error, status=status)
    letter = _verified(channel, request, request.GET.get("number", "")) if request.GET.get("number") else None
    return _query_page(channel, request, form, letter, rating_form, rated=bool(request.GET.get("rated")))


def _query_page(
    channel, request, form, letter, rating_form, *, error: str = "", status: int = 200, rated: bool = False
) -> HttpResponse:
    if letter is not None and rating_form is None and actions.can_rate(letter):
        rating_form = RatingForm()
    context = {
        "form": form, "letter": letter, "rating_form": rating_form if letter and actions.can_rate(letter) else None,
        "error": error, "rated": rated, "current": _("信件查询"),
        "status_text": public_status(letter) if letter else "",
    }  # fmt: skip
    response = channel.render(request, context_overrides=context, template="letters/query.html")
    response.status_code = status
    response["Cache-Control"] = "no-store"
    return response


def public_status(letter: Letter) -> str:
    """The state in words for the writer (the internal steps are not the writer's concern)."""
    if letter.state == LetterState.INVALID:
        return _("不予受理")
    if letter.state in LetterState.answered_states():
        return _("已答复")
    if letter.state == LetterState.RECEIVED:
        return _("已收到，等待受理")
    return _("办理中")


# --- one published letter ----------------------------------------------------------------------------


def letter_detail(channel, request: HttpRequest, number: str) -> HttpResponse:
    letter = published(channel).filter(number=number.upper()).first()
    if letter is None:
        raise Http404(_("信件不存在或未公开"))
    item = PublicLetter.of(letter, _letter_url(channel, request, letter))
    context = {"item": item, "current": item.subject}
    return channel.render(request, context_overrides=context, template="letters/letter_detail.html")
