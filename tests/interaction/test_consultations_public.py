"""意见征集 as the public meets it: the open period's edges, the comment form, what is shown of comments."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from govsite.interaction.consultations import views
from govsite.interaction.consultations.models import Comment, ConsultationState
from interaction.consultations_factories import ONE_MICROSECOND, beijing, make_comment, make_consultation

pytestmark = pytest.mark.django_db

START = beijing(2026, 11, 1, 9)
END = beijing(2026, 11, 30, 23, 59, 59)
INSIDE = beijing(2026, 11, 20, 10)


@pytest.fixture
def consultation(make_column):
    return make_consultation(make_column("意见征集", kind="interaction"), start_at=START, end_at=END)


@pytest.fixture
def at(monkeypatch):
    def stand_at(moment: datetime.datetime) -> None:
        monkeypatch.setattr(views, "clock", lambda: moment)

    return stand_at


def comment_data(client: Client, page, solve_captcha, **fields) -> dict[str, str]:
    html = client.get(page.url).content.decode()
    data = {"name": "李四", "phone": "13912345678", "email": "", "clause": "第三条",
            "content": "建议明确助餐服务的补贴标准。", **solve_captcha(html)}  # fmt: skip
    data.update(fields)
    return data


def post_comment(client: Client, page, data):
    return client.post(page.url + "comment/", data)


# -- the open period --------------------------------------------------------------------------------


def test_state_at_the_edges_of_the_period(consultation):
    assert consultation.state(START - ONE_MICROSECOND) == ConsultationState.UPCOMING
    assert consultation.state(START) == ConsultationState.OPEN
    assert consultation.state(END) == ConsultationState.OPEN  # the closing instant still counts
    assert consultation.state(END + ONE_MICROSECOND) == ConsultationState.CLOSED
    consultation.feedback_published_at = END + datetime.timedelta(days=3)
    assert consultation.state(END + datetime.timedelta(days=4)) == ConsultationState.ANSWERED


def test_period_is_read_in_beijing_time(consultation):
    # 23:59:59 on 30 November in Beijing is 15:59:59 UTC; one second later it is 1 December in Beijing.
    assert consultation.end_at == datetime.datetime(2026, 11, 30, 15, 59, 59, tzinfo=datetime.UTC)
    assert consultation.is_open(datetime.datetime(2026, 11, 30, 15, 59, 59, tzinfo=datetime.UTC))
    assert not consultation.is_open(datetime.datetime(2026, 11, 30, 16, 0, 0, tzinfo=datetime.UTC))
    assert consultation.closed_on == datetime.date(2026, 11, 30)  # not the UTC date's neighbour


def test_before_the_start_the_page_shows_no_form(client, consultation, at):
    at(START - ONE_MICROSECOND)
    html = client.get(consultation.url).content.decode()
    assert "尚未开始" in html and 'name="content"' not in html
    at(START)
    html = client.get(consultation.url).content.decode()
    assert 'name="content"' in html and "征集中" in html


def test_a_comment_at_the_closing_instant_is_taken_and_one_after_is_refused(
    client, consultation, at, solve_captcha
):
    at(END)
    response = post_comment(client, consultation, comment_data(client, consultation, solve_captcha))
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert Comment.objects.get().submitted_at == END

    data = comment_data(
        client, consultation, solve_captcha, content="截止后才写好的意见。"
    )  # form still open
    at(END + ONE_MICROSECOND)
    response = post_comment(client, consultation, data)
    html = response.content.decode()
    assert response.status_code == 403
    assert "本次意见征集已结束，不再接收意见" in html
    assert "截止后才写好的意见。" in html  # the writer's text comes back to be sent another way
    assert Comment.objects.count() == 1


def test_closed_page_lists_the_other_channels(client, consultation, at):
    consultation.contact = "电子邮箱：zqyj@example.cn\n通信地址：西地省民政厅"
    consultation.save_revision().publish()
    at(END + datetime.timedelta(days=1))
    html = client.get(consultation.url).content.decode()
    assert "zqyj@example.cn" in html and "通信地址：西地省民政厅" in html and 'name="content"' not in html


# -- the form ----------------------------------------------------------------------------------------


def test_accepted_comment_waits_for_moderation_and_thanks_the_writer(client, consultation, at, solve_captcha):
    at(INSIDE)
    response = post_comment(
        client, consultation, comment_data(client, consultation, solve_captcha, phone="139 1234 5678")
    )
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.phone, comment.clause) == (
        "pending",
        "李四",
        "13912345678",
        "第三条",
    )
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "意见提交成功" in thanks.content.decode()


def test_empty_form_says_what_is_missing_in_chinese(client, consultation, at):
    at(INSIDE)
    response = post_comment(client, consultation, {"email": "not-an-address"})
    html = response.content.decode()
    for message in ("请填写姓名", "请填写联系电话", "请填写意见建议", "请输入验证码", "电子邮箱格式不正确"):
        assert message in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("phone", "valid"),
    [("13812345678", True), ("0731-88881234", True), ("073188881234", True), ("+86 138 1234 5678", True),
     ("1381234567", False), ("12812345678", False), ("88881234", False), ("电话", False)],
)  # fmt: skip
def test_phone_numbers(client, consultation, at, solve_captcha, phone, valid):
    at(INSIDE)
    post_comment(client, consultation, comment_data(client, consultation, solve_captcha, phone=phone))
    assert Comment.objects.exists() is valid


def test_errors_keep_what_was_typed(client, consultation, at, solve_captcha):
    at(INSIDE)
    data = comment_data(
        client, consultation, solve_captcha, phone="12345", content="我的意见<很长>，请保留。"
    )
    html = post_comment(client, consultation, data).content.decode()
    assert "联系电话格式不正确" in html
    assert "我的意见&lt;很长&gt;，请保留。" in html and 'value="李四"' in html and 'value="第三条"' in html


def test_content_length_limit(client, consultation, at, solve_captcha):
    at(INSIDE)
    html = post_comment(
        client, consultation, comment_data(client, consultation, solve_captcha, content="字" * 2001)
    ).content
    assert "意见建议不能超过 2000 字（当前 2001 字）" in html.decode()
    post_comment(client, consultation, comment_data(client, consultation, solve_captcha, content="字" * 2000))
    assert Comment.objects.count() == 1


def test_wrong_captcha_is_refused(client, consultation, at, solve_captcha):
    at(INSIDE)
    data = comment_data(client, consultation, solve_captcha)
    data["captcha_1"] = "0000" if data["captcha_1"] != "0000" else "1111"
    html = post_comment(client, consultation, data).content.decode()
    assert "验证码不正确或已过期" in html and not Comment.objects.exists()


def test_form_carries_a_csrf_token_and_needs_it(consultation, at, solve_captcha):
    at(INSIDE)
    client = Client(enforce_csrf_checks=True)
    html = client.get(consultation.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    response = client.post(consultation.url + "comment/", {"name": "李四", **solve_captcha(html)})
    assert response.status_code == 403


def test_get_on_the_comment_address_goes_to_the_form(client, consultation):
    response = client.get(consultation.url + "comment/")
    assert response.status_code == 302 and response["Location"].endswith("#comment-form")


# -- rate limits -------------------------------------------------------------------------------------


def test_address_limit_counts_every_post_and_keeps_the_text(client, consultation, at, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "3/h", "phone": "5/d"}
    at(INSIDE)
    for _ in range(3):
        assert post_comment(client, consultation, {"content": "第一次"}).status_code == 200
    response = post_comment(client, consultation, {"content": "第四次提交的意见"})
    html = response.content.decode()
    assert response.status_code == 429 and "提交过于频繁" in html and "第四次提交的意见" in html


def test_phone_limit_counts_accepted_comments(client, consultation, at, settings, solve_captcha):
    settings.GOVSITE_RATE_LIMITS = {"ip": "100/h", "phone": "2/d"}
    at(INSIDE)
    for _ in range(2):
        assert (
            post_comment(client, consultation, comment_data(client, consultation, solve_captcha)).status_code
            == 302
        )
    response = post_comment(
        client, consultation, comment_data(client, consultation, solve_captcha, content="第三条意见")
    )
    html = response.content.decode()
    assert response.status_code == 429 and "该手机号码提交次数过多" in html and "第三条意见" in html
    assert Comment.objects.count() == 2


# -- what the public sees ----------------------------------------------------------------------------


def test_only_approved_comments_are_shown_and_masked(client, consultation, at, django_user_model):
    moderator = django_user_model.objects.create_user("moderator")
    consultation.show_comments = True
    consultation.save_revision().publish()
    approved = make_comment(consultation, name="欧阳修文", phone="13800138000", email="ouyang@example.cn",
                            content="我叫欧阳修文，电话13800138000，建议增加夜间助餐。")  # fmt: skip
    approved.approve(by=moderator)
    approved.save()
    make_comment(consultation, name="王五", content="待审核的意见内容")
    rejected = make_comment(consultation, name="赵六", content="不予通过的广告内容")
    rejected.reject(by=moderator, reason="广告")
    rejected.save()

    at(INSIDE)
    html = client.get(consultation.url).content.decode()
    assert "欧阳**" in html and "建议增加夜间助餐" in html
    assert "欧阳修文" not in html and "13800138000" not in html and "ouyang@example.cn" not in html
    assert "138****8000" in html  # the phone inside the text, masked
    assert "待审核的意见内容" not in html and "王五" not in html and "王*" not in html
    assert "不予通过的广告内容" not in html and "赵*" not in html


def test_comments_stay_private_unless_the_page_shows_them(client, consultation, at, django_user_model):
    comment = make_comment(consultation, content="已通过但不公开的意见")
    comment.approve(by=django_user_model.objects.create_user("moderator"))
    comment.save()
    at(INSIDE)
    assert "已通过但不公开的意见" not in client.get(consultation.url).content.decode()


def test_feedback_is_shown_with_counts_after_it_is_published(client, consultation, at, django_user_model):
    moderator = django_user_model.objects.create_user("moderator")
    consultation.show_comments = True
    consultation.save_revision().publish()
    for adoption in ("adopted", "adopted", "partly", "not_adopted"):
        comment = make_comment(consultation, content=f"意见（{adoption}）")
        comment.approve(by=moderator)
        comment.set_adoption(adoption, "理由说明", now=END + ONE_MICROSECOND)
        comment.save()
    invalid = make_comment(consultation, content="无效")
    invalid.reject(by=moderator, reason="重复")
    invalid.save()

    at(END + datetime.timedelta(days=2))
    html = client.get(consultation.url).content.decode()
    assert "意见采纳情况" not in html and "采纳情况：" not in html  # closed, no feedback yet

    consultation.feedback_summary = "<p>主要意见已研究吸收。</p>"
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is not None
    html = client.get(consultation.url).content.decode()
    assert "已反馈" in html and "主要意见已研究吸收。" in html
    assert (
        "共收到有效意见建议 <strong>4</strong> 条，其中采纳 <strong>2</strong> 条，部分采纳 <strong>1</strong> 条，未采纳 <strong>1</strong> 条"
        in html
    )
    assert "采纳情况：部分采纳" in html


def test_feedback_publication_time_is_kept_and_cleared_with_the_text(consultation):
    consultation.feedback_summary = "<p>反馈</p>"
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    first = consultation.feedback_published_at
    assert first is not None and first <= timezone.now()
    consultation.feedback_summary = "<p>反馈（修订）</p>"
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert consultation.feedback_published_at == first
    consultation.feedback_summary = ""
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is None


def test_draft_text_is_sanitised(consultation):
    consultation.draft_body = '<p onclick="steal()">第一条</p><script>alert(1)</script>'
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert "script" not in consultation.draft_body and "onclick" not in consultation.draft_body
    assert "第一条" in consultation.draft_body
