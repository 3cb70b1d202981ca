"""A citizen applies for government information (依申请公开) in the browser, staff accept and answer the request
in the admin, and the citizen reads the answer with the request number and query code; the public pages
never show the applicant's ID number (nor name, phone or address) in full."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore

from browser.admin_steps import log_in, take_step
from govsite.core.masking import mask_id_number, mask_name
from govsite.interaction.disclosure.choices import AnswerType, State
from govsite.interaction.disclosure.models import DisclosureRequest
from interaction.disclosure_support import make_page, staff_user

pytestmark = pytest.mark.browser

PASSWORD = "pw-123456!"  # disclosure_support.staff_user's

NAME = "欧阳建国"
ID_NUMBER = "43010219860415302X"  # a valid 居民身份证号码 (check character X)
PHONE = "13907315678"
EMAIL = "ouyangjg@example.cn"
ADDRESS = "西地省云川市青山区解放路18号3栋501"
DESCRIPTION = "申请公开青山路地铁站周边道路拓宽工程的征收补偿安置方案及补偿标准。"
DOCUMENT_TITLE = "云川市青山区人民政府关于青山路拓宽工程房屋征收的决定"
PURPOSE = "了解本人房屋的征收补偿标准"
ANSWER = (
    f"{NAME}（身份证号码{ID_NUMBER}）：您申请公开的青山路拓宽工程征收补偿安置方案已于2026年10月经区人民政府"
    "批准公布，现予以公开，全文见附件，也可在区人民政府网站“政府信息公开”栏目查阅。"
)


def assert_no_personal_data(html: str, where: str) -> None:
    for personal in (ID_NUMBER, ID_NUMBER.lower(), NAME, PHONE, EMAIL, ADDRESS):
        assert personal not in html, (where, personal)


def test_citizen_applies_staff_answer_in_admin_citizen_reads_the_answer_masked(
    live_server, browser, page, home, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    request_page = make_page(home, organ="云川市青山区人民政府办公室")
    staff_user(
        "clerk", site_root=home
    )  # view + change on requests of the sites they work in; not a superuser
    base = live_server.url

    # The citizen reads the guide, clicks 在线提交申请 and fills in the form as a natural person.
    page.goto(base + request_page.url)
    page.get_by_role("link", name="在线提交申请").click()
    page.wait_for_url(re.compile(r"/apply/$"))
    assert page.is_checked("input[name=applicant_type][value=citizen]")
    page.fill("#id_citizen_name", NAME)
    assert page.input_value("#id_id_type") == "resident_id"
    page.fill("#id_id_number", ID_NUMBER.lower())  # a lower-case x is accepted and stored upper-case
    page.fill("#id_phone", PHONE)
    page.fill("#id_email", EMAIL)
    page.fill("#id_address", ADDRESS)
    page.fill("#id_postcode", "430100")
    page.fill("#id_description", DESCRIPTION)
    page.fill("#id_document_title", DOCUMENT_TITLE)
    page.fill("#id_purpose", PURPOSE)
    page.get_by_label("在线查看").check()
    hashkey = page.locator("input[name=captcha_0]").get_attribute("value")
    page.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=hashkey).response)
    page.get_by_role("button", name="提交申请").click()

    # The receipt: number and query code, shown once, nothing personal in full.
    page.wait_for_url(re.compile(r"/receipt/$"))
    assert "您的政府信息公开申请已提交" in page.content()
    number = page.locator("#receipt-number").inner_text().strip()
    code = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"YSQ\d{4}\d{5}", number)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    stored = DisclosureRequest.objects.get(number=number)
    assert (stored.name, stored.id_number, stored.phone, stored.address, stored.state) == (
        NAME, ID_NUMBER, PHONE, ADDRESS, State.RECEIVED)  # fmt: skip
    assert mask_name(NAME) in page.locator("#receipt").inner_text()
    assert_no_personal_data(page.content(), "receipt")

    # Staff accept and answer the request in the admin; they see the applicant in full.
    staff_context = browser.new_context(locale="zh-CN")
    try:
        clerk = log_in(staff_context, base, "clerk", PASSWORD)
        clerk.goto(base + "/admin/disclosure/")
        clerk.get_by_role("link", name=number).click()
        clerk.wait_for_url(re.compile(rf"/admin/disclosure/{stored.pk}/$"))
        applicant = clerk.locator("#disclosure-applicant").inner_text()
        assert NAME in applicant and ID_NUMBER in applicant and PHONE in applicant
        take_step(clerk, "step-accept", "受理")
        assert clerk.locator("#disclosure-state").inner_text() == "办理中"

        def answer(form) -> None:
            form.locator("select[name='answer-answer_type']").select_option(label="予以公开")
            form.locator("textarea[name='answer-text']").fill(ANSWER)

        take_step(clerk, "step-answer", "答复", answer)
        assert clerk.locator("#disclosure-state").inner_text() == "已答复"
        assert "予以公开" in clerk.locator("#disclosure-answer").inner_text()
    finally:
        staff_context.close()
    stored.refresh_from_db()
    assert (stored.state, stored.answer_type) == (State.ANSWERED, AnswerType.DISCLOSED)

    # The citizen, on another device (no session), queries with the number and the code.
    citizen_context = browser.new_context(locale="zh-CN")
    try:
        citizen = citizen_context.new_page()
        citizen.set_default_timeout(15_000)
        citizen.goto(base + request_page.url)
        citizen.fill("#id_number", number)
        citizen.fill("#id_code", "ABCD-EF23-GH45")
        citizen.get_by_role("button", name="查询", exact=True).click()
        citizen.wait_for_url(re.compile(r"/query/$"))
        assert "申请编号或查询码不正确" in citizen.content()
        assert citizen.locator("#answer").count() == 0

        citizen.fill("#id_number", number.lower())
        citizen.fill("#id_code", code.replace("-", "").lower())
        citizen.get_by_role("button", name="查询", exact=True).click()
        citizen.wait_for_url(re.compile(r"/query/$"))
        citizen.locator("#query-result").wait_for()
        assert citizen.locator("#query-state").inner_text() == "已答复"
        answer_table = citizen.locator("#answer").inner_text()
        assert "予以公开" in answer_table
        assert "现予以公开，全文见附件" in answer_table
        assert f"{mask_name(NAME)}（身份证号码{mask_id_number(ID_NUMBER)}）" in answer_table
        steps = citizen.locator("#query-steps").inner_text()
        assert "提交申请，已登记" in steps and "已受理，正在办理" in steps and "已作出答复" in steps
        assert_no_personal_data(citizen.content(), "query")

        # Reloading keeps the result for this browser; 退出查询 forgets it.
        citizen.reload()
        assert citizen.locator("#query-state").inner_text() == "已答复"
        citizen.get_by_role("button", name="退出查询").click()
        citizen.wait_for_url(re.compile(r"/query/$"))
        assert citizen.locator("#query-result").count() == 0
    finally:
        citizen_context.close()

    # The guide page and the receipt page again show nothing of the applicant; the code was shown once.
    for public_url in (base + request_page.url, base + request_page.url + "receipt/"):
        page.goto(public_url)
        assert_no_personal_data(page.content(), public_url)
        assert code not in page.content()
    assert "回执只显示一次" in page.content()
