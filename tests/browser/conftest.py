"""Playwright driving Debian's Chromium (Playwright's own browser download is not available here)."""

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path(os.environ.get("GOVSITE_CHROMIUM", "/usr/bin/chromium"))
# Flags a root, offline, headless machine needs: no sandbox as root, and no calls to outside services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip


# Module scope: Playwright's sync API keeps an event loop running in this thread while the browser is
# open, which would break later tests in the same worker that run asyncio code of their own.
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs it with apt-get when it can)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are
    # plain synchronous calls, so Django's async-safety guard would refuse them without this.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # With that loop running, Django keeps this thread's connections in a context variable instead of the
    # thread's own storage, so the tests would get fresh connections that know nothing of the test database's
    # serialized contents (and other tests' committing teardown would not restore them). Keep the same ones.
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
