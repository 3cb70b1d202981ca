"""The 意见征集 staff screens: least privilege per site, moderation through the admin, export, flags."""

from __future__ import annotations

import datetime
import io
import json

import openpyxl
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.interaction.consultations.models import Comment, ConsultationPage
from govsite.interaction.consultations.wagtail_hooks import StaffMenuItem
from interaction.consultations_factories import beijing, make_comment, make_consultation, site_editor

pytestmark = pytest.mark.django_db

LONG_AGO_START, LONG_AGO_END = beijing(2025, 8, 1, 9), beijing(2025, 9, 26, 23, 59, 59)


@pytest.fixture
def own(make_column):
    column = make_column("意见征集", kind="interaction")
    return make_consultation(column, title="本站的意见征集", start_at=LONG_AGO_START, end_at=LONG_AGO_END)


@pytest.fixture
def foreign(home):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="云川市人民政府", slug="yunchuan")
    )
    Site.objects.create(hostname="yunchuan.localhost", root_page=other_home, site_name="云川市人民政府")
    column = other_home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    return make_consultation(column, title="别站的意见征集")


@pytest.fixture
def editor(django_user_model, home):
    return site_editor(django_user_model, home)


@pytest.fixture
def staff_client(client, editor):
    client.force_login(editor)
    return client


def test_staff_see_only_their_sites_consultations_and_comments(staff_client, own, foreign):
    mine, theirs = make_comment(own, content="本站意见"), make_comment(foreign, content="别站意见")
    html = staff_client.get(reverse("consultations_admin:index")).content.decode()
    assert "本站的意见征集" in html and "别站的意见征集" not in html
    html = staff_client.get(reverse("consultations_admin:comments")).content.decode()
    assert "本站意见" in html and "别站意见" not in html
    for name, pk in [("detail", foreign.pk), ("export", foreign.pk), ("moderate", theirs.pk)]:
        assert staff_client.get(reverse(f"consultations_admin:{name}", args=[pk])).status_code == 404
    response = staff_client.post(reverse("consultations_admin:moderate", args=[theirs.pk]),
                                 {"action": "moderate", "decision": "approve"})  # fmt: skip
    assert response.status_code == 404 and Comment.objects.get(pk=theirs.pk).status == "pending"
    assert staff_client.get(reverse("consultations_admin:moderate", args=[mine.pk])).status_code == 200


def test_staff_without_a_site_are_refused_and_the_menu_hides(client, django_user_model, own, editor):
    from django.contrib.auth.models import Group

    nobody = django_user_model.objects.create_user("nobody")
    nobody.groups.add(Group.objects.create(name="只能登录后台"))
    nobody.groups.first().permissions.add(*editor.groups.first().permissions.all())
    client.force_login(nobody)
    for url in (reverse("consultations_admin:index"), reverse("consultations_admin:comments"),
                reverse("consultations_admin:detail", args=[own.pk])):  # fmt: skip
        assert client.get(url).status_code == 302  # Wagtail sends users without permission away
    request = RequestFactory().get("/admin/")
    request.user = nobody
    assert not StaffMenuItem("意见审核", "/").is_shown(request)
    request.user = editor
    assert StaffMenuItem("意见审核", "/").is_shown(request)


