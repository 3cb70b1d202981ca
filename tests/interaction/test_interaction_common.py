"""The pieces every public interaction form shares: query codes, attachments, rate limits, CAPTCHA."""

from __future__ import annotations

import io
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from govsite.interaction import querycode, throttle, uploads
from govsite.interaction.captcha import PublicCaptchaField, digit_challenge

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def test_query_codes_are_grouped_unique_and_without_lookalikes():
    codes = {querycode.new_query_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == 14 and code[4] == code[9] == "-"
        assert not set(code.replace("-", "")) & set("01IOL")
        assert querycode.looks_valid(code)


def test_query_code_digest_forgives_how_people_type_it():
    code = "ABCD-EF23-GH45"
    assert querycode.digest(code) == querycode.digest(" abcd ef23gh45 ")
    assert querycode.digest(code) == querycode.digest("ＡＢＣＤ－ＥＦ２３－ＧＨ４５")  # full-width input
    assert querycode.digest(code) != querycode.digest("ABCD-EF23-GH46")
    assert not querycode.looks_valid("ABCD-EF23")


@pytest.mark.parametrize(("name", "content"), [("申请材料.pdf", PDF), ("现场照片.PNG", PNG)])
def test_allowed_attachments_pass(name, content):
    uploads.validate_attachment(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("工具.exe", b"MZ\x90\x00" + b"\0" * 60, "不支持的附件格式"),
        ("伪装.pdf", b"MZ\x90\x00" + b"\0" * 60, "附件内容与扩展名 .pdf 不符"),
        ("空白.docx", b"just text", "附件内容与扩展名 .docx 不符"),
    ],
)
def test_bad_attachments_are_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as caught:
        uploads.validate_attachment(SimpleUploadedFile(name, content))
    assert message in caught.value.messages[0]


def test_oversized_attachment_is_refused(settings):
    settings.GOVSITE_ATTACHMENT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("大文件.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError) as caught:
        uploads.validate_attachment(upload)
    assert "附件不能超过 1.0" in caught.value.messages[0]


def test_rate_limit_per_address_then_per_phone(settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "3/h", "phone": "2/d"}
    factory = RequestFactory()
    request = factory.post("/", REMOTE_ADDR="10.0.0.7")
    assert [throttle.check_address(request, "letters") is None for _ in range(4)] == [True, True, True, False]
    refusal = throttle.check_address(request, "letters")
    assert "提交过于频繁" in refusal.message and refusal.seconds_left > 0
    other = factory.post("/", REMOTE_ADDR="10.0.0.8")
    assert throttle.check_address(other, "letters") is None  # another address has its own counter
    assert throttle.check_address(request, "disclosure") is None  # and so has another form

    assert throttle.check_phone(other, "letters", "138 0013 8000") is None
    assert (
        throttle.check_phone(other, "letters", "+86 13800138000") is None
    )  # the same number, written otherwise
    assert "该手机号码提交次数过多" in throttle.check_phone(other, "letters", "13800138000").message


def test_client_address_behind_a_trusted_proxy(settings):
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9")
    assert throttle.client_ip(request) == "127.0.0.1"  # no proxy configured: the header is not trusted
    settings.GOVSITE_TRUSTED_PROXIES = 1
    assert throttle.client_ip(request) == "10.0.0.9"  # the address our proxy saw, not what the client claims


def test_digit_challenge():
    text, answer = digit_challenge()
    assert text == answer and len(answer) == 4 and answer.isdigit()


@pytest.mark.django_db
def test_captcha_field_refuses_a_wrong_answer_in_chinese(client):
    from captcha.models import CaptchaStore

    class Form(forms.Form):
        captcha = PublicCaptchaField()

    html = Form().as_p()
    key = CaptchaStore.objects.latest("pk")
    assert key.hashkey in html
    assert client.get(f"/captcha/image/{key.hashkey}/").headers["Content-Type"] == "image/png"
    wrong = Form({"captcha_0": key.hashkey, "captcha_1": "9999" if key.response != "9999" else "0000"})
    assert not wrong.is_valid() and "验证码不正确" in str(wrong.errors)
    # A challenge is used once: after a wrong answer, even the right one no longer passes.
    assert not Form({"captcha_0": key.hashkey, "captcha_1": key.response}).is_valid()
    Form().as_p()
    fresh = CaptchaStore.objects.latest("pk")
    assert Form({"captcha_0": fresh.hashkey, "captcha_1": fresh.response}).is_valid()


def test_io_positions_are_kept():
    upload = SimpleUploadedFile("a.pdf", PDF)
    upload.file = io.BytesIO(PDF)
    upload.file.seek(3)
    uploads.validate_attachment(upload)
    assert upload.file.tell() == 3


@pytest.mark.django_db
def test_captcha_markup_is_valid_html_and_the_image_can_be_redrawn(client):
    """The library's widget put `required` on the hidden key, a Safari-only `autocorrect` on the answer,
    and a fieldset legend pointing at the hidden key; each fails HTML validation."""
    from captcha.models import CaptchaStore

    class Form(forms.Form):
        captcha = PublicCaptchaField()

    html = Form().as_div()
    key_input = re.search(r'<input type="hidden"[^>]*name="captcha_0"[^>]*>', html)[0]
    answer_input = re.search(r'<input[^>]*name="captcha_1"[^>]*>', html)[0]
    assert "required" not in key_input
    assert "autocorrect" not in answer_input and "required" in answer_input
    assert '<label for="id_captcha_1"' in html and "<legend" not in html and "<fieldset" not in html
    assert 'alt="验证码图片"' in html and "govsite/js/captcha.js" in html
    refresh_url = re.search(r'data-refresh-url="([^"]+)"', html)[1]
    fresh = client.get(refresh_url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()
    assert CaptchaStore.objects.filter(hashkey=fresh["key"]).exists() and fresh["key"] in fresh["image_url"]
