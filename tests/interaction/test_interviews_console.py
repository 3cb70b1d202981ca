"""The staff console: least privilege per site, moderation, posting and withdrawing entries, phase buttons."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govsite.cluster.models import SiteProfile
from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.interaction.interviews.access import can_broadcast, can_manage, interviews_for_user
from govsite.interaction.interviews.models import InterviewPage, LiveEntry
from interaction.interviews_factories import live_now, make_entry, make_interview, make_question, make_staff


@pytest.fixture
def interview(home, make_column):
    return live_now(make_interview(make_column("在线访谈", "interaction")))


@pytest.fixture
def other_site_interview(home):
    other = Page.get_first_root_node().add_child(instance=HomePage(title="云川市人民政府", slug="yunchuan"))
    site = Site.objects.create(
        hostname="yunchuan.localhost", port=80, root_page=other, site_name="云川市人民政府网"
    )
    SiteProfile.objects.create(site=site, level="city", kind="portal", site_code="4301000001")
    column = other.add_child(instance=ColumnPage(title="在线访谈", kind="interaction"))
    return live_now(make_interview(column, title="云川市的访谈"))


@pytest.fixture
def staff(home):
    return make_staff("xidi-editor", home)


def console(page) -> str:
    return reverse("interviews_admin:console", args=[page.pk])


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_staff_of_a_site_see_only_their_sites_interviews(client, staff, interview, other_site_interview):
    assert can_manage(staff, interview) and not can_manage(staff, other_site_interview)
    assert list(interviews_for_user(staff)) == [interview]
    client.force_login(staff)
    listing = client.get(reverse("interviews_admin:index")).content.decode()
    assert interview.title in listing and "云川市的访谈" not in listing

    assert client.get(console(interview)).status_code == 200
    assert refused(client.get(console(other_site_interview)))
    question = make_question(other_site_interview, phone="13912345678")
    entry = make_entry(other_site_interview)
    for url in (
        reverse("interviews_admin:moderate", args=[other_site_interview.pk, question.pk, "approve"]),
        reverse("interviews_admin:phase", args=[other_site_interview.pk, "finish"]),
        reverse("interviews_admin:withdraw", args=[other_site_interview.pk, entry.pk]),
        console(other_site_interview),
    ):
        assert refused(client.post(url, {"speaker": "host", "text": "越权"}))
    question.refresh_from_db()
    entry.refresh_from_db()
    assert question.status == "pending" and entry.is_published and other_site_interview.entries.count() == 1


def test_a_question_of_another_interview_cannot_be_moderated_through_mine(
    client, staff, interview, other_site_interview
):
    question = make_question(other_site_interview)
    client.force_login(staff)
    url = reverse("interviews_admin:moderate", args=[interview.pk, question.pk, "approve"])
    assert client.post(url).status_code == 404


def test_staff_without_any_site_and_anonymous_users_are_refused(client, interview):
    nobody = make_staff("no-pages")
    client.force_login(nobody)
    assert refused(client.get(console(interview)))
    assert not interviews_for_user(nobody).exists()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("interviews_admin:index") not in menu
    client.logout()
    response = client.get(console(interview))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_item_under_interaction_for_staff(client, staff, interview):
    client.force_login(staff)
    assert reverse("interviews_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_console_shows_pending_questions_with_phones_and_moderates(client, staff, interview):
    pending = make_question(interview, "待审核的提问内容", phone="13911112222")
    client.force_login(staff)
    html = client.get(console(interview)).content.decode()
    assert "待审核的提问内容" in html and "13911112222" in html  # staff see the phone
    response = client.post(reverse("interviews_admin:moderate", args=[interview.pk, pending.pk, "approve"]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "approved" and pending.moderated_by == staff
    public = client.get(interview.url).content.decode()
    assert "待审核的提问内容" in public and "13911112222" not in public

    client.post(reverse("interviews_admin:moderate", args=[interview.pk, pending.pk, "approve"]))  # refused
    pending.refresh_from_db()
    assert pending.status == "approved"


def test_picking_a_question_and_answering_it(client, staff, interview):
    question = make_question(interview, "租房可以提取公积金吗？", status="approved", nickname="王小明")
    client.force_login(staff)
    form_page = client.get(console(interview) + f"?answer={question.pk}").content.decode()
    assert f'<option value="{question.pk}" selected>' in form_page
    guest = interview.guests.get(name="陈立新")
    response = client.post(console(interview), {"speaker": f"guest-{guest.pk}", "question": question.pk,
                                                "text": "可以，按月提取。"})  # fmt: skip
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert (entry.role, entry.speaker_name, entry.speaker_title, entry.question, entry.posted_by) == (
        "guest", "陈立新", "局长", question, staff)  # fmt: skip
    public = client.get(interview.url).content.decode()
    assert "网友“王**”问：" in public and "可以，按月提取。" in public


def test_entry_form_errors_keep_the_text(client, staff, interview):
    question = make_question(interview, status="approved")
    rejected = make_question(interview, "不采用的提问", status="rejected")
    client.force_login(staff)
    response = client.post(
        console(interview), {"speaker": "host", "question": question.pk, "text": "主持人不能代答"}
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "回答网友提问时，发言人应为访谈嘉宾" in html
        and "主持人不能代答" in html
    )
    response = client.post(console(interview), {"speaker": "host", "question": rejected.pk, "text": "答复"})
    assert "该提问不存在或未通过审核" in response.content.decode()
    response = client.post(console(interview), {"speaker": "", "text": ""})
    assert "请选择发言人" in response.content.decode() and "请填写发言内容" in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_entries_are_posted_only_while_live(client, staff, home, make_column):
    upcoming = make_interview(make_column("往期访谈", "interaction"), title="下周的访谈")
    InterviewPage.objects.filter(pk=upcoming.pk).update(
        starts_at=upcoming.starts_at.replace(year=2099), ends_at=upcoming.ends_at.replace(year=2099)
    )
    client.force_login(staff)
    response = client.post(console(upcoming), {"speaker": "host", "text": "提前发布"})
    assert "访谈不在直播中" in response.content.decode() and "提前发布" in response.content.decode()
    assert not LiveEntry.objects.exists()

    client.post(reverse("interviews_admin:phase", args=[upcoming.pk, "start"]))
    assert InterviewPage.objects.get(pk=upcoming.pk).phase == "started"
    assert client.post(console(upcoming), {"speaker": "host", "text": "访谈提前开始"}).status_code == 302
    client.post(reverse("interviews_admin:phase", args=[upcoming.pk, "finish"]))
    assert InterviewPage.objects.get(pk=upcoming.pk).state() == "archived"
    assert client.post(console(upcoming), {"speaker": "host", "text": "结束后"}).status_code == 200
    assert LiveEntry.objects.count() == 1


def test_withdrawing_an_entry_removes_it_from_page_and_feed(client, staff, interview):
    entry = make_entry(interview, "发错了的内容")
    client.force_login(staff)
    assert client.post(reverse("interviews_admin:withdraw", args=[interview.pk, entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert not entry.is_published and entry.withdrawn_at is not None
    assert "发错了的内容" not in client.get(interview.url).content.decode()
    assert client.get(reverse("interviews:live", args=[interview.pk])).json()["entries"] == []
    client.post(
        reverse("interviews_admin:withdraw", args=[interview.pk, entry.pk])
    )  # again: refused, no change
    assert LiveEntry.objects.filter(is_published=False).count() == 1


def test_console_button_on_the_page_in_the_explorer(client, staff, interview):
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[interview.pk])).content.decode()
    assert console(interview) in html


def test_page_editor_creates_an_interview_with_beijing_times(client, staff, home, make_column):
    column = make_column("在线访谈", "interaction")
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:add", args=["interviews", "interviewpage", column.pk])
    data = nested_form_data({
        "title": "阳光招生 公平入学", "slug": "", "starts_at": "2026-12-01 09:30", "ends_at": "2026-12-01 11:00",
        "host": "周晓燕", "summary": rich_text(""),
        "guests": inline_formset([{"name": "杨国栋", "title": "厅长", "organ": "西地省教育厅", "photo": ""}], min=1),
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = InterviewPage.objects.get(title="阳光招生 公平入学")
    assert page.slug == "ft20261201" and page.starts_at.hour == 1  # 09:30 北京时间 = 01:30 UTC
    bad = client.post(url, {**data, "title": "时间填反了", "ends_at": "2026-12-01 09:00"})
    assert bad.status_code == 200 and "结束时间必须晚于开始时间" in bad.content.decode()


def test_an_entry_with_a_picture_the_staff_may_choose(client, staff, interview):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, GroupCollectionPermission

    image = Image.objects.create(title="访谈现场", file=get_test_image_file())
    client.force_login(staff)
    refused = client.post(console(interview), {"speaker": "host", "text": "访谈现场", "image": image.pk})
    assert "该图片不存在，或您无权使用" in refused.content.decode() and not LiveEntry.objects.exists()

    GroupCollectionPermission.objects.create(
        group=staff.groups.get(), collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image"),
    )  # fmt: skip
    assert (
        client.post(
            console(interview), {"speaker": "host", "text": "访谈现场", "image": image.pk}
        ).status_code
        == 302
    )
    assert LiveEntry.objects.get().image == image
    assert 'alt="访谈现场"' in client.get(interview.url).content.decode()


# --- Broadcasting takes the right to edit the interview page, not only moderating on its site ---


@pytest.fixture
def columns(home, make_column):
    """Two columns of one site; the interview lives in the second."""
    news = make_column("工作动态", "news")
    talks = make_column("在线访谈", "interaction")
    return news, live_now(make_interview(talks))


def test_a_moderator_of_another_column_cannot_broadcast_into_the_interview(client, columns):
    news, interview = columns
    moderator = make_staff("news-editor", news)  # a page permission on the site: may moderate its interviews
    entry = make_entry(interview, "主持人开场")
    question = make_question(interview, "新提问待审核")
    client.force_login(moderator)

    console_page = client.get(console(interview))
    assert console_page.status_code == 200 and 'id="no-broadcast"' in console_page.content.decode()

    response = client.post(console(interview), {"speaker": "host", "text": "越栏目发布"})
    html = response.content.decode()
    assert response.status_code == 403
    assert (
        "您没有编辑该访谈页面的权限" in html and "越栏目发布" in html
    )  # the refusal says why, keeps the text
    withdraw = client.post(reverse("interviews_admin:withdraw", args=[interview.pk, entry.pk]))
    assert withdraw.status_code == 403 and "您没有编辑该访谈页面的权限" in withdraw.content.decode()
    entry.refresh_from_db()
    assert list(interview.entries.values_list("text", flat=True)) == ["主持人开场"] and entry.is_published

    # Moderating questions is still theirs to do.
    client.post(reverse("interviews_admin:moderate", args=[interview.pk, question.pk, "approve"]))
    question.refresh_from_db()
    assert question.status == "approved"
    assert can_manage(moderator, interview) and not can_broadcast(moderator, interview)


def test_an_editor_of_the_interview_page_broadcasts(client, columns):
    _, interview = columns
    editor = make_staff("talks-editor", interview.get_parent())
    assert can_broadcast(editor, interview)
    client.force_login(editor)
    assert 'id="no-broadcast"' not in client.get(console(interview)).content.decode()
    response = client.post(console(interview), {"speaker": "host", "text": "各位网友，访谈现在开始。"})
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert (entry.text, entry.posted_by) == ("各位网友，访谈现在开始。", editor)
    assert client.post(reverse("interviews_admin:withdraw", args=[interview.pk, entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert not entry.is_published
