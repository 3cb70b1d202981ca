"""Factories for the 在线访谈 tests (plain functions: the shared conftest belongs to every interaction app)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from govsite.interaction.interviews.models import InterviewGuest, InterviewPage, LiveEntry, Question

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime.datetime:
    """'2026-11-20 09:30' in 北京时间."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def make_interview(
    column: Page,
    title: str = "稳岗扩就业 服务暖民心",
    starts_at: datetime.datetime | None = None,
    minutes: int = 90,
    **fields,
) -> InterviewPage:
    starts_at = starts_at or at("2026-11-20 09:30")
    page = InterviewPage(
        title=title, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=minutes),
        host=fields.pop("host", "周晓燕"), summary=fields.pop("summary", "<p>解读就业创业扶持政策。</p>"), **fields,
    )  # fmt: skip
    page.guests = [
        InterviewGuest(name="王建国", title="市长", organ="云川市人民政府", sort_order=0),
        InterviewGuest(name="陈立新", title="局长", organ="云川市人力资源和社会保障局", sort_order=1),
    ]
    column.add_child(instance=page)
    return page


def live_now(page: InterviewPage) -> InterviewPage:
    """Move ``page``'s session so that it is on now by the clock (started ten minutes ago)."""
    start = timezone.now() - datetime.timedelta(minutes=10)
    InterviewPage.objects.filter(pk=page.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(minutes=90)
    )
    page.refresh_from_db()
    return page


def make_question(
    page: InterviewPage, text: str = "灵活就业人员缴纳社保有补贴吗？", status: str = "pending", **fields
) -> Question:
    fields.setdefault("nickname", "热心市民")
    fields.setdefault("phone", "13800138000")
    return Question.objects.create(interview=page, text=text, status=status, **fields)


def make_entry(page: InterviewPage, text: str = "各位网友大家好！", **fields) -> LiveEntry:
    fields.setdefault("role", LiveEntry.Role.HOST)
    fields.setdefault("speaker_name", page.host)
    return LiveEntry.objects.create(interview=page, text=text, **fields)


def make_staff(username: str, page: Page | None = None):
    """A member of staff with admin access and, when ``page`` is given, edit rights on it and below."""
    user = get_user_model().objects.create_user(username, f"{username}@example.cn", "pw-for-tests-only")
    group = Group.objects.create(name=f"{username} 编辑")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if page is not None:
        for permission_type in ("add", "change", "publish"):
            GroupPagePermission.objects.create(group=group, page=page, permission_type=permission_type)
    user.groups.add(group)
    return user
