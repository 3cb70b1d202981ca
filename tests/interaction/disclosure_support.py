"""Builders for the 依申请公开 tests: a request page under a column, requests in any state, staff users.

Plain functions (not fixtures) so that each test module states the fixtures it uses.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from govsite.columns.models import ColumnPage
from govsite.core.calendar_days import work_calendar
from govsite.interaction.disclosure import workflow
from govsite.interaction.disclosure.choices import AnswerReason, AnswerType, ApplicantType, Delivery, IdType
from govsite.interaction.disclosure.models import DisclosureRequest, DisclosureRequestPage

VALID_ID = "11010519491231002X"  # the standard's own example
VALID_CREDIT_CODE = "91350100M000100Y43"  # a widely published example code
CITIZEN = {
    "applicant_type": ApplicantType.CITIZEN, "name": "张三丰", "id_type": IdType.RESIDENT_ID, "id_number": VALID_ID,
    "phone": "13812345678", "email": "zhang@example.cn", "address": "西地省云川市青山区解放路2号3栋501",
    "postcode": "430100", "description": "申请公开解放路拓宽改造工程的征收补偿安置方案。", "delivery": Delivery.ONLINE,
}  # fmt: skip


def make_page(
    home: Page, title: str = "依申请公开", organ: str = "西地省人民政府办公厅"
) -> DisclosureRequestPage:
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))
    return column.add_child(instance=DisclosureRequestPage(title=title, slug="ysqgk", organ_name=organ))


def make_request(
    page: DisclosureRequestPage, received: datetime.date, **fields
) -> tuple[DisclosureRequest, str]:
    return workflow.submit(page, {**CITIZEN, **fields}, today=received)


def step(request: DisclosureRequest, name: str, day: datetime.date, **data) -> DisclosureRequest:
    return workflow.perform(request, name, today=day, calendar=work_calendar(), **data)


def answered(
    page, received, answered_on, answer_type=AnswerType.DISCLOSED, reason="", **fields
) -> DisclosureRequest:
    request, _code = make_request(page, received, **fields)
    step(request, "accept", received)
    step(request, "answer", answered_on, answer_type=answer_type, reason=reason, text="答复内容。",
         responsible_organ="某局" if answer_type == AnswerType.REFERRED else "")  # fmt: skip
    return request


def staff_user(username: str, *, site_root: Page | None = None, perms: tuple[str, ...] = ("view", "change")):
    """A member of staff with admin access, disclosure permissions and page permissions on ``site_root``."""
    user = get_user_model().objects.create_user(username, f"{username}@example.cn", "pw-123456!")
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for perm in perms:
        group.permissions.add(Permission.objects.get(codename=f"{perm}_disclosurerequest"))
    if site_root is not None:
        GroupPagePermission.objects.create(group=group, page=site_root, permission_type="change")
    user.groups.add(group)
    return user


__all__ = [
    "VALID_CREDIT_CODE",
    "VALID_ID",
    "AnswerReason",
    "answered",
    "make_page",
    "make_request",
    "staff_user",
    "step",
]
