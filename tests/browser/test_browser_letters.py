"""A citizen writes to the 市长信箱, staff answer in the admin, the citizen reads the reply with the number and
query code, and the public listing (来信选登) shows the letter with the writer's name and phone masked."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from browser.admin_steps import log_in, take_step
from govsite.cluster.models import Department
from govsite.columns.models import ColumnPage
from govsite.core.masking import mask_name, mask_phone
from govsite.interaction.letters import actions
from govsite.interaction.letters.models import Letter, LetterState
from govsite.interaction.letters.pages import LetterChannelPage
from govsite.interaction.letters.submission import store_letter

pytestmark = pytest.mark.browser

PASSWORD = "govsite-browser-pw"

NAME = "欧阳建国"
PHONE = "13907315678"
EMAIL = "ouyangjg@example.cn"
SUBJECT = "青山路地铁工地夜间施工噪音扰民"
CONTENT = (
    "青山路地铁站工地连续两周在夜里十二点以后施工，渣土车进出噪音很大，附近居民无法休息，"
    "请督促施工单位遵守夜间施工规定。"
)
REPLY = (
    "您好！经市住房和城乡建设局11月24日夜间现场检查，青山路地铁站工地确有超时施工。我局已责令施工单位"
    "停止22时后的渣土外运，并在工地东门安装噪声监测屏，由街道每晚巡查至12月31日。"
)


def staff_user(username: str, *, superuser: bool = False):
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, f"{username}@example.cn", PASSWORD)
    user = users.create_user(username, f"{username}@example.cn", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def test_citizen_writes_staff_answer_in_admin_citizen_reads_reply_public_sees_it_masked(
    live_server, browser, page, home
):
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))
    channel = column.add_child(
        instance=LetterChannelPage(title="市长信箱", notice="<p>我们将在7个工作日内答复。</p>")
    )
    housing = Department.objects.create(site=home.get_site(), name="市住房和城乡建设局")
    housing.members.add(staff_user("handler"))  # a member of the department, not a superuser
    staff_user("director", superuser=True)
    base = live_server.url

    # The citizen opens the channel, clicks 写信 and fills in the form.
    page.goto(base + channel.url)
    page.get_by_role("link", name="我要写信").click()
    page.wait_for_url(re.compile(r"/write/$"))
    page.fill("#id_writer_name", NAME)
    page.fill("#id_writer_phone", PHONE)
    page.fill("#id_writer_email", EMAIL)
    page.fill("#id_subject", SUBJECT)
    page.fill("#id_content", CONTENT)
    assert page.is_checked("#id_agrees_to_publish")
    hashkey = page.locator("input[name=captcha_0]").get_attribute("value")
    page.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=hashkey).response)
    page.get_by_role("button", name="提交信件").click()

    # The receipt: the number and the query code, once.
    page.wait_for_url(re.compile(r"/receipt/$"))
    assert "您的信件已成功提交" in page.content()
    number = page.locator("#letter-number").inner_text().strip()
    code = page.locator("#letter-code").inner_text().strip()
    assert re.fullmatch(r"SZXX-\d{8}-\d{4}", number)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)
    letter = Letter.objects.get(number=number)
    assert (letter.writer_name, letter.writer_phone, letter.subject) == (NAME, PHONE, SUBJECT)
    assert letter.state == LetterState.RECEIVED

    # Staff move it through the workflow in the admin: the director accepts and assigns it, the department's
    # handler signs and drafts the reply, the director (not the drafter: four eyes) approves and publishes.
    director_context = browser.new_context(locale="zh-CN")
    handler_context = browser.new_context(locale="zh-CN")
    try:
        director = log_in(director_context, base, "director", PASSWORD)
        director.goto(base + "/admin/letters/")
        director.get_by_role("link", name=SUBJECT).click()
        director.wait_for_url(re.compile(rf"/admin/letters/{letter.pk}/$"))
        assert NAME in director.locator("#letter-writer").inner_text()  # staff see the writer in full
        take_step(director, "action-assess_valid", "受理")
        take_step(
            director,
            "action-assign",
            "交办",
            lambda form: form.locator("select").select_option(label=housing.name),
        )
        assert "已交办，待签收" in director.locator("#letter-state").inner_text()

        clerk = log_in(handler_context, base, "handler", PASSWORD)
        clerk.goto(base + f"/admin/letters/{letter.pk}/")
        take_step(clerk, "action-sign", "签收")
        take_step(
            clerk, "action-draft_reply", "拟写答复", lambda form: form.locator("textarea").first.fill(REPLY)
        )
        assert "答复待审核" in clerk.locator("#letter-state").inner_text()
        assert clerk.locator("#action-approve").count() == 0  # the drafter cannot approve their own reply

        director.reload()
        take_step(director, "action-approve", "审核通过")
        assert "已办结（已公开）" in director.locator("#letter-state").inner_text()
    finally:
        director_context.close()
        handler_context.close()

    # The citizen, on another device (no session), queries with the number and the code and reads the reply.
    citizen_context = browser.new_context(locale="zh-CN")
    try:
        citizen = citizen_context.new_page()
        citizen.set_default_timeout(15_000)
        citizen.goto(base + channel.url)
        citizen.fill("#id_number", number)
        citizen.fill("#id_code", "ABCD-EF23-GH45")
        citizen.get_by_role("button", name="查询", exact=True).click()
        citizen.wait_for_url(re.compile(r"/query/$"))
        assert "信件编号或查询码不正确" in citizen.content()
        assert citizen.locator("#letter-reply").count() == 0
        citizen.fill("#id_number", number.lower())
        citizen.fill("#id_code", code.replace("-", "").lower())
        citizen.get_by_role("button", name="查询", exact=True).click()
        citizen.wait_for_url(re.compile(r"/query/\?number="))
        assert citizen.locator("#letter-status").inner_text() == "已答复"
        assert citizen.locator("#letter-reply").inner_text().strip() == REPLY
    finally:
        citizen_context.close()

    # The public listing shows the letter and the reply, with the writer's name and phone masked.
    page.context.clear_cookies()
    page.goto(base + channel.url)
    item = page.locator(f"#letter-{number}")
    assert SUBJECT in item.locator(".letter-title").inner_text()
    assert f"来信人：{mask_name(NAME)}" in item.locator(".letter-meta").inner_text()
    assert REPLY in item.locator(".letter-reply").inner_text()
    item.get_by_role("link", name=SUBJECT).click()
    page.wait_for_url(re.compile(rf"/letter/{number}/$"))
    for public_url in (base + channel.url, page.url):
        page.goto(public_url)
        html = page.content()
        assert NAME not in html and PHONE not in html and EMAIL not in html, public_url
        assert mask_name(NAME) in html and mask_phone(PHONE) not in html  # the phone is not shown at all


# --- When the database fails or refuses a query (found by bench/letters_load.py and by the journey above) ---


def write_form_data(client: Client, channel: LetterChannelPage) -> dict[str, str]:
    html = client.get(channel.url + "write/").content.decode()
    hashkey = re.search(r'name="captcha_0"[^>]*value="([0-9a-f]{40})"', html)
    assert hashkey, "the write page shows no CAPTCHA"
    return {
        "writer_name": NAME, "writer_phone": PHONE, "writer_email": "", "subject": SUBJECT, "content": CONTENT,
        "agrees_to_publish": "on", "captcha_0": hashkey.group(1),
        "captcha_1": CaptchaStore.objects.get(hashkey=hashkey.group(1)).response,
    }  # fmt: skip


@pytest.mark.django_db
def test_staff_step_works_on_postgresql_where_the_letter_is_locked_for_update(home):
    """Regression (found by this file's journey on PostgreSQL): actions.perform locks the letter FOR UPDATE while
    joining its nullable department; PostgreSQL refuses FOR UPDATE on the nullable side of an outer join unless
    the lock is limited to the letter's own row (SQLite ignores FOR UPDATE: run this on PostgreSQL)."""
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    channel = column.add_child(instance=LetterChannelPage(title="市长信箱"))
    data = {"writer_name": NAME, "writer_phone": PHONE, "subject": SUBJECT, "content": CONTENT}
    letter = store_letter(channel, {**data, "agrees_to_publish": True}).letter
    director = staff_user("director", superuser=True)
    assert actions.perform(letter, "assess_valid", director).state == LetterState.ASSESSED


@pytest.mark.django_db
def test_a_stored_letter_gets_its_receipt_even_when_the_session_store_fails(home, monkeypatch):
    """Regression (bench/letters_load.py, PostgreSQL restarted mid-run): the receipt used to travel in the
    database session, saved after the letter's commit; when that save failed, the writer of a stored letter
    got the 500 page (or Django's English 'Bad Request (400)' when an existing session could not be updated)
    and no number. The receipt must not depend on the session store."""
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    channel = column.add_child(instance=LetterChannelPage(title="市长信箱"))
    client = Client(raise_request_exception=False)
    data = write_form_data(client, channel)

    def database_gone(self, must_create=False):
        if must_create:
            raise OperationalError("server closed the connection unexpectedly")
        raise UpdateError  # what the database backend makes of a DatabaseError while updating a session

    monkeypatch.setattr(SessionStore, "save", database_gone)
    response = client.post(channel.url + "write/", data)
    letter = Letter.objects.get(subject=SUBJECT)  # committed, whatever happens to the session
    assert response.status_code == 302, response.content.decode()
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert f'id="letter-number">{letter.number}<' in html and 'id="letter-code">' in html
