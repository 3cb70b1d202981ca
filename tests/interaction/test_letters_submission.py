"""Writing a letter through the public form: CAPTCHA, validation in Chinese, rate limits, attachments,
numbers, query codes, and no receipt for a letter that was not stored."""

from __future__ import annotations

import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, close_old_connections, connection
from wagtail.models import Page, Site

from govsite.interaction import querycode
from govsite.interaction.letters import numbering
from govsite.interaction.letters.forms import normalise_phone
from govsite.interaction.letters.models import Letter, LetterEvent, LetterState
from interaction.letters_support import interaction_column, make_channel

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
FORM = {
    "writer_name": "李四光",
    "writer_phone": "139 0731 5678",
    "writer_email": "",
    "subject": "青山路夜间施工噪音扰民",
    "content": "青山路地铁站工地连续一周在夜里十二点以后施工，噪音很大，附近居民无法休息，请督促整改。",
    "agrees_to_publish": "on",
}


@pytest.fixture
def channel(home):
    return make_channel(interaction_column(home), "市长信箱")


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def write_url(channel) -> str:
    return channel.url + "write/"


def post_letter(client, channel, html: str, solve, **changes):
    address = changes.pop("REMOTE_ADDR", "10.1.1.1")
    data = {**FORM, **solve(html), **changes}
    return client.post(write_url(channel), data, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_channel_page_shows_notice_write_button_and_query_box(client, channel):
    html = page_of(client, channel.url)
    assert "我们将在7个工作日内答复" in html
    assert 'href="/hdjl/szxx/write/"' in html and "我要写信" in html
    assert 'action="/hdjl/szxx/query/"' in html and "查询码" in html
    assert "来信选登" in html and "暂无公开的来信" in html


@pytest.mark.django_db
def test_a_letter_is_stored_then_the_receipt_shows_number_and_code_once(client, channel, solve_captcha):
    response = post_letter(client, channel, page_of(client, write_url(channel)), solve_captcha)
    assert response.status_code == 302 and response["Location"] == "/hdjl/szxx/receipt/"

    letter = Letter.objects.get()
    assert letter.state == LetterState.RECEIVED and letter.writer_phone == "13907315678"
    assert re.fullmatch(r"SZXX-\d{8}-0001", letter.number)
    assert letter.agrees_to_publish and letter.site == Site.objects.get()
    assert list(letter.events.values_list("action", "to_state")) == [("receive", "received")]

    receipt = page_of(client, "/hdjl/szxx/receipt/")
    code = re.search(r'id="letter-code">([A-Z0-9-]+)<', receipt).group(1)
    assert letter.number in receipt and querycode.looks_valid(code)
    assert letter.query_digest == querycode.digest(code) and code not in letter.query_digest
    again = page_of(client, "/hdjl/szxx/receipt/")
    assert code not in again and "回执只显示一次" in again


@pytest.mark.django_db
def test_wrong_captcha_is_refused_in_chinese_and_the_text_is_kept(client, channel, solve_captcha):
    html = page_of(client, write_url(channel))
    answered = solve_captcha(html)
    response = post_letter(
        client,
        channel,
        html,
        lambda _: {**answered, "captcha_1": "0000" if answered["captcha_1"] != "0000" else "1111"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "验证码不正确或已过期" in body and "信件还没有提交" in body
    assert FORM["content"] in body and FORM["subject"] in body and 'value="李四光"' in body
    assert not Letter.objects.exists()
    # The page offers a fresh CAPTCHA, and the letter goes through with it.
    assert post_letter(client, channel, body, solve_captcha).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"writer_name": ""}, "请填写姓名"),
        ({"writer_name": "王"}, "请填写真实姓名"),
        ({"writer_phone": "12345678901"}, "请填写正确的联系电话"),
        ({"writer_email": "not-an-address"}, "请填写正确的电子邮箱地址"),
        ({"subject": "噪音"}, "标题至少 6 个字（现在 2 个字）"),
        ({"subject": "长" * 61}, "标题不能超过 60 个字"),
        ({"content": "太吵了"}, "内容至少 10 个字（现在 3 个字）"),
        ({"content": "长" * 3001}, "内容不能超过 3000 个字"),
        ({"content": "啊啊啊啊啊啊啊啊啊啊啊啊"}, "请写明具体事项"),
    ],
)
def test_field_errors_are_in_chinese_and_nothing_typed_is_lost(
    client, channel, solve_captcha, changes, message
):
    response = post_letter(client, channel, page_of(client, write_url(channel)), solve_captcha, **changes)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    for name, value in {**FORM, **changes}.items():
        if name != "agrees_to_publish" and value and len(value) < 3000:
            assert value.replace(" ", "") in body.replace(" ", "") or value in body
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812341234", "13812341234"),
        ("+86 138 1234 1234", "13812341234"),
        ("138-1234-1234", "13812341234"),
        ("0731-88881234", "0731-88881234"),
        ("073188881234", "0731-88881234"),
        ("010-12345678", "010-12345678"),
        ("(0731)88881234", "0731-88881234"),
        ("0731－8888123", "0731-8888123"),
        ("0731-88881234-808", "0731-88881234-808"),
    ],
)
def test_mainland_mobiles_and_landlines_are_accepted(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["12812341234", "1381234123", "138123412345", "88881234", "0731-123456", "00731-88881234", "电话", ""],
)
def test_other_numbers_are_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_phone(typed)


