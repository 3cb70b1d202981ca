"""The letters inbox in the admin: least privilege (a member of department A never sees department B's
letters), steps through the admin with their refusals in Chinese, the attachment, the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.interaction.letters import actions
from govsite.interaction.letters.models import Letter, LetterState
from interaction.letters_support import (
    REPLIES,
    Staff,
    advance,
    at,
    department,
    interaction_column,
    make_channel,
    make_user,
    submit,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def world(home, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    site = home.get_site()
    channel = make_channel(interaction_column(home))
    housing = department(site, "西地省住房和城乡建设厅", sort_order=1)
    transport = department(site, "西地省交通运输厅", sort_order=2)
    staff = Staff(site, housing, transport)
    staff.transport_member = make_user("transport", departments=[transport])
    letters = {
        "housing": advance(submit(channel, at("2026-11-02"), subject="幸福小区外墙渗水问题",
                                  attachment=SimpleUploadedFile("渗水照片.pdf", PDF))[0],
                           LetterState.ASSIGNED, staff),
        "received": submit(channel, at("2026-11-03"), subject="未交办的来信：公园厕所")[0],
    }  # fmt: skip
    transport_letter = submit(channel, at("2026-11-04"), subject="交通厅的来信：公交线路调整")[0]
    transport_letter = actions.perform(transport_letter, "assess_valid", staff.dispatcher)
    letters["transport"] = actions.perform(transport_letter, "assign", staff.dispatcher, department=transport)
    return channel, staff, letters


def inbox(client) -> str:
    response = client.get("/admin/letters/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_department_member_sees_only_the_departments_letters(client, world):
    _channel, staff, letters = world
    client.force_login(staff.transport_member)
    html = inbox(client)
    assert "交通厅的来信" in html and "幸福小区外墙渗水问题" not in html and "未交办的来信" not in html
    other = letters["housing"]
    for url in (f"/admin/letters/{other.pk}/", f"/admin/letters/{other.pk}/attachment/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/admin/letters/{other.pk}/act/sign/", {}).status_code == 404
    assert Letter.objects.get(pk=other.pk).state == LetterState.ASSIGNED
    own = client.get(f"/admin/letters/{letters['transport'].pk}/").content.decode()
    assert "13812341234" in own and "张三丰" in own  # the writer's data, for the staff who handle it
    assert 'id="action-sign"' in own and 'id="action-assess_valid"' not in own


@pytest.mark.django_db
def test_site_staff_see_the_sites_letters_and_other_sites_see_none(client, world):
    _channel, _staff, letters = world
    editor = make_user("editor", site_root=Site.objects.get().root_page)  # page permissions only
    client.force_login(editor)
    html = inbox(client)
    assert all(letter.subject in html for letter in letters.values())
    page = client.get(f"/admin/letters/{letters['received'].pk}/").content.decode()
    assert 'id="action-' not in page  # seeing is not dispatching

    other_home = Page.get_first_root_node().add_child(instance=Page(title="他站", slug="other"))
    Site.objects.create(hostname="other.localhost", root_page=other_home, site_name="他站")
    outsider = make_user("outsider", perms=("letters.dispatch_letter",), site_root=other_home)
    client.force_login(outsider)
    assert not any(letter.subject in inbox(client) for letter in letters.values())
    assert client.get(f"/admin/letters/{letters['received'].pk}/").status_code == 404


@pytest.mark.django_db
def test_users_without_a_site_or_department_have_no_inbox(client, world):
    nobody = make_user("nobody")
    client.force_login(nobody)
    refused = client.get("/admin/letters/")  # Wagtail turns PermissionDenied into a redirect home
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert b"/admin/letters/" not in client.get("/admin/").content  # no menu item either
    client.logout()
    assert client.get("/admin/letters/").status_code == 302  # to the login page


@pytest.mark.django_db
def test_steps_through_the_admin(client, world):
    _channel, staff, letters = world
    letter = letters["housing"]
    client.force_login(staff.dispatcher)  # sees the site's letters, but signs for no department
    refused = client.post(f"/admin/letters/{letter.pk}/act/sign/", {})
    assert (
        refused.status_code == 302 and refused["Location"] == "/admin/"
    )  # PermissionDenied, the Wagtail way
    assert Letter.objects.get(pk=letter.pk).state == LetterState.ASSIGNED
    client.force_login(staff.member)
    response = client.post(f"/admin/letters/{letter.pk}/act/sign/", {"sign-note": "已签收"})
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).state == LetterState.HANDLING

    missing = client.post(
        f"/admin/letters/{letter.pk}/act/transfer/", {"transfer-department": staff.other.pk}
    )
    assert missing.status_code == 400 and "请填写转办理由" in missing.content.decode()

    drafted = client.post(
        f"/admin/letters/{letter.pk}/act/draft_reply/", {"draft_reply-reply": "已转相关部门处理。"}
    )
    assert drafted.status_code == 302
    warnings = [str(m) for m in get_messages(drafted.wsgi_request)]
    assert any("套话检查" in message and "已转相关部门" in message for message in warnings)

    client.force_login(staff.reviewer)
    refused = client.post(f"/admin/letters/{letter.pk}/act/approve/", {"approve-publish": "on"})
    assert refused.status_code == 400
    assert "坚持通过的理由" in refused.content.decode() and "已转相关部门" in refused.content.decode()
    assert Letter.objects.get(pk=letter.pk).state == LetterState.DRAFTED
    returned = client.post(
        f"/admin/letters/{letter.pk}/act/return_draft/", {"return_draft-note": "请写明处理结果"}
    )
    assert returned.status_code == 302

    client.force_login(staff.member)
    client.post(f"/admin/letters/{letter.pk}/act/draft_reply/", {"draft_reply-reply": REPLIES[5]})
    client.force_login(staff.reviewer)
    approved = client.post(
        f"/admin/letters/{letter.pk}/act/approve/", {"approve-publish": "on", "approve-note": "同意"}
    )
    assert approved.status_code == 302
    assert Letter.objects.get(pk=letter.pk).state == LetterState.PUBLISHED

    page = client.get(f"/admin/letters/{letter.pk}/").content.decode()
    for text in ("办理记录", "签收", "退回修改", "请写明处理结果", "审核通过", staff.reviewer.username):
        assert text in page, text


@pytest.mark.django_db
def test_a_step_the_state_does_not_allow_is_refused_in_chinese(client, world):
    _channel, staff, letters = world
    client.force_login(staff.dispatcher)
    letter = letters["housing"]  # already assigned
    response = client.post(
        f"/admin/letters/{letter.pk}/act/assign/", {"assign-department": staff.department.pk}
    )
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["信件当前状态为“已交办，待签收”，不能执行“交办”"]
    assert client.post(f"/admin/letters/{letter.pk}/act/nonsense/", {}).status_code == 404


@pytest.mark.django_db
def test_attachment_only_through_the_staff_view(client, world):
    channel, staff, letters = world
    letter = letters["housing"]
    client.force_login(staff.member)
    response = client.get(f"/admin/letters/{letter.pk}/attachment/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        response["Content-Disposition"].startswith("attachment;") and "no-store" in response["Cache-Control"]
    )
    assert (
        client.get(f"/admin/letters/{letters['received'].pk}/attachment/").status_code == 404
    )  # none attached
    client.logout()
    assert client.get(f"/admin/letters/{letter.pk}/attachment/").status_code == 302
    public = (
        client.get(channel.url).content.decode()
        + client.get(f"{channel.url}letter/{letter.number}/").content.decode()
    )
    assert letter.attachment.name not in public and "attachment" not in public


@pytest.mark.django_db
def test_inbox_filters_and_search(client, world):
    _channel, staff, letters = world
    client.force_login(make_user(superuser=True))
    by_state = client.get("/admin/letters/", {"state": "received"}).content.decode()
    assert "未交办的来信" in by_state and "交通厅的来信" not in by_state
    by_department = client.get("/admin/letters/", {"department": staff.other.pk}).content.decode()
    assert "交通厅的来信" in by_department and "幸福小区" not in by_department
    searched = client.get("/admin/letters/", {"q": "公园厕所"}).content.decode()
    assert "未交办的来信" in searched and "交通厅的来信" not in searched
    by_number = client.get("/admin/letters/", {"q": letters["transport"].number}).content.decode()
    assert "交通厅的来信" in by_number and "未交办的来信" not in by_number
    overdue = client.get("/admin/letters/", {"deadline": "overdue"}).content.decode()
    today = timezone.localdate()
    for letter in letters.values():
        assert (letter.subject in overdue) == (letter.due_date < today)


@pytest.mark.django_db
def test_the_channel_page_editor_offers_only_the_sites_departments(client, world):
    channel, _staff, _letters = world
    other_home = Page.get_first_root_node().add_child(instance=Page(title="他站", slug="other"))
    other_site = Site.objects.create(hostname="other.localhost", root_page=other_home, site_name="他站")
    department(other_site, "他站教育局")
    client.force_login(make_user(superuser=True))
    editor = client.get(f"/admin/pages/{channel.pk}/edit/").content.decode()
    assert "西地省交通运输厅" in editor and "他站教育局" not in editor
    adding = client.get(f"/admin/pages/add/letters/letterchannelpage/{channel.get_parent().pk}/")
    assert adding.status_code == 200 and "西地省住房和城乡建设厅" in adding.content.decode()
