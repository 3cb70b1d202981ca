"""Public views of a 依申请公开 page: apply, receipt (once), query with number and code, the applicant's
补正 and 撤回, and answer documents.

The receipt's number and query code travel from the form to the receipt page once, in a signed cookie
limited to that page (see ``_to_receipt``). An applicant who gives a request's number and query code is
remembered for that page in the browser session; the follow-up actions and downloads need that, nothing
else. Everything shown is masked
(``public.py``): the page is public even if what it shows is meant for one person.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from govsite.interaction import throttle
from govsite.interaction.disclosure import public, workflow
from govsite.interaction.disclosure.choices import OPEN_STATES, State
from govsite.interaction.disclosure.forms import ApplicationForm, CompletionForm, QueryForm, WithdrawForm
from govsite.interaction.disclosure.models import DisclosureDocument, DisclosureRequest, DisclosureRequestPage

SCOPE = "disclosure"
QUERY_SCOPE = "disclosure-query"
RECEIPT_COOKIE = "disclosure_receipt"
RECEIPT_SALT = "govsite.disclosure.receipt"
RECEIPT_SECONDS = 600
VERIFIED_KEY = "disclosure_verified"


def _render(page, request, template, context, status=200) -> TemplateResponse:
    base = page.get_context(request)
    base.update(context)
    response = TemplateResponse(request, template, base, status=status)
    add_never_cache_headers(response)
    return response


def _url(page: DisclosureRequestPage, request: HttpRequest, name: str, *args) -> str:
    base = page.get_url(request=request) or page.url or "/"
    return base.rstrip("/") + "/" + page.reverse_subpage(name, args=args or None)


# -- apply --------------------------------------------------------------------------------------------
def apply(page: DisclosureRequestPage, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        refusal = throttle.check_address(request, SCOPE)
        if refusal is None and form.is_valid():
            refusal = throttle.check_phone(request, SCOPE, form.cleaned_data["phone"])
            if refusal is None:
                created, code = workflow.submit(
                    page, form.request_fields(), form.cleaned_data.get("attachment") or None
                )
                return _to_receipt(page, request, created, code)
        if refusal is not None:
            form.is_valid()
            form.add_error(None, refusal.message)
            return _render(page, request, "disclosure/apply.html", {"form": form}, status=429)
        return _render(page, request, "disclosure/apply.html", {"form": form})
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return _render(page, request, "disclosure/apply.html", {"form": ApplicationForm()})


def _to_receipt(
    page: DisclosureRequestPage, request: HttpRequest, created: DisclosureRequest, code: str
) -> HttpResponse:
    """Redirect to the receipt with the number and code in a short-lived signed cookie for that page only.

    The request is committed by now and its code is stored only as a digest. Carried in the database
    session, the code was lost whenever the session's save failed after the commit: the applicant got an
    error page instead of the receipt, for a request they could then never query.
    """
    url = _url(page, request, "receipt")
    response = redirect(url)
    receipt_data = {"page": page.pk, "request": created.pk, "code": code}
    response.set_signed_cookie(
        RECEIPT_COOKIE, json.dumps(receipt_data), salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS,
        path=urlsplit(url).path, secure=request.is_secure(), httponly=True, samesite="Lax",
    )  # fmt: skip
    return response


def _receipt_data(page: DisclosureRequestPage, request: HttpRequest) -> dict | None:
    raw = request.get_signed_cookie(RECEIPT_COOKIE, default=None, salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS)
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("page") != page.pk:
        return None
    if not (isinstance(data.get("request"), int) and isinstance(data.get("code"), str)):
        return None
    return data


def receipt(page: DisclosureRequestPage, request: HttpRequest) -> HttpResponse:
    """The number and code, once: the cookie that carried them is deleted here, so reloading shows the
    notice that the code is no longer displayed."""
    data = _receipt_data(page, request)
    created = None
    if data is not None:
        created = DisclosureRequest.objects.filter(pk=data["request"], page=page).first()
    context = {"receipt": public.receipt(created, data["code"]) if created else None}
    response = _render(page, request, "disclosure/receipt.html", context)
    response.delete_cookie(RECEIPT_COOKIE, path=urlsplit(request.path).path, samesite="Lax")
    return response


# -- query --------------------------------------------------------------------------------------------
def _verified(page: DisclosureRequestPage, request: HttpRequest) -> DisclosureRequest | None:
    pk = request.session.get(VERIFIED_KEY, {}).get(str(page.pk))
    if pk is None:
        return None
    return DisclosureRequest.objects.filter(pk=pk, page=page).prefetch_related("consultations").first()


def _remember(page: DisclosureRequestPage, request: HttpRequest, found: DisclosureRequest | None) -> None:
    verified = dict(request.session.get(VERIFIED_KEY, {}))
    if found is None:
        verified.pop(str(page.pk), None)
    else:
        verified[str(page.pk)] = found.pk
    request.session[VERIFIED_KEY] = verified


def query(page: DisclosureRequestPage, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = QueryForm(request.POST)
        refusal = throttle.check_address(request, QUERY_SCOPE)
        if refusal is not None:
            form.is_valid()
            form.add_error(None, refusal.message)
            return _render(page, request, "disclosure/query.html", {"query_form": form}, status=429)
        if form.is_valid():
            found = workflow.find_by_code(page, form.cleaned_data["number"], form.cleaned_data["code"])
            if found is not None:
                _remember(page, request, found)
                return redirect(_url(page, request, "query"))
            form.add_error(None, _("申请编号或查询码不正确，请核对后重新输入"))
        return _render(page, request, "disclosure/query.html", {"query_form": form})
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    found = _verified(page, request)
    if found is None:
        return _render(page, request, "disclosure/query.html", {"query_form": QueryForm()})
    return _render(page, request, "disclosure/query.html", _result_context(page, request, found))


def _result_context(page, request, found, **forms) -> dict:
    context = {"result": public.progress(found, lambda doc: _url(page, request, "document", doc.pk))}
    if found.state == State.INCOMPLETE:
        context["completion_form"] = forms.get("completion_form") or CompletionForm()
    if found.state in OPEN_STATES:
        context["withdraw_form"] = forms.get("withdraw_form") or WithdrawForm()
    return context


def query_action(page: DisclosureRequestPage, request: HttpRequest, action: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action == "leave":
        _remember(page, request, None)
        return redirect(_url(page, request, "query"))
    if action not in ("complete", "withdraw"):
        raise Http404
    found = _verified(page, request)
    if found is None:
        return redirect(_url(page, request, "query"))
    if refusal := throttle.check_address(request, SCOPE):
        context = _result_context(page, request, found)
        context["action_error"] = refusal.message
        return _render(page, request, "disclosure/query.html", context, status=429)
    if action == "complete":
        form, name = CompletionForm(request.POST, request.FILES), "receive_completion"
        forms = {"completion_form": form}
    else:
        form, name = WithdrawForm(request.POST), "withdraw"
        forms = {"withdraw_form": form}
    steps = form.step_data() if form.is_valid() else None
    if steps is not None:
        try:
            workflow.perform(found, name, actor_label=str(workflow.APPLICANT), **steps)
            return redirect(_url(page, request, "query"))
        except workflow.WorkflowError as error:
            form.add_error(None, error.message)
            found.refresh_from_db()
    return _render(page, request, "disclosure/query.html", _result_context(page, request, found, **forms))


def document(page: DisclosureRequestPage, request: HttpRequest, document_id: int) -> HttpResponse:
    found = _verified(page, request)
    if found is None or found.state not in (State.ANSWERED, State.CLOSED):
        raise Http404
    item = DisclosureDocument.objects.filter(pk=document_id, request=found).first()
    if item is None:
        raise Http404
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)
    add_never_cache_headers(response)
    return response
