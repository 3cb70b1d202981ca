"""Due-soon and overdue reminders: to the department, else the site's staff; each once; a failed mail retried."""

from __future__ import annotations

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from govsite.cluster.models import Department
from govsite.content.models import HomePage
from govsite.interaction.disclosure import reminders
from govsite.interaction.disclosure.models import DisclosureReminder
from interaction.disclosure_support import make_page, make_request, staff_user, step

D = datetime.date
RECEIVED = D(2025, 9, 26)  # due 2025-10-30


@pytest.fixture
def request_(home):
    request, _ = make_request(make_page(home), RECEIVED)
    step(request, "accept", RECEIVED)
    return request


def run(today):
    return reminders.send_reminders(today=today)


@pytest.mark.django_db
def test_department_members_get_each_reminder_once(request_, home, mailoutbox):
    department = Department.objects.create(site=Site.objects.get(root_page=home), name="办公室")
    member = get_user_model().objects.create_user("member", "member@example.cn")
    get_user_model().objects.create_user("nomail", "")  # a member without an address gets nothing
    department.members.add(member)
    request_.department = department
    request_.save(update_fields=["department"])

    assert run(D(2025, 10, 24)) == []  # 4 working days left: not yet
    sent = run(D(2025, 10, 27))  # 3 left
    assert [(r.kind, r.due_on) for r in sent] == [("due_soon", D(2025, 10, 30))]
    assert mailoutbox[0].to == ["member@example.cn"] and request_.number in mailoutbox[0].subject
    assert "将于 2025-10-30 到期" in mailoutbox[0].subject and "张三丰" not in mailoutbox[0].body
    assert run(D(2025, 10, 27)) == [] and run(D(2025, 10, 30)) == []  # never twice
    overdue = run(D(2025, 10, 31))
    assert [r.kind for r in overdue] == ["overdue"] and "已超过答复期限 1 个工作日" in mailoutbox[1].subject
    assert run(D(2025, 11, 3)) == [] and len(mailoutbox) == 2
    assert DisclosureReminder.objects.count() == 2


@pytest.mark.django_db
def test_a_new_due_date_brings_a_new_reminder(request_, mailoutbox):
    staff_user("clerk", site_root=request_.site.root_page)
    assert len(run(D(2025, 10, 27))) == 1
    step(request_, "extend", D(2025, 10, 28), days=10, approver="李主任", notice="延期十个工作日。")
    assert run(D(2025, 10, 28)) == []  # now due 2025-11-13
    assert [(r.kind, r.due_on) for r in run(D(2025, 11, 10))] == [("due_soon", D(2025, 11, 13))]
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_without_a_department_the_sites_staff_are_told(request_, mailoutbox):
    staff_user("xd", site_root=request_.site.root_page)
    staff_user("reader", site_root=request_.site.root_page, perms=("view",))
    staff_user("editor", site_root=request_.site.root_page, perms=())  # page rights only: not told
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="其他", slug="other"))
    Site.objects.create(hostname="other.localhost", root_page=other_home)
    staff_user("stranger", site_root=other_home)  # another site's staff: not told
    get_user_model().objects.create_superuser("root", "root@example.cn", "pw")  # only when nobody else
    run(D(2025, 10, 27))
    assert mailoutbox[0].to == ["reader@example.cn", "xd@example.cn"]


@pytest.mark.django_db
def test_superusers_when_nobody_else_can_act(request_, mailoutbox):
    get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    run(D(2025, 10, 27))
    assert mailoutbox[0].to == ["root@example.cn"]


@pytest.mark.django_db
def test_paused_requests_get_no_reminder(home, mailoutbox):
    get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    page = make_page(home)
    waiting, _ = make_request(page, RECEIVED)
    step(waiting, "request_completion", D(2025, 9, 29), notice="请补充。")
    consulting, _ = make_request(page, RECEIVED)
    step(consulting, "accept", RECEIVED)
    step(consulting, "consult", D(2025, 9, 29), third_party="某公司")
    assert run(D(2025, 12, 31)) == [] and mailoutbox == []


@pytest.mark.django_db
def test_a_failed_mail_is_not_recorded_and_is_tried_again(request_, mailoutbox):
    get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    with mock.patch("govsite.interaction.disclosure.reminders.send_mail", side_effect=ConnectionRefusedError):
        assert run(D(2025, 10, 27)) == []
    assert not DisclosureReminder.objects.exists()
    assert len(run(D(2025, 10, 27))) == 1 and len(mailoutbox) == 1


@pytest.mark.django_db
def test_management_command(request_, mailoutbox):
    get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    out = StringIO()
    call_command("remind_disclosure", today="2025-10-27", dry_run=True, stdout=out)
    assert "将发送 1 条" in out.getvalue() and mailoutbox == [] and not DisclosureReminder.objects.exists()
    call_command("remind_disclosure", today="2025-10-27", stdout=out)
    call_command("remind_disclosure", today="2025-10-27", stdout=out)
    assert "已发送 1 条" in out.getvalue() and "已发送 0 条" in out.getvalue() and len(mailoutbox) == 1
