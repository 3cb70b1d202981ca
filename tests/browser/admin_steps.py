"""Staff steps in the Wagtail admin that the browser journeys share: log in, act on a workflow panel."""

from __future__ import annotations

import re
from collections.abc import Callable


def log_in(context, base: str, username: str, password: str):
    """A new page of ``context``, logged in to the admin as ``username``."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name=re.compile("登录")).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def take_step(staff_page, panel_id: str, label: str, fill: Callable | None = None) -> None:
    """Open the step's panel (``<details id=panel_id>``) on a case's admin page, fill it in, submit it,
    and require the admin's "已<label>" confirmation (else fail with the form's errors)."""
    panel = staff_page.locator(f"#{panel_id}")
    panel.locator("summary").click()
    if fill is not None:
        fill(panel)
    with staff_page.expect_navigation():
        panel.get_by_role("button", name=label, exact=True).click()
    assert f"已{label}" in staff_page.content(), staff_page.locator(
        ".help-critical, .error-message"
    ).all_inner_texts()
