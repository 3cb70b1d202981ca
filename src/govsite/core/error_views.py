"""Error pages that render without the database (400, 403, CSRF failure, 500).

Django's own 400/403/CSRF views render with the request, so every context processor runs, and
``site_identity`` looks the site up in the database: with the database down, or with a Host header that
``get_host()`` refuses, the error page itself would fail. These views render their self-contained
templates with no request, hence no context processors and no queries.

A view that knows better than "please try again later" (the letters form, once a letter may already be
stored) registers its own self-contained 500 page on the request with ``set_server_error_page``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

_SERVER_ERROR_PAGE = "_govsite_server_error_page"


def set_server_error_page(request: HttpRequest, template: str, context: dict[str, Any]) -> None:
    """Show ``template`` (self-contained: no base.html, no database) if this request ends in a 500."""
    setattr(request, _SERVER_ERROR_PAGE, (template, context))


def clear_server_error_page(request: HttpRequest) -> None:
    if hasattr(request, _SERVER_ERROR_PAGE):
        delattr(request, _SERVER_ERROR_PAGE)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _no_store(HttpResponseBadRequest(render_to_string("400.html")))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _no_store(HttpResponseForbidden(render_to_string("403.html")))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _no_store(HttpResponseForbidden(render_to_string("403_csrf.html")))


def server_error(request: HttpRequest) -> HttpResponse:
    page = getattr(request, _SERVER_ERROR_PAGE, None)
    if page is not None:
        template, context = page
        try:
            return _no_store(HttpResponseServerError(render_to_string(template, context)))
        except Exception:  # the generic page below must still be shown
            logger.exception("the error page %s could not be rendered", template)
    return _no_store(HttpResponseServerError(render_to_string("500.html")))