@pytest.mark.django_db
def test_rate_limit_per_address(client, channel, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "2/h"}
    html = page_of(client, write_url(channel))
    for number in range(2):
        response = post_letter(client, channel, html, solve_captcha, writer_phone=f"1380000000{number}")
        assert response.status_code == 302
        html = page_of(client, write_url(channel))
    refused = post_letter(client, channel, html, solve_captcha, writer_phone="13800000009")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "提交过于频繁" in body and FORM["content"] in body
    assert Letter.objects.count() == 2
    # Another address is not affected.
    other = post_letter(
        client, channel, body, solve_captcha, writer_phone="13800000008", REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_rate_limit_per_phone(client, channel, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"phone": "1/d"}
    assert post_letter(client, channel, page_of(client, write_url(channel)), solve_captcha).status_code == 302
    html = page_of(client, write_url(channel))
    refused = post_letter(
        client, channel, html, solve_captcha, writer_phone="+86 13907315678", REMOTE_ADDR="10.2.2.2"
    )
    assert refused.status_code == 429
    assert "该手机号码提交次数过多" in refused.content.decode()
    assert Letter.objects.count() == 1
    other_phone = post_letter(
        client, channel, refused.content.decode(), solve_captcha, writer_phone="13600000000"
    )
    assert other_phone.status_code == 302


@pytest.mark.django_db
def test_attachment_is_checked_and_kept_out_of_public_urls(
    client, channel, solve_captcha, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    html = page_of(client, write_url(channel))
    bad = post_letter(
        client,
        channel,
        html,
        solve_captcha,
        attachment=SimpleUploadedFile("照片.pdf", b"MZ\x90\x00" + b"\0" * 60),
    )
    assert bad.status_code == 400 and "附件内容与扩展名 .pdf 不符" in bad.content.decode()
    bad = post_letter(
        client,
        channel,
        bad.content.decode(),
        solve_captcha,
        attachment=SimpleUploadedFile("a.exe", b"MZ" * 40),
    )
    assert "不支持的附件格式" in bad.content.decode()
    assert not Letter.objects.exists()

    good = post_letter(
        client,
        channel,
        bad.content.decode(),
        solve_captcha,
        attachment=SimpleUploadedFile("现场照片.pdf", PDF),
    )
    assert good.status_code == 302
    letter = Letter.objects.get()
    assert letter.attachment_name == "现场照片.pdf"
    stored = tmp_path / "private" / letter.attachment.name
    assert stored.read_bytes() == PDF
    assert re.fullmatch(r"letters/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", letter.attachment.name)
    with pytest.raises(ValueError):
        letter.attachment.url  # noqa: B018 — no public URL exists


@pytest.mark.django_db
def test_no_receipt_when_the_letter_cannot_be_stored(
    client, channel, solve_captcha, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)

    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("govsite.interaction.letters.submission.next_number", broken)
    response = post_letter(
        client, channel, page_of(client, write_url(channel)), solve_captcha,
        attachment=SimpleUploadedFile("现场照片.pdf", PDF),
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 503
    assert "您的信件未能保存" in body and FORM["content"] in body and FORM["subject"] in body
    assert not Letter.objects.exists() and not LetterEvent.objects.exists()
    assert not list((tmp_path / "private").rglob("*.pdf"))  # the uploaded file was removed again
    receipt = page_of(client, "/hdjl/szxx/receipt/")
    assert 'id="letter-code"' not in receipt and "回执只显示一次" in receipt


@pytest.mark.django_db
def test_numbers_count_per_site_and_day(channel, home):
    from interaction.letters_support import at, submit

    other_channel = make_channel(channel.get_parent(), "投诉举报", channel_kind="complaint")
    first, _ = submit(channel, at("2026-11-23", 9))
    second, _ = submit(other_channel, at("2026-11-23", 10))
    next_day, _ = submit(channel, at("2026-11-24", 9))
    assert first.number == "SZXX-20261123-0001"
    assert second.number == "TSJB-20261123-0002"  # one counter per site and day, the channel's prefix
    assert next_day.number == "SZXX-20261124-0001"


@pytest.mark.django_db
def test_query_with_number_and_code(client, channel):
    from interaction.letters_support import submit

    letter, code = submit(channel)
    query = channel.url + "query/"
    wrong = client.post(query, {"number": letter.number, "code": querycode.new_query_code()})
    assert "信件编号或查询码不正确" in wrong.content.decode() and letter.content not in wrong.content.decode()
    malformed = client.post(query, {"number": letter.number, "code": "1234"})
    assert "查询码为12位字母和数字" in malformed.content.decode()

    typed = code.lower().replace("-", " ")  # people type codes loosely
    found = client.post(query, {"number": letter.number.lower(), "code": typed})
    assert found.status_code == 302
    page = page_of(client, found["Location"])
    assert letter.content in page and "已收到，等待受理" in page
    # Another browser, without the code, sees nothing.
    from django.test import Client

    assert letter.content not in Client().get(found["Location"]).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_numbers_stay_unique_under_concurrent_submissions():
    """Eight threads, each with its own database connection, number letters of one site at once."""
    from govsite.demo.builder import tree_root

    root = tree_root()
    home = root.add_child(instance=Page(title="并发测试", slug="concurrency"))
    site = Site.objects.create(hostname="concurrency.localhost", root_page=home, site_name="并发测试")
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        from django.db import transaction

        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    numbers.append(
                        numbering.next_number(site.pk, __import__("datetime").date(2026, 11, 23), "XX")
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [f"XX-20261123-{n:04d}" for n in range(1, 41)]
