"""What the writer sees when storing a letter fails: pages that need no database.

They are shown exactly when the database may be the thing that failed, so their templates are
self-contained (no ``base.html``: no site lookup, no menus) and are rendered without the request (no
context processors). Everything they show is gathered before the letter is stored.

Each page says what is known and no more: not stored (try again, here is what you typed), stored (here
are the number and code the receipt page would have shown), or unknown (check before writing again).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from govsite.core.error_views import set_server_error_page

NOT_STORED_TEMPLATE = "letters/write_not_stored.html"
MAY_BE_STORED_TEMPLATE = "letters/write_may_be_stored.html"


@dataclass(frozen=True)
class Attempt:
    """One submission of the write form, as the failure pages need it."""

    channel_title: str
    channel_url: str
    write_url: str
    query_url: str
    phone: str  # the site's contact phone, to ask whether a letter arrived
    subject: str
    content: str

    def context(self, **extra: Any) -> dict[str, Any]:
        return {**asdict(self), **extra}


def _response(template: str, context: dict[str, Any], status: int) -> HttpResponse:
    response = HttpResponse(render_to_string(template, context), status=status)
    response["Cache-Control"] = "no-store"  # the writer's own text (and maybe a query code)
    return response


def not_stored(attempt: Attempt, status: int = 503) -> HttpResponse:
    return _response(NOT_STORED_TEMPLATE, attempt.context(), status)


def may_be_stored(attempt: Attempt, number: str, code: str) -> HttpResponse:
    return _response(MAY_BE_STORED_TEMPLATE, attempt.context(stored=False, number=number, code=code), 500)


def on_error_not_stored(request: HttpRequest, attempt: Attempt) -> None:
    """If this request ends in a 500 from here on, the letter was not stored."""
    set_server_error_page(request, NOT_STORED_TEMPLATE, attempt.context())


def on_error_stored(request: HttpRequest, attempt: Attempt, number: str, code: str) -> None:
    """If this request ends in a 500 from here on, the letter is stored: show what the receipt would."""
    set_server_error_page(
        request, MAY_BE_STORED_TEMPLATE, attempt.context(stored=True, number=number, code=code)
    )
