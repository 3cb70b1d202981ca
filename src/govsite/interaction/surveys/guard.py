"""One answer per person, as far as a public form can tell without accounts.

Every questionnaire carries a ticket: a random token signed by the server. An accepted answer stores the
ticket's digest (unique per survey, so one rendered form is accepted once) and hands the token back to the
browser in a signed cookie, by which the browser is recognised afterwards. Clearing cookies gets around
it, so a per-address rate limit and the CAPTCHA bound what one person can add.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.http import HttpRequest, HttpResponse

from govsite.interaction.surveys.models import Response, SurveyPage

COOKIE_SALT = "govsite.surveys.answered"
COOKIE_AGE = 2 * 365 * 24 * 3600
TICKET_AGE = 24 * 3600  # a questionnaire left open longer must be reloaded


def cookie_name(survey: SurveyPage) -> str:
    return f"govsite_survey_{survey.pk}"


def ticket_salt(survey: SurveyPage) -> str:
    return f"govsite.surveys.ticket:{survey.pk}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_ticket(survey: SurveyPage) -> str:
    return signing.dumps(secrets.token_urlsafe(18), salt=ticket_salt(survey))


def token_of(survey: SurveyPage, ticket: str) -> str | None:
    """The token inside a ticket this server issued for this survey, or None."""
    try:
        return signing.loads(ticket, salt=ticket_salt(survey), max_age=TICKET_AGE)
    except signing.BadSignature:
        return None


def ticket_used(survey: SurveyPage, token: str) -> bool:
    return Response.objects.filter(survey=survey, ticket_digest=digest(token)).exists()


def has_answered(request: HttpRequest, survey: SurveyPage) -> bool:
    token = request.get_signed_cookie(cookie_name(survey), default=None, salt=COOKIE_SALT)
    return bool(token) and ticket_used(survey, token)


def remember(response: HttpResponse, request: HttpRequest, survey: SurveyPage, token: str) -> None:
    response.set_signed_cookie(
        cookie_name(survey), token, salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
        secure=request.is_secure(),
    )  # fmt: skip