def test_anonymous_users_go_to_the_login(client, own):
    response = client.get(reverse("consultations_admin:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_moderation_through_the_admin(staff_client, editor, own):
    comment = make_comment(own)
    url = reverse("consultations_admin:moderate", args=[comment.pk])
    html = staff_client.post(url, {"action": "moderate", "decision": "reject", "reason": ""}).content.decode()
    assert "请填写不予通过的理由" in html
    comment.refresh_from_db()
    assert comment.status == "pending"

    response = staff_client.post(url, {"action": "moderate", "decision": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == ("approved", editor)
    entry = PageLogEntry.objects.get(page=own, action="consultations.approve_comment")
    assert (entry.user, entry.data["comment"]) == (
        editor,
        comment.pk,
    )  # the page's history shows who and when

    response = staff_client.post(url, {"action": "moderate", "decision": "approve"}, follow=True)
    assert "该意见的审核状态已变化" in response.content.decode()  # approving twice is refused

    response = staff_client.post(url, {"action": "adoption", "adoption": "partly", "note": "部分吸收"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.adoption, comment.adoption_note) == ("partly", "部分吸收")

    staff_client.post(url, {"action": "moderate", "decision": "reject", "reason": "含有他人隐私"})
    comment.refresh_from_db()
    assert (comment.status, comment.rejection_reason, comment.adoption) == ("rejected", "含有他人隐私", "")
    html = staff_client.get(url).content.decode()
    assert 'id="moderation-form"' not in html and 'id="adoption-form"' not in html


def test_adoption_is_refused_while_the_consultation_is_open(staff_client, make_column, editor):
    open_now = make_consultation(make_column("征集二", kind="interaction"),
                                 start_at=timezone.now() - datetime.timedelta(days=1),
                                 end_at=timezone.now() + datetime.timedelta(days=30))  # fmt: skip
    comment = make_comment(open_now)
    comment.approve(by=editor)
    comment.save()
    url = reverse("consultations_admin:moderate", args=[comment.pk])
    assert 'id="adoption-form"' not in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"action": "adoption", "adoption": "adopted"}, follow=True)
    assert "征集结束后才能标注采纳情况" in response.content.decode()
    comment.refresh_from_db()
    assert comment.adoption == ""


def test_queue_filters(staff_client, own, editor):
    make_comment(own, content="等待审核的意见")
    done = make_comment(own, content="已经通过的意见")
    done.approve(by=editor)
    done.save()
    url = reverse("consultations_admin:comments")
    html = staff_client.get(url, {"status": "pending"}).content.decode()
    assert "等待审核的意见" in html and "已经通过的意见" not in html
    html = staff_client.get(url, {"q": "通过"}).content.decode()
    assert "等待审核的意见" not in html and "已经通过的意见" in html


def test_export_has_every_comment_in_full(staff_client, own, editor):
    make_comment(own, name="张三丰", phone="13812345678", clause="第三条", content="第一条意见")
    rejected = make_comment(own, name="李四", content="广告")
    rejected.reject(by=editor, reason="广告信息")
    rejected.save()
    response = staff_client.get(reverse("consultations_admin:export", args=[own.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["征集意见"].values)
    assert rows[0][:7] == ("序号", "提交时间", "姓名", "联系电话", "电子邮箱", "针对条款", "意见建议")
    assert len(rows) == 3
    assert rows[1][2:4] == ("张三丰", "13812345678") and rows[2][10] == "广告信息"
    summary = dict(row[:2] for row in book["统计"].values)
    assert (summary["有效意见"], summary["未通过"], summary["反馈发布时间"]) == (1, 1, "未发布")


def test_list_flags_consultations_past_their_feedback_period(staff_client, own):
    html = staff_client.get(reverse("consultations_admin:index")).content.decode()
    assert "逾期未反馈" in html and "consultation-flagged" in html
    html = staff_client.get(reverse("consultations_admin:index"), {"flagged": "1"}).content.decode()
    assert "本站的意见征集" in html
    own.feedback_summary = "<p>采纳情况说明</p>"
    own.save_revision().publish()
    html = staff_client.get(reverse("consultations_admin:index"), {"flagged": "1"}).content.decode()
    assert "本站的意见征集" not in html


def test_admin_home_panel_lists_missing_feedback_and_pending_comments(staff_client, own, foreign):
    make_comment(own)
    make_comment(foreign)
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "意见征集提醒" in html and "本站的意见征集" in html and "1 条意见待审核" in html
    assert "别站的意见征集" not in html


def test_detail_counts(staff_client, own, editor):
    for clause in ("第三条", "第三条", ""):
        comment = make_comment(own, clause=clause)
        comment.approve(by=editor)
        comment.save()
    html = staff_client.get(reverse("consultations_admin:detail", args=[own.pk])).content.decode()
    assert "逾期未反馈" in html and "<td>第三条</td><td>2</td>" in html


def rich(text: str) -> str:
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block] if text else [], "entityMap": {}})


def edit_data(page: ConsultationPage, **fields) -> dict[str, str]:
    data = {
        "title": page.title, "slug": page.slug, "organ": page.organ,
        "start_at": timezone.localtime(page.start_at).strftime("%Y-%m-%d %H:%M"),
        "end_at": timezone.localtime(page.end_at).strftime("%Y-%m-%d %H:%M"),
        "draft_body": rich("第一条 为了规范养老服务，制定本条例。"), "explanation": rich(""), "contact": "",
        "feedback_summary": rich(""), "action-publish": "action-publish",
    }  # fmt: skip
    data.update(fields)
    return data


def test_page_editor_warns_of_a_short_period_and_refuses_early_feedback(staff_client, make_column):
    start = timezone.now() - datetime.timedelta(days=1)
    page = make_consultation(make_column("征集三", kind="interaction"), start_at=start,
                             end_at=start + datetime.timedelta(days=40))  # fmt: skip
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    short_end = timezone.localtime(start + datetime.timedelta(days=29, hours=23)).strftime("%Y-%m-%d %H:%M")
    response = staff_client.post(url, edit_data(page, end_at=short_end), follow=True)
    html = response.content.decode()
    assert "少于一般要求的 30 天" in html
    page.refresh_from_db()
    assert page.period_is_short

    thirty = timezone.localtime(start + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    html = staff_client.post(url, edit_data(page, end_at=thirty), follow=True).content.decode()
    assert "少于一般要求" not in html

    html = staff_client.post(url, edit_data(page, feedback_summary=rich("提前写好的反馈"))).content.decode()
    assert "征集结束后才能发布采纳情况反馈" in html
    page.refresh_from_db()
    assert page.feedback_summary == "" and page.feedback_published_at is None
