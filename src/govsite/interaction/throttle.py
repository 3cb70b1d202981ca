"""Rate limits for public forms, per client address and per phone number (django-ratelimit counters).

Counters live in the default cache: Redis in production, so every web process shares them; the
embedded mode's local-memory cache counts per process, which is what one process needs. Behind a
reverse proxy, set ``GOVSITE_TRUSTED_PROXIES`` to the number of proxies so the client address is read
from X-Forwarded-For instead of the proxy's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

# Default limits; a deployment overrides any of them with settings.GOVSITE_RATE_LIMITS.
DEFAULT_RATES: dict[str, str] = {
    "ip": "20/h",  # every POST from one address: form errors count too (CAPTCHA guessing)
    "phone": "5/d",  # accepted submissions per phone number
}


@dataclass(frozen=True)
class RateLimited:
    """Why a submission was refused, in words the writer can act on."""

    message: str
    seconds_left: int


def rates() -> dict[str, str]:
    return {**DEFAULT_RATES, **getattr(settings, "GOVSITE_RATE_LIMITS", {})}


def client_ip(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "GOVSITE_TRUSTED_PROXIES", 0))
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone)[-11:] or "none"


def _check(request: HttpRequest, scope: str, kind: str, value: str, increment: bool) -> RateLimited | None:
    usage = get_usage(
        request, group=f"govsite:{scope}:{kind}", key=lambda _group, _request: value, rate=rates()[kind],
        increment=increment,
    )  # fmt: skip
    if usage is None or not usage["should_limit"]:
        return None
    minutes = max(1, (max(usage["time_left"], 0) + 59) // 60)
    if kind == "phone":
        message = _("该手机号码提交次数过多，请 %(minutes)d 分钟后再试") % {"minutes": minutes}
    else:
        message = _("提交过于频繁，请 %(minutes)d 分钟后再试") % {"minutes": minutes}
    return RateLimited(message, usage["time_left"])


def check_address(request: HttpRequest, scope: str) -> RateLimited | None:
    """Count one POST from the client's address; the refusal when over the limit."""
    return _check(request, scope, "ip", client_ip(request), increment=True)


def check_phone(
    request: HttpRequest, scope: str, phone: str, *, increment: bool = True
) -> RateLimited | None:
    """Count one accepted submission for ``phone``; the refusal when over the limit."""
    return _check(request, scope, "phone", _phone_key(phone), increment=increment)
