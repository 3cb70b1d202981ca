"""Building blocks for the consultations and surveys tests: instants in Beijing time, pages, comments."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from govsite.interaction.consultations.models import Comment, ConsultationPage
from govsite.interaction.surveys.models import SurveyPage

SHANGHAI = ZoneInfo("Asia/Shanghai")
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


def beijing(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


def make_consultation(column: Page, **fields) -> ConsultationPage:
    fields.setdefault("title", "关于《西地省养老服务条例（草案征求意见稿）》公开征求意见的公告")
    fields.setdefault("organ", "西地省民政厅")
    fields.setdefault("draft_body", "<p>第一条 为了规范养老服务，制定本条例。</p>")
    fields.setdefault("start_at", beijing(2026, 11, 1, 9))
    fields.setdefault("end_at", beijing(2026, 11, 30, 23, 59, 59))
    return column.add_child(instance=ConsultationPage(**fields))


def make_comment(consultation: ConsultationPage, **fields) -> Comment:
    fields.setdefault("name", "张三丰")
    fields.setdefault("phone", "13812345678")
    fields.setdefault("content", "建议增加助餐服务的覆盖范围。")
    return Comment.objects.create(consultation=consultation, **fields)


def make_offline_comment(consultation: ConsultationPage, by, **fields) -> Comment:
    """A comment received offline and entered by ``by`` (through ``Comment.offline``, saved)."""
    fields.setdefault("channel", Comment.Channel.LETTER)
    fields.setdefault("received_on", timezone.localdate(consultation.start_at))
    fields.setdefault("content", "来信建议将社区食堂纳入助餐服务网络。")
    comment = Comment.offline(consultation, by=by, **fields)
    comment.save()
    return comment


SURVEY_QUESTIONS = [
    ("single", {"question": "您对政务服务的总体评价", "required": True, "options": ["满意", "基本满意", "不满意"]}),
    ("multiple", {"question": "您办理过哪些事项", "required": True, "options": ["社保", "户籍", "公积金", "其他"],
                  "max_choices": 2}),
    ("text", {"question": "其他意见建议", "required": False, "max_length": 50}),
]  # fmt: skip


def make_survey(column: Page, **fields) -> SurveyPage:
    fields.setdefault("title", "政务服务满意度网上调查")
    fields.setdefault("start_at", beijing(2026, 11, 1, 9))
    fields.setdefault("end_at", beijing(2026, 11, 30, 18))
    fields.setdefault("questions", SURVEY_QUESTIONS)
    return column.add_child(instance=SurveyPage(**fields))


def site_editor(django_user_model, site_root: Page, username: str = "editor"):
    """A member of staff who may edit one site's pages (and so works in that site only)."""
    group = Group.objects.create(name=f"{username} 网站编辑")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(group=group, page=site_root, permission_type=permission_type)
    user = django_user_model.objects.create_user(username, f"{username}@example.cn", "password-123")
    user.groups.add(group)
    return user
