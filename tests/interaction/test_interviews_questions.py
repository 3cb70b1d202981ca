"""Questions from the public: the form, CAPTCHA, rate limits, moderation, and what the public may see."""

from __future__ import annotations

import datetime

import pytest
from django_fsm import TransitionNotAllowed

from govsite.interaction.interviews import services
from govsite.interaction.interviews.forms import QuestionForm
from govsite.interaction.interviews.models import InterviewPage, LiveEntry, Question
from govsite.interaction.interviews.privacy import looks_like_real_name, public_nickname
from interaction.interviews_factories import (
    at,
    live_now,
    make_entry,
    make_interview,
    make_question,
    make_staff,
)

TEXT = "请问灵活就业人员缴纳社保有补贴吗？怎么申请？"


@pytest.fixture
def interview(home, make_column):
    return live_now(make_interview(make_column("在线访谈", "interaction")))


def ask(client, page, solve_captcha, ip: str = "10.0.0.1", **fields):
    form_page = client.get(page.url)
    data = {
        "nickname": "热心市民",
        "phone": "13800138000",
        "text": TEXT,
        **solve_captcha(form_page.content.decode()),
    }
    data.update(fields)
    return client.post(page.url + "ask/", data, REMOTE_ADDR=ip)


def test_a_question_is_stored_pending_and_not_shown(client, interview, solve_captcha):
    response = ask(client, interview, solve_captcha)
    assert response.status_code == 302 and response["Location"].endswith("?asked=1#ask")
    question = Question.objects.get()
    assert (question.interview_id, question.status, question.phone) == (
        interview.pk,
        "pending",
        "13800138000",
    )
    page = client.get(response["Location"]).content.decode()
    assert "您的提问已提交" in page
    assert TEXT not in page  # pending: not public


def test_the_form_says_what_is_wrong_in_chinese_and_keeps_the_text(client, interview, solve_captcha):
    response = ask(client, interview, solve_captcha, nickname="", phone="1380013800", text="你好")
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("请填写网名", "请填写正确的11位手机号码", "提问内容不能少于5个字"):
        assert message in html
    assert "\n你好</textarea>" in html and 'value="1380013800"' in html
    assert not Question.objects.exists()


def test_a_wrong_captcha_is_refused_and_the_text_kept(client, interview, solve_captcha):
    response = ask(client, interview, solve_captcha, captcha_1="abcd")
    html = response.content.decode()
    assert "验证码不正确或已过期" in html and TEXT in html
    assert not Question.objects.exists()


@pytest.mark.parametrize(("length", "ok"), [(4, False), (5, True), (500, True), (501, False)])
def test_question_length_limits(length, ok):
    form = QuestionForm({"nickname": "网友", "phone": "13800138000", "text": "问" * length})
    form.fields.pop("captcha")
    assert form.is_valid() is ok
    if not ok:
        assert "提问内容" in form.errors["text"][0]


@pytest.mark.parametrize(
    ("phone", "ok"),
    [("13800138000", True), ("138 0013 8000", True), ("+8613800138000", True), ("12800138000", False),
     ("1380013800", False), ("0731-88881234", False)],
)  # fmt: skip
def test_phone_must_be_a_mobile_number(phone, ok):
    form = QuestionForm({"nickname": "网友", "phone": phone, "text": TEXT})
    form.fields.pop("captcha")
    assert form.is_valid() is ok


def test_rate_limit_per_address_counts_every_post(client, interview, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "2/h"}
    assert ask(client, interview, solve_captcha, text="第一个问题，关于就业补贴。").status_code == 302
    assert ask(client, interview, solve_captcha, text="短").status_code == 200  # an error counts too
    refused = ask(client, interview, solve_captcha, text="第三个问题，关于社保补贴。")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "提交过于频繁" in html and "第三个问题，关于社保补贴。" in html
    assert Question.objects.count() == 1
    assert ask(client, interview, solve_captcha, ip="10.0.0.2").status_code == 302  # another address


def test_rate_limit_per_phone_counts_accepted_questions(client, interview, solve_captcha, settings):
    settings.GOVSITE_RATE_LIMITS = {"phone": "2/d"}
    for number in range(2):
        assert ask(client, interview, solve_captcha, ip=f"10.0.1.{number}").status_code == 302
    refused = ask(client, interview, solve_captcha, ip="10.0.1.9", phone="138 0013 8000")
    assert refused.status_code == 429 and "该手机号码提交次数过多" in refused.content.decode()
    assert Question.objects.count() == 2


