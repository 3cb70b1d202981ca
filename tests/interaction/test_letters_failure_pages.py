"""What a writer is told when their letter meets a failure: the truth (not stored, stored, or unknown),
what they typed, and how to check, on pages that need no database."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, transaction
from django.template import loader

from govsite.interaction import querycode
from govsite.interaction.letters import failure_pages
from govsite.interaction.letters.models import Letter
from interaction.letters_support import interaction_column, make_channel
from interaction.test_letters_submission import FORM, PDF, page_of, post_letter, write_url

SITE_PHONE = "0000-00000000"  # the home fixture's SiteProfile.contact_phone


def _refuse(execute, sql, params, many, context):
    raise OperationalError("the database is down")


@pytest.fixture
def channel(home):
    return make_channel(interaction_column(home), "市长信箱")


@pytest.fixture
def outage():
    """``outage.begin()`` takes the database down (every query fails) until ``outage.end()`` or the end."""
    with ExitStack() as stack:
        yield SimpleNamespace(
            begin=lambda: stack.enter_context(connection.execute_wrapper(_refuse)), end=stack.close
        )


@pytest.fixture
def renders_without_database(monkeypatch):
    """Error pages are rendered with every query refused; the list records which templates were."""
    rendered: list[str] = []
    real = loader.render_to_string

    def render(template_name, context=None, request=None, using=None):
        rendered.append(template_name)
        with connection.execute_wrapper(_refuse):
            return real(template_name, context, request, using)

    monkeypatch.setattr(failure_pages, "render_to_string", render)
    monkeypatch.setattr("govsite.core.error_views.render_to_string", render)
    return rendered


def textarea(body: str, element_id: str) -> str:
    start = body.index(f'id="{element_id}"')
    return body[body.index(">", start) + 1 : body.index("</textarea>", start)]


def assert_typed_text_given_back(body: str) -> None:
    assert textarea(body, "typed-subject") == FORM["subject"]
    assert textarea(body, "typed-content") == FORM["content"]


@pytest.mark.django_db
def test_database_down_while_storing_says_not_received_and_gives_the_text_back(
    client, channel, solve_captcha, monkeypatch, outage
):
    def database_goes_down(*args, **kwargs):
        outage.begin()
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("govsite.interaction.letters.public_views.store_letter", database_goes_down)
    response = post_letter(client, channel, page_of(client, write_url(channel)), solve_captcha)
    body = response.content.decode()
    assert response.status_code == 503 and response["Cache-Control"] == "no-store"
    assert "您的信件未能保存，网站没有收到这封信" in body and "再提交一次" in body
    assert_typed_text_given_back(body)
    assert 'href="/hdjl/szxx/write/"' in body and "附件需要重新选择" in body
    assert "查询码" not in body and "已经收到" not in body


@pytest.mark.django_db
def test_a_bug_before_the_commit_says_not_received(
    client, channel, solve_captcha, monkeypatch, renders_without_database
):
    def bug(letter):
        raise ValueError("bug")

    monkeypatch.setattr("govsite.interaction.letters.submission.apply_deadline", bug)
    html = page_of(client, write_url(channel))
    client.raise_request_exception = False
    response = post_letter(client, channel, html, solve_captcha)
    body = response.content.decode()
    assert response.status_code == 500 and not Letter.objects.exists()
    assert "网站没有收到这封信" in body and "可能已经收到" not in body
    assert_typed_text_given_back(body)
    assert renders_without_database == [failure_pages.NOT_STORED_TEMPLATE]


@pytest.mark.django_db
def test_a_failure_after_the_letter_is_stored_shows_number_and_code_instead_of_try_again(
    client, channel, solve_captcha, settings, renders_without_database
):
    """The session or another middleware fails after the view returned the redirect to the receipt."""
    settings.MIDDLEWARE = ["interaction.test_letters_failure_pages.FailAfterRedirect", *settings.MIDDLEWARE]
    html = page_of(client, write_url(channel))
    client.raise_request_exception = False
    response = post_letter(client, channel, html, solve_captcha)
    body = response.content.decode()
    assert response.status_code == 500 and response["Cache-Control"] == "no-store"
    assert renders_without_database == [failure_pages.MAY_BE_STORED_TEMPLATE]

    letter = Letter.objects.get()
    assert "您的信件已经收到" in body and "请不要重复写信" in body
    number = text_of(body, "letter-number")
    code = text_of(body, "letter-code")
    assert number == letter.number and letter.query_digest == querycode.digest(code)
    assert 'href="/hdjl/szxx/query/"' in body
    assert_typed_text_given_back(body)
    assert "未能保存" not in body and "稍后再试" not in body


@pytest.mark.django_db
def test_a_receipt_page_that_cannot_be_drawn_still_shows_number_and_code(
    client, channel, solve_captcha, monkeypatch, renders_without_database
):
    """Regression (bench/letters_load.py, PostgreSQL restarted): 29 writers of stored letters got the
    generic "服务暂不可用" page from the receipt page, with no number, as if they should write again."""
    html = page_of(client, write_url(channel))
    response = post_letter(client, channel, html, solve_captcha)
    assert response.status_code == 302
    letter = Letter.objects.get()

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(type(channel), "render", database_gone)
    client.raise_request_exception = False
    failed = client.get(response["Location"])
    body = failed.content.decode()
    assert failed.status_code == 500 and renders_without_database == [failure_pages.MAY_BE_STORED_TEMPLATE]
    assert "您的信件已经收到" in body and "请不要重复写信" in body
    assert text_of(body, "letter-number") == letter.number
    assert letter.query_digest == querycode.digest(text_of(body, "letter-code"))
    assert "您填写的内容" not in body  # nothing typed to give back here

    monkeypatch.undo()  # the database is back: a reload shows the receipt (the cookie was kept)
    again = page_of(client, response["Location"])
    assert letter.number in again


@pytest.mark.django_db
def test_a_failed_commit_says_the_letter_may_be_received_and_how_to_check(
    client, channel, solve_captcha, monkeypatch, settings, tmp_path, outage
):
    """The commit's answer is lost (the connection dropped): the letter may well be in the database."""
    settings.MEDIA_ROOT = str(tmp_path)

    @contextmanager
    def atomic_whose_commit_fails():
        with transaction.atomic():
            yield
        outage.begin()
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(
        "govsite.interaction.letters.submission.transaction",
        SimpleNamespace(atomic=atomic_whose_commit_fails),
    )
    response = post_letter(
        client, channel, page_of(client, write_url(channel)), solve_captcha,
        attachment=SimpleUploadedFile("现场照片.pdf", PDF),
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 500 and response["Cache-Control"] == "no-store"
    assert "信件可能已经收到，也可能没有保存成功" in body and "不要马上重新写信" in body
    assert "未能保存" not in body and "网站没有收到" not in body
    assert f"拨打联系电话 {SITE_PHONE}" in body and 'href="/hdjl/szxx/query/"' in body
    assert_typed_text_given_back(body)

    outage.end()  # the database is back: the letter was kept
    letter = Letter.objects.get()
    assert text_of(body, "letter-number") == letter.number
    assert letter.query_digest == querycode.digest(text_of(body, "letter-code"))
    assert (tmp_path / "private" / letter.attachment.name).read_bytes() == PDF  # attachment not deleted


def text_of(body: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (a ``<dd>``)."""
    start = body.index(f'id="{element_id}"')
    return body[body.index(">", start) + 1 : body.index("<", start + 1)].strip()


class FailAfterRedirect:
    """Fails on the way out of a successful letter submission, as a session save can."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and response.status_code == 302:
            raise OperationalError("could not save the session")
        return response
