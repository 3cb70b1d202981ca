"""Shared helpers for the interaction apps' tests: solving the self-hosted CAPTCHA, fresh rate limits."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

_HASHKEY = re.compile(
    r'name="captcha_0"[^>]*value="([0-9a-f]{40})"|value="([0-9a-f]{40})"[^>]*name="captcha_0"'
)


def captcha_fields(html: str) -> dict[str, str]:
    """The CAPTCHA's form fields, answered, from a page that shows the form (as a person would read it)."""
    from captcha.models import CaptchaStore

    match = _HASHKEY.search(html)
    assert match, "the page shows no CAPTCHA"
    hashkey = match.group(1) or match.group(2)
    return {"captcha_0": hashkey, "captcha_1": CaptchaStore.objects.get(hashkey=hashkey).response}


@pytest.fixture
def solve_captcha():
    return captcha_fields


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()
