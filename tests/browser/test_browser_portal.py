"""A reader's journey through the demo portal in a real browser."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


def test_reader_opens_portal_follows_column_opens_article_and_sees_identity(live_server, page):
    call_command("load_demo", scale="small", today="2026-11-23", verbosity=0)

    page.goto(live_server.url + "/")
    assert page.title() == "西地省人民政府门户网站"
    header = page.locator(".site-title")
    assert "西地省人民政府门户网站" in header.inner_text()

    page.locator(".main-nav").get_by_role("link", name="政府信息公开").click()
    page.wait_for_load_state()
    assert "政府信息公开" in page.locator("h1").first.inner_text()
    page.locator(".column-aside").get_by_role("link", name="通知公告").click()
    page.wait_for_load_state()
    assert "通知公告" in page.locator("h1").inner_text()

    first_item = page.locator(".item-list li a").first
    title = first_item.get_attribute("title")
    first_item.click()
    page.wait_for_load_state()
    assert page.locator("h1.article-title").inner_text() == title
    assert re.search(r"发布日期：\d{4}-\d{2}-\d{2}", page.locator(".article-meta").inner_text())
    assert "正文" in page.locator(".breadcrumbs").inner_text()

    footer = page.locator("[data-identity]").inner_text()
    for text in (
        "主办单位：西地省人民政府办公厅",
        "网站标识码：4300000001",
        "湘ICP备05000001号",
        "湘公网安备43010002000001号",
    ):
        assert text in footer

    page.get_by_role("button", name="长者模式").click()
    assert "care-mode" in (page.locator("html").get_attribute("class") or "")