def test_questions_are_taken_before_the_session_and_refused_after(
    client, home, make_column, solve_captcha, monkeypatch
):
    page = make_interview(make_column("在线访谈", "interaction"), starts_at=at("2026-11-20 09:30"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-19 10:00"))
    assert "我要提问" in client.get(page.url).content.decode()
    assert ask(client, page, solve_captcha).status_code == 302

    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-20 11:00"))
    assert "我要提问" not in client.get(page.url).content.decode()
    response = client.post(page.url + "ask/", {"nickname": "网友", "phone": "13800138000", "text": TEXT})
    assert response.status_code == 403 and "本期访谈已结束，不再接收提问" in response.content.decode()
    assert Question.objects.count() == 1


def test_get_on_the_ask_address_goes_back_to_the_page(client, interview):
    response = client.get(interview.url + "ask/")
    assert response.status_code == 302 and response["Location"] == interview.url + "#ask"


# -- moderation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        ("pending", "approve", True),
        ("pending", "reject", True),
        ("rejected", "approve", True),  # reconsidered
        ("approved", "reject", True),  # withdrawn before it was answered
        ("approved", "approve", False),
        ("rejected", "reject", False),
        ("pending", "answer", False),
    ],
)
def test_moderation_transitions(interview, status, action, allowed):
    staff = make_staff("moderator")
    question = make_question(interview, status=status)
    if allowed:
        services.moderate(question, action, staff)
        question.refresh_from_db()
        assert question.status == {"approve": "approved", "reject": "rejected"}[action]
        assert question.moderated_by == staff and question.moderated_at is not None
    else:
        with pytest.raises(TransitionNotAllowed):
            services.moderate(question, action, staff)
        question.refresh_from_db()
        assert question.status == status


def test_an_answered_question_cannot_be_rejected(interview):
    question = make_question(interview, status="approved")
    make_entry(
        interview,
        "可以申请社会保险补贴。",
        role=LiveEntry.Role.GUEST,
        speaker_name="陈立新",
        question=question,
    )
    with pytest.raises(TransitionNotAllowed):
        services.moderate(question, "reject", make_staff("moderator"))
    LiveEntry.objects.update(is_published=False)  # the answer withdrawn: the question may go
    services.moderate(question, "reject", make_staff("other"))


def test_only_approved_questions_are_public_and_never_a_phone(client, interview):
    make_question(interview, "待审核的问题内容", status="pending", phone="13911112222")
    make_question(interview, "不采用的问题内容", status="rejected", phone="13933334444")
    make_question(interview, "已通过的问题，我叫李志华，电话13955556666", status="approved", nickname="张三丰",
                  phone="13977778888")  # fmt: skip
    html = client.get(interview.url).content.decode()
    assert "待审核的问题内容" not in html and "不采用的问题内容" not in html
    assert "已通过的问题，我叫李**，电话139****6666" in html
    assert "张**" in html and "张三丰" not in html
    for phone in ("13911112222", "13933334444", "13977778888", "13955556666"):
        assert phone not in html
    assert set(InterviewPage.objects.get().public_questions().values_list("status", flat=True)) == {
        "approved"
    }


@pytest.mark.parametrize(
    ("nickname", "shown"),
    [
        ("张三", "张*"),
        ("欧阳修文", "欧阳**"),
        ("热心市民", "热心市民"),
        ("小陈同学", "小陈同学"),
        ("rain_2024", "rain_2024"),
        ("张三丰的朋友", "张三丰的朋友"),  # five characters or more: not a name
        ("13800138000", "138****8000"),
        ("  ", "网友"),
    ],
)
def test_public_nickname(nickname, shown):
    assert public_nickname(nickname) == shown


def test_real_name_heuristic_needs_a_surname_and_han_characters():
    assert looks_like_real_name("王建国") and looks_like_real_name("李娜")
    assert (
        not looks_like_real_name("网友")
        and not looks_like_real_name("王")
        and not looks_like_real_name("Wang")
    )


def test_answer_in_the_broadcast_shows_the_masked_question(client, interview):
    question = make_question(
        interview, "孩子户口在老家，能在这边上学吗？", status="approved", nickname="王小明"
    )
    make_entry(interview, "可以，随迁子女凭居住证入学。", role=LiveEntry.Role.GUEST, speaker_name="陈立新",
               question=question, posted_at=interview.starts_at + datetime.timedelta(minutes=10))  # fmt: skip
    html = client.get(interview.url).content.decode()
    assert "网友“王**”问：" in html and "王小明" not in html
    assert "【陈立新】" in html and "可以，随迁子女凭居住证入学。" in html
