"""The public side: the application form, CAPTCHA, rate limits, the receipt (once, after storing), the query
with number and code, the applicant's 补正 and 撤回, answer documents, and masking everywhere."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, OperationalError
from django.test import Client

from govsite.interaction import querycode
from govsite.interaction.disclosure import views, workflow
from govsite.interaction.disclosure.choices import AnswerType, State
from govsite.interaction.disclosure.models import DisclosureRequest
from interaction.disclosure_support import VALID_CREDIT_CODE, VALID_ID, make_page, make_request, step

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
CITIZEN_FORM = {
    "applicant_type": "citizen", "citizen_name": "张三丰", "id_type": "resident_id", "id_number": VALID_ID,
    "phone": "138 1234 5678", "email": "", "address": "西地省云川市青山区解放路2号3栋501", "postcode": "",
    "description": "申请公开解放路拓宽改造工程的征收补偿安置方案及批复。", "document_title": "", "purpose": "",
    "delivery": "online",
}  # fmt: skip
ORG_FORM = {
    "applicant_type": "organisation", "org_name": "云川市恒信置业有限公司", "organisation_category": "business",
    "credit_code": VALID_CREDIT_CODE.lower(), "legal_representative": "李四", "contact_person": "王五",
    "phone": "0731-88880000", "email": "office@example.cn", "address": "云川市望云区建设路8号", "postcode": "430100",
    "description": "申请公开2024年度城区背街小巷改造项目的中标结果。", "delivery": "email",
}  # fmt: skip


@pytest.fixture
def page(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_page(home)


def post_form(client, page, data, solve_captcha, **extra):
    html = client.get(page.url + "apply/").content.decode()
    return client.post(page.url + "apply/", {**data, **solve_captcha(html)}, **extra)


@pytest.mark.django_db
def test_index_shows_guide_apply_button_and_query_box(client, page):
    html = client.get(page.url).content.decode()
    assert "申请须知" in html and "西地省人民政府办公厅" in html and "20个工作日" in html
    assert f'href="{page.url}apply/"' in html and f'action="{page.url}query/"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_a_citizen_applies_and_sees_the_receipt_once(client, page, solve_captcha):
    response = post_form(client, page, CITIZEN_FORM, solve_captcha)
    assert response.status_code == 302 and response["Location"].endswith("/receipt/")
    stored = DisclosureRequest.objects.get()  # stored before the receipt is shown
    assert (stored.name, stored.phone, stored.id_number, stored.state) == (
        "张三丰",
        "13812345678",
        VALID_ID,
        State.RECEIVED,
    )
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    code = html.split('id="receipt-code">')[1].split("<")[0]
    assert querycode.digest(code) == stored.query_digest and code not in str(
        DisclosureRequest.objects.values().get()
    )
    assert stored.number in html and "查询码只显示这一次" in html
    assert "no-store" in receipt["Cache-Control"]
    # Masked on the receipt: the public page never shows the whole name, phone or ID number.
    assert "张三丰" not in html and "张**" in html and "13812345678" not in html and "138****5678" in html
    again = client.get(response["Location"]).content.decode()
    assert code not in again and "回执只显示一次" in again


@pytest.mark.django_db
def test_an_organisation_applies(client, page, solve_captcha):
    assert post_form(client, page, ORG_FORM, solve_captcha).status_code == 302
    stored = DisclosureRequest.objects.get()
    assert (stored.applicant_type, stored.organisation_category, stored.credit_code, stored.id_number) == (
        "organisation", "business", VALID_CREDIT_CODE, "")  # fmt: skip
    assert (stored.legal_representative, stored.contact_person, stored.delivery) == ("李四", "王五", "email")


@pytest.mark.django_db
def test_no_receipt_when_storing_fails(client, page, solve_captcha):
    with (
        mock.patch.object(workflow, "submit", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        post_form(client, page, CITIZEN_FORM, solve_captcha)
    assert not DisclosureRequest.objects.exists()
    assert "回执只显示一次" in client.get(page.url + "receipt/").content.decode()


@pytest.mark.django_db
def test_a_stored_request_gets_its_receipt_even_when_the_session_store_fails(
    page, solve_captcha, monkeypatch
):
    """Regression: the number and code used to travel to the receipt in the database session, saved after the
    request's commit. When that save failed, the applicant of a stored request got an error page (Django's
    400 for an existing session that could not be updated, or the 500 page) and never saw the query code,
    which is stored only as a digest: the request could never be queried. The receipt must not depend on
    the session store."""
    client = Client(raise_request_exception=False)

    def database_gone(self, must_create=False):
        if must_create:
            raise OperationalError("server closed the connection unexpectedly")
        raise UpdateError  # what the database backend makes of a DatabaseError while updating a session

    monkeypatch.setattr(SessionStore, "save", database_gone)
    response = post_form(client, page, CITIZEN_FORM, solve_captcha)
    stored = DisclosureRequest.objects.get()  # committed, whatever happens to the session
    assert response.status_code == 302 and response["Location"].endswith("/receipt/"), response.status_code
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200 and f'id="receipt-number">{stored.number}<' in html
    code = html.split('id="receipt-code">')[1].split("<")[0]
    assert workflow.find_by_code(page, stored.number, code) == stored
    again = client.get(response["Location"]).content.decode()  # shown once: the cookie is gone
    assert code not in again and "回执只显示一次" in again


@pytest.mark.django_db
def test_the_receipt_cookie_is_signed_and_for_its_page_only(client, page, solve_captcha):
    response = post_form(client, page, CITIZEN_FORM, solve_captcha)
    cookie = response.cookies[views.RECEIPT_COOKIE]
    assert cookie["path"] == page.url + "receipt/" and cookie["httponly"] and cookie["max-age"] == 600
    other = make_page(page.get_parent().get_parent(), title="另一机关", organ="西地省财政厅")
    elsewhere = client.get(other.url + "receipt/").content.decode()  # a signed cookie of another page
    assert "回执只显示一次" in elsewhere and 'id="receipt-code"' not in elsewhere
    client.cookies[views.RECEIPT_COOKIE] = cookie.value.replace('"page"', '"pagf"')  # tampered with
    assert 'id="receipt-code"' not in client.get(page.url + "receipt/").content.decode()


CITIZEN_ERRORS = [
    ({"citizen_name": ""}, "citizen_name", "请填写申请人姓名"),
    ({"id_number": ""}, "id_number", "请填写证件号码"),
    ({"id_number": "110105194912310021"}, "id_number", "身份证号码校验位不正确"),
    ({"id_type": "passport", "id_number": "护照"}, "id_number", "证件号码应为5至20位字母或数字"),
    ({"phone": "12345"}, "phone", "请填写正确的手机号码"),
    ({"address": ""}, "address", "请填写通信地址"),
    ({"description": "要文件"}, "description", "至少 10 个字（现有 3 个字）"),
    ({"description": "很" * 2001}, "description", "内容描述不能超过 2000 个字"),
    ({"delivery": "email"}, "email", "请填写电子邮箱"),
    ({"delivery": "post"}, "postcode", "请填写邮政编码"),
    ({"postcode": "4301"}, "postcode", "邮政编码应为6位数字"),
    ({"email": "not-an-address"}, "email", "请填写有效的电子邮箱地址"),
    ({"delivery": ""}, "delivery", "请选择获取信息的方式"),
    ({"applicant_type": ""}, "applicant_type", "请选择申请人类型"),
]
ORG_ERRORS = [
    ({"org_name": ""}, "org_name", "请填写法人或者其他组织的名称"),
    ({"organisation_category": ""}, "organisation_category", "请选择单位类型"),
    ({"credit_code": ""}, "credit_code", "请填写统一社会信用代码"),
    ({"credit_code": "91350100M000100Y44"}, "credit_code", "统一社会信用代码校验位不正确"),
    ({"legal_representative": ""}, "legal_representative", "请填写法定代表人"),
    ({"contact_person": ""}, "contact_person", "请填写联系人"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("base", "change", "field", "message"),
    [(CITIZEN_FORM, *case) for case in CITIZEN_ERRORS] + [(ORG_FORM, *case) for case in ORG_ERRORS],
)
def test_errors_are_in_chinese_next_to_the_field_and_typed_text_is_kept(
    client, page, solve_captcha, base, change, field, message
):
    response = post_form(client, page, {**base, **change}, solve_captcha)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert message in html
    for name, typed in {**base, **change}.items():  # every text typed is still there
        if name in ("description", "address", "citizen_name", "org_name", "contact_person") and typed:
            assert typed[:50] in html, name
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_the_other_applicant_types_fields_are_not_required_or_stored(client, page, solve_captcha):
    data = {**CITIZEN_FORM, "org_name": "某公司", "credit_code": "garbage"}
    assert post_form(client, page, data, solve_captcha).status_code == 302
    assert DisclosureRequest.objects.get().credit_code == ""


@pytest.mark.django_db
def test_a_wrong_captcha_stores_nothing(client, page):
    client.get(page.url + "apply/")
    response = client.post(page.url + "apply/", {**CITIZEN_FORM, "captcha_0": "0" * 40, "captcha_1": "0000"})
    assert response.status_code == 200 and "验证码不正确或已过期" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_rate_limit_per_address_keeps_the_text(client, page, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "2/h"}
    for _ in range(2):
        post_form(client, page, {**CITIZEN_FORM, "citizen_name": ""}, solve_captcha)
    response = post_form(client, page, CITIZEN_FORM, solve_captcha)
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and CITIZEN_FORM["description"] in html
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_rate_limit_per_phone(client, page, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"phone": "1/d"}
    assert post_form(client, page, CITIZEN_FORM, solve_captcha).status_code == 302
    response = post_form(
        client, page, {**CITIZEN_FORM, "phone": "+86 13812345678"}, solve_captcha, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429 and "该手机号码提交次数过多" in response.content.decode()
    assert DisclosureRequest.objects.count() == 1


@pytest.mark.django_db
def test_attachment_is_stored_privately_under_a_random_name(client, page, solve_captcha, settings, tmp_path):
    data = {**CITIZEN_FORM, "attachment": SimpleUploadedFile("身份证.pdf", PDF)}
    assert post_form(client, page, data, solve_captcha).status_code == 302
    stored = DisclosureRequest.objects.get()
    assert stored.attachment_name == "身份证.pdf"
    assert (
        stored.attachment.name.startswith("disclosure/attachments/")
        and "身份证" not in stored.attachment.name
    )
    assert (tmp_path / "private" / stored.attachment.name).read_bytes() == PDF
    with pytest.raises(ValueError):
        stored.attachment.url  # noqa: B018 — private files have no URL


@pytest.mark.django_db
def test_a_bad_attachment_is_refused(client, page, solve_captcha):
    data = {**CITIZEN_FORM, "attachment": SimpleUploadedFile("照片.pdf", b"MZ\x90\x00" + b"\0" * 60)}
    response = post_form(client, page, data, solve_captcha)
    assert "附件内容与扩展名 .pdf 不符" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


# -- query ---------------------------------------------------------------------------------------------
def query(client, page, number, code):
    return client.post(page.url + "query/", {"number": number, "code": code})


@pytest.mark.django_db
@pytest.mark.parametrize(("number", "code_of", "message"), [
    ("YSQ202500001", lambda code: "ABCD-EFGH-JKMN", "申请编号或查询码不正确"),
    ("YSQ202500002", lambda code: code, "申请编号或查询码不正确"),
    ("YSQ202500001", lambda code: "123", "查询码应为12位字母和数字"),
])  # fmt: skip
def test_query_with_a_wrong_number_or_code(client, page, number, code_of, message):
    _request, code = make_request(page, datetime.date(2025, 9, 26))
    response = query(client, page, number, code_of(code))
    assert response.status_code == 200 and message in response.content.decode()
    assert "query-result" not in client.get(page.url + "query/").content.decode()


@pytest.mark.django_db
def test_query_with_the_right_code_shows_progress_masked(client, page):
    _request, code = make_request(
        page, datetime.date(2025, 9, 26), description="本人张三丰，电话13812345678，申请公开解放路工程资料。"
    )
    response = query(client, page, " ysq202500001 ", code.lower().replace("-", " "))
    assert response.status_code == 302
    html = client.get(page.url + "query/").content.decode()
    assert "query-result" in html and "已登记" in html and "2025年10月30日" in html
    for secret in ("张三丰", "13812345678", VALID_ID, "解放路2号3栋501"):
        assert secret not in html
    assert "张**" in html and "138****5678" in html


@pytest.mark.django_db
def test_query_is_rate_limited(client, page, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "3/h"}
    statuses = [query(client, page, "YSQ202500001", "ABCD-EFGH-JKMN").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_answer_and_documents_reach_only_the_applicant(client, page, settings):
    request, code = make_request(page, datetime.date(2025, 9, 26))
    step(request, "accept", datetime.date(2025, 9, 29))
    document = workflow.add_document(
        request, SimpleUploadedFile("补偿方案.pdf", PDF), "补偿安置方案", actor=None
    )
    url = f"{page.url}query/documents/{document.pk}/"
    query(client, page, request.number, code)
    assert client.get(url).status_code == 404  # not before the answer
    step(request, "answer", datetime.date(2025, 10, 9), answer_type=AnswerType.DISCLOSED,
         text="张三丰：\n您好！您申请的信息予以公开，请联系13812345678。")  # fmt: skip
    html = client.get(page.url + "query/").content.decode()
    assert "予以公开" in html and "补偿安置方案" in html and url in html
    assert "张三丰" not in html and "张**" in html and "138****5678" in html
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    from django.test import Client

    assert Client().get(url).status_code == 404  # another browser, no number and code given
    client.post(page.url + "query/leave/")
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_documents_of_another_request_are_not_reachable(client, page):
    mine, code = make_request(page, datetime.date(2025, 9, 26))
    other, _ = make_request(page, datetime.date(2025, 9, 26))
    for request in (mine, other):
        step(
            request, "answer", datetime.date(2025, 9, 29), answer_type=AnswerType.DISCLOSED, text="予以公开。"
        )
    theirs = workflow.add_document(other, SimpleUploadedFile("a.pdf", PDF), "他人的文件", actor=None)
    query(client, page, mine.number, code)
    assert client.get(f"{page.url}query/documents/{theirs.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_applicant_completes_the_request_online(client, page):
    request, code = make_request(page, datetime.date(2025, 9, 26))
    step(request, "request_completion", datetime.date(2025, 9, 29), notice="请写明具体路段。")
    query(client, page, request.number, code)
    html = client.get(page.url + "query/").content.decode()
    assert "请写明具体路段。" in html and "completion-form" in html and "等待申请人补正" in html
    short = client.post(page.url + "query/complete/", {"text": "东段"})
    assert "补正内容至少 5 个字" in short.content.decode()
    response = client.post(
        page.url + "query/complete/",
        {"text": "解放路东段，2024年的资料。", "attachment": SimpleUploadedFile("说明.pdf", PDF)},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.ACCEPTED and request.completion_text == "解放路东段，2024年的资料。"
    assert request.completion_attachment_name == "说明.pdf" and request.events.last().actor_label == "申请人"


@pytest.mark.django_db
def test_the_applicant_withdraws_after_confirming(client, page):
    request, code = make_request(page, datetime.date(2025, 9, 26))
    query(client, page, request.number, code)
    refused = client.post(page.url + "query/withdraw/", {"reason": "不需要了"})
    assert "请勾选确认撤回" in refused.content.decode()
    assert (
        client.post(page.url + "query/withdraw/", {"reason": "不需要了", "confirm": "on"}).status_code == 302
    )
    request.refresh_from_db()
    assert request.state == State.WITHDRAWN and request.withdrawal_reason == "不需要了"
    assert "withdraw-form" not in client.get(page.url + "query/").content.decode()


@pytest.mark.django_db
def test_actions_need_a_verified_session(client, page):
    request, _code = make_request(page, datetime.date(2025, 9, 26))
    response = client.post(page.url + "query/withdraw/", {"confirm": "on"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.RECEIVED
    assert client.get(page.url + "query/withdraw/").status_code == 405


@pytest.mark.django_db
def test_forms_carry_csrf_protection(page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(page.url + "apply/", CITIZEN_FORM).status_code == 403
    assert strict.post(page.url + "query/", {"number": "x", "code": "y"}).status_code == 403
