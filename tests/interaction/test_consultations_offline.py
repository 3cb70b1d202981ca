"""Comments received offline (信函、传真、座谈会 …): the rules of entry, the admin screen, counts and privacy."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.interaction.consultations import views
from govsite.interaction.consultations.models import Comment, FeedbackCounts
from interaction.consultations_factories import (
    ONE_MICROSECOND,
    beijing,
    make_comment,
    make_consultation,
    make_offline_comment,
    site_editor,
)

pytestmark = pytest.mark.django_db

START, END = beijing(2025, 8, 1, 9), beijing(2025, 9, 26, 23, 59, 59)
FIRST_DAY, TODAY = datetime.date(2025, 8, 1), datetime.date(2025, 10, 10)


@pytest.fixture
def own(make_column):
    return make_consultation(make_column("意见征集", kind="interaction"), start_at=START, end_at=END)


@pytest.fixture
def foreign(home):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="云川市人民政府", slug="yunchuan")
    )
    Site.objects.create(hostname="yunchuan.localhost", root_page=other_home, site_name="云川市人民政府")
    column = other_home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    return make_consultation(column, title="别站的意见征集", start_at=START, end_at=END)


@pytest.fixture
def editor(django_user_model, home):
    return site_editor(django_user_model, home)


@pytest.fixture
def staff_client(client, editor):
    client.force_login(editor)
    return client


# -- the rules ---------------------------------------------------------------------------------------


def offline(consultation, by, **fields) -> Comment:
    fields = {"channel": "letter", "received_on": FIRST_DAY, "content": "来信意见", "today": TODAY, **fields}
    return Comment.offline(consultation, by=by, **fields)


@pytest.mark.parametrize(
    ("received_on", "error"),
    [
        (FIRST_DAY - datetime.timedelta(days=1), "收到日期不能早于征集开始日期"),
        (FIRST_DAY, None),
        (END.date() + datetime.timedelta(days=5), None),  # posted in time, arrived after the end
        (TODAY, None),
        (TODAY + datetime.timedelta(days=1), "收到日期不能晚于今天"),
    ],
)
def test_the_day_of_receipt_lies_between_the_first_day_and_today(own, editor, received_on, error):
    if error is None:
        assert offline(own, editor, received_on=received_on).received_on == received_on
    else:
        with pytest.raises(ValidationError) as caught:
            offline(own, editor, received_on=received_on)
        assert caught.value.message_dict == {"received_on": [error]}


def test_an_offline_comment_needs_an_offline_channel_and_content(own, editor):
    with pytest.raises(ValidationError) as caught:
        offline(own, editor, channel="online", content="  ")
    assert set(caught.value.message_dict) == {"channel", "content"}


def test_an_offline_comment_is_valid_from_the_start_and_names_who_entered_it(own, editor):
    comment = offline(own, editor, channel="hearing", name="", clause=" 第三条 ")
    comment.save()
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.entered_by) == ("approved", editor, editor)
    assert (comment.channel, comment.name, comment.clause, comment.is_offline) == (
        "hearing",
        "",
        "第三条",
        True,
    )
    assert comment.received_date == FIRST_DAY
    # Staff may still withdraw it, like any approved comment.
    comment.reject(by=editor, reason="重复录入")
    comment.save()
    assert comment.status == "rejected"


def test_the_database_keeps_the_day_of_receipt_with_the_channel(own):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_comment(own, channel="letter")  # offline without a day of receipt
    with pytest.raises(IntegrityError), transaction.atomic():
        make_comment(own, received_on=FIRST_DAY)  # online with one


def test_counts_take_offline_comments_like_online_ones(own, editor):
    make_comment(own)  # online, pending: received
    make_offline_comment(own, editor)
    make_offline_comment(own, editor, channel="fax")
    withdrawn = make_offline_comment(own, editor, channel="hearing")
    withdrawn.reject(by=editor, reason="重复录入")
    withdrawn.save()
    counts = FeedbackCounts.of(own.comments.all())
    assert (counts.received, counts.offline, counts.online, counts.pending, counts.rejected) == (
        3,
        2,
        1,
        1,
        1,
    )


# -- the admin screen --------------------------------------------------------------------------------


def test_staff_enter_a_letter_through_the_admin(staff_client, editor, own):
    url = reverse("consultations_admin:offline", args=[own.pk])
    html = staff_client.get(url).content.decode()
    assert 'id="offline-comment-form"' in html and "座谈会" in html and "网上提交" not in html

    response = staff_client.post(url, {"channel": "letter", "received_on": "2025-09-28", "name": "",
                                       "clause": "第五条", "content": "来信：建议延长助餐时间。"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations_admin:detail", args=[own.pk])
    comment = Comment.objects.get()
    assert (comment.consultation, comment.channel, comment.received_on) == (
        own,
        "letter",
        datetime.date(2025, 9, 28),
    )
    assert (comment.status, comment.entered_by, comment.name, comment.phone) == ("approved", editor, "", "")
    entry = PageLogEntry.objects.get(page=own, action="consultations.record_offline_comment")
    assert (entry.user, entry.data) == (editor, {"comment": comment.pk, "channel": "letter"})

    html = staff_client.get(response["Location"]).content.decode()
    assert "已录入一条信函意见（2025-09-28 收到）" in html
    assert "<td>1</td><td>1</td><td>0</td>" in html  # 有效意见 1, 其中线下 1, 待审核 0
    html = staff_client.get(reverse("consultations_admin:moderate", args=[comment.pk])).content.decode()
    assert '<td id="comment-channel">信函</td>' in html and "2025-09-28" in html
    assert 'id="adoption-form"' in html  # closed: the letter's adoption can be recorded like any other

    staff_client.post(url, {"channel": "hearing", "received_on": "2025-09-01", "content": "座谈会意见",
                            "another": "1"})  # fmt: skip
    html = staff_client.get(reverse("consultations_admin:comments"), {"channel": "hearing"}).content.decode()
    assert "座谈会意见" in html and "来信：建议延长助餐时间" not in html


def test_the_entry_form_says_what_is_wrong_in_chinese(staff_client, own):
    url = reverse("consultations_admin:offline", args=[own.pk])
    html = staff_client.post(url, {"channel": "online", "received_on": "", "content": ""}).content.decode()
    for message in ("请选择线下提交渠道", "请填写收到日期", "请填写意见建议"):
        assert message in html
    html = staff_client.post(
        url, {"channel": "fax", "received_on": "2025-07-31", "content": "传真意见"}
    ).content.decode()
    assert "收到日期不能早于征集开始日期" in html and "传真意见" in html  # what was typed is kept
    assert not Comment.objects.exists()


def test_staff_cannot_enter_comments_for_another_sites_consultation(staff_client, foreign):
    url = reverse("consultations_admin:offline", args=[foreign.pk])
    assert staff_client.get(url).status_code == 404
    response = staff_client.post(
        url, {"channel": "letter", "received_on": "2025-08-02", "content": "越权录入"}
    )
    assert response.status_code == 404 and not Comment.objects.exists()


def test_users_who_work_in_no_site_cannot_enter_comments(client, django_user_model, own):
    client.force_login(django_user_model.objects.create_user("nobody"))
    url = reverse("consultations_admin:offline", args=[own.pk])
    response = client.post(url, {"channel": "letter", "received_on": "2025-08-02", "content": "越权录入"})
    assert response.status_code == 302  # sent away by Wagtail
    assert not Comment.objects.exists()


def test_export_names_the_channel_the_day_and_who_entered_it(staff_client, editor, own):
    make_comment(own)
    make_offline_comment(own, editor, channel="fax", received_on=datetime.date(2025, 8, 3))
    book = openpyxl.load_workbook(
        io.BytesIO(staff_client.get(reverse("consultations_admin:export", args=[own.pk])).content)
    )
    rows = list(book["征集意见"].values)
    assert rows[0][13:] == ("提交渠道", "收到日期", "录入人")
    assert rows[2][13:] == ("传真", "2025-08-03", "editor") and rows[1][13] == "网上提交"
    summary = dict(row[:2] for row in book["统计"].values)
    assert (summary["有效意见"], summary["其中线下"]) == (2, 1)


# -- what the public sees ----------------------------------------------------------------------------


def test_the_public_sees_offline_comments_masked_and_counted(client, editor, own, monkeypatch):
    own.show_comments = True
    own.feedback_summary = "<p>主要意见已研究吸收。</p>"
    own.save_revision().publish()
    online = make_comment(own, content="网上意见")
    online.approve(by=editor)
    letter = make_offline_comment(
        own, editor, name="王小明", received_on=datetime.date(2025, 9, 28),
        content="我叫王小明，电话13912345678，建议增加助餐点。",
    )  # fmt: skip
    for comment, adoption in ((online, "adopted"), (letter, "partly")):
        comment.set_adoption(adoption, "理由", now=END + ONE_MICROSECOND)
        comment.save()

    monkeypatch.setattr(views, "clock", lambda: END + datetime.timedelta(days=30))
    html = client.get(own.url).content.decode()
    assert (
        "共收到有效意见建议 <strong>2</strong> 条，其中采纳 <strong>1</strong> 条，部分采纳 <strong>1</strong> 条"
        in html
    )
    assert "信函意见" in html and "2025-09-28" in html and "王**" in html and "139****5678" in html
    assert "王小明" not in html and "13912345678" not in html
