"""Demo letters for each site: three channels in 互动交流 and a few dozen letters in every state.

Letters are written by residents over the last four months and taken through the real workflow
(``actions.perform``) at their own times, by the site's demo staff: most answered on time with
substantive replies, some late or extended, a few overdue, one near the 3-month veto line. Demo staff
(password ``govsite-demo``): ``<site>-office`` (来信办: assesses, assigns, reviews), ``<city>-letters``
(a member of the city's 住房和城乡建设局, who signs and drafts) and ``<site>-clerk`` (the other departments).
Deterministic for a seed and a day: times come from ``options.today``, choices from ``demo_site.rng``.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from govsite.cluster.models import Department
from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.demo.corpus import person_name
from govsite.indicators.inspection import ChannelKind
from govsite.interaction.letters import actions
from govsite.interaction.letters.demo_corpus import COMMUNITIES, EDUCATION, GOVERNMENT, INVALID, ROADS
from govsite.interaction.letters.models import Letter
from govsite.interaction.letters.pages import LetterChannelPage
from govsite.interaction.letters.submission import store_letter

PASSWORD = "govsite-demo"
ZONE = ZoneInfo("Asia/Shanghai")
FEATURED_DEPARTMENT = "hou"  # the city demo user's department: 住房和城乡建设局
MAILBOX = {"province": "省长信箱", "city": "市长信箱", "county": "县长信箱", "department": "厅长信箱"}
NOTICE = (
    "<p>一、本信箱受理对{gov}工作的咨询、意见和建议。请如实填写姓名和联系电话，一事一信，文明用语。</p>"
    "<p>二、来信将在7个工作日内答复；情况复杂的，延长至15个工作日并告知。</p>"
    "<p>三、涉及诉讼、仲裁、行政复议等法定途径的事项，请依法通过相应途径解决。</p>"
    "<p>四、提交后请妥善保存信件编号和查询码，凭其查询办理进度和答复。</p>"
)
CANNOT_HANDLE = (
    "您反映的事项属于您与商家之间的民事合同纠纷，依法应由双方协商或通过诉讼解决，行政机关无权强制处理。"
    "建议保留合同和付款凭证，可向{town}人民调解委员会申请免费调解，或拨打12348法律援助热线咨询。",
    "您反映的问题涉及正在审理中的诉讼案件，依照法律规定，行政机关不能干预司法程序，请依法向审理法院反映。"
    "如需法律援助，可到{town}公共法律服务工作站申请。",
)
# How many letters of each kind a site gets: (small scale, full scale).
PLAN: tuple[tuple[str, int, int], ...] = (
    ("invalid", 1, 2), ("received", 1, 2), ("assessed", 1, 1), ("assigned", 1, 2), ("handling", 1, 2),
    ("drafted", 1, 2), ("overdue", 1, 2), ("near_veto", 1, 1), ("extended_open", 0, 1), ("reopened", 0, 1),
    ("late", 1, 2), ("extended", 0, 2), ("cannot_handle", 1, 1), ("on_time", 2, 15),
)  # fmt: skip


@cache
def _password_hash() -> str:
    return make_password(PASSWORD)  # hashed once per process: the hasher is slow on purpose


@dataclass
class Cast:
    office: object
    clerk: object
    featured: object | None
    featured_department: Department | None

    def member_for(self, department: Department):
        if self.featured is not None and department == self.featured_department:
            return self.featured
        return self.clerk


def populate_site(demo_site) -> None:
    LetterDemo(demo_site).run()


class LetterDemo:
    def __init__(self, demo_site) -> None:
        self.site = demo_site
        self.rng: random.Random = demo_site.rng
        self.today: datetime.date = demo_site.options.today
        self.calendar: WorkCalendar = work_calendar()
        self.place = demo_site.place
        self.departments = {
            key: department
            for key, department in zip(self.place.dept_keys, demo_site.departments, strict=False)
        }
        self.towns = list(self.place.towns or self.place.districts or (self.place.name,))
        self.closed_one = False

    # --- setup ----------------------------------------------------------------------------------------
    def channels(self) -> tuple[list[LetterChannelPage], LetterChannelPage]:
        column = self.site.interaction_column
        gov = self.place.government
        mailbox = column.add_child(instance=LetterChannelPage(
            title=MAILBOX.get(self.place.level, "领导信箱"), channel_kind=ChannelKind.CONSULTATION.value,
            notice=NOTICE.format(gov=gov), search_description=f"向{gov}主要负责同志写信",
        ))  # fmt: skip
        consult = column.add_child(instance=LetterChannelPage(
            title="政务咨询", channel_kind=ChannelKind.CONSULTATION.value, notice=NOTICE.format(gov=gov),
            search_description="咨询政策规定和办事流程",
        ))  # fmt: skip
        complaint = column.add_child(instance=LetterChannelPage(
            title="投诉举报", channel_kind=ChannelKind.COMPLAINT.value, notice=NOTICE.format(gov=gov),
            search_description="投诉行政机关及工作人员作风、效能问题，举报违法违规行为",
            default_department=self.departments.get("mkt"),
        ))  # fmt: skip
        return [mailbox, consult], complaint

    def cast(self) -> Cast:
        User = get_user_model()
        prefix = self.site.spec.subdomain or "xidi"
        office_group, _ = Group.objects.get_or_create(name=f"{self.site.spec.site_name} 来信受理审核")
        office_group.permissions.add(*Permission.objects.filter(
            codename__in=["access_admin", "dispatch_letter", "review_reply"],
            content_type__app_label__in=["wagtailadmin", "letters"],
        ))  # fmt: skip
        GroupPagePermission.objects.filter(group=office_group).delete()
        GroupPagePermission.objects.create(
            group=office_group, page=self.site.interaction_column, permission_type="change"
        )
        staff_group, _ = Group.objects.get_or_create(name="来信办理人员")
        staff_group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )

        def user(name: str, full_name: str, group: Group):
            person, _created = User.objects.get_or_create(
                username=name, defaults={"first_name": full_name, "email": f"{name}@example.cn", "password": _password_hash()}
            )  # fmt: skip
            person.groups.add(group)
            return person

        office = user(f"{prefix}-office", f"{self.place.name}来信办", office_group)
        clerk = user(f"{prefix}-clerk", f"{self.place.name}部门办信员", staff_group)
        featured = featured_department = None
        if self.place.level == "city" and FEATURED_DEPARTMENT in self.departments:
            featured_department = self.departments[FEATURED_DEPARTMENT]
            featured = user(f"{prefix}-letters", f"{featured_department.name}办信员", staff_group)
            featured_department.members.add(featured)
        for department in self.departments.values():
            if department != featured_department:
                department.members.add(clerk)
        return Cast(office, clerk, featured, featured_department)

    # --- letters ---------------------------------------------------------------------------------------
    def run(self) -> None:
        consultation, complaint = self.channels()
        cast = self.cast()
        scale = 0 if self.site.options.scale == "small" else 1
        # One letter of each kind first, then the rest with on-time answers before the others: a site with
        # fewer templates (the education department) still shows every state and mostly answered letters.
        kinds = [kind for kind, *counts in PLAN if counts[scale]]
        extra = [kind for kind, *counts in PLAN for _ in range(counts[scale] - 1)]
        kinds += sorted(extra, key=lambda kind: kind != "on_time")
        templates = [
            t
            for t in (EDUCATION if self.place.level == "department" else GOVERNMENT)
            if t[0] in self.departments
        ]
        self.rng.shuffle(templates)
        featured = [t for t in templates if t[0] == FEATURED_DEPARTMENT]
        ordered = featured[:3] + [t for t in templates if t not in featured[:3]]  # the city user has work
        invalid = list(INVALID)
        for kind in kinds:
            if kind == "invalid":
                reason, subject, content = invalid.pop(0)
                # No department; the reason of invalidity travels where a reply would.
                self.write(kind, ("", subject, content, reason), consultation[0], cast)
                continue
            if not ordered:
                break  # no template left unused: fewer letters rather than pasted replies
            template = ordered.pop(0)
            key = template[0]
            channel = (
                complaint
                if key in ("mkt", "eco", "eme") and kind != "near_veto"
                else self.rng.choice(consultation)
            )
            self.write(kind, template, channel, cast)

    def fill(self, text: str, department: Department | None, done: datetime.date) -> str:
        later = done + datetime.timedelta(days=self.rng.randint(20, 60))
        return text.format(
            place=self.place.name, short=self.place.short, unit=self.place.unit, town=self.town,
            road=self.road, community=self.community, dept=department.name if department else self.place.government,
            done=f"{done.month}月{done.day}日", later=f"{later.year}年{later.month}月",
        )  # fmt: skip

    def moment(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = self.rng.randint(8, 17) if hour is None else hour
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59)), ZONE)

    def workday(self, start: datetime.date, count: int) -> datetime.date:
        return self.calendar.add_working_days(start, count).due

    def received_on(self, kind: str) -> datetime.date:
        low, high = {
            "received": (1, 2), "assessed": (2, 3), "assigned": (2, 4), "handling": (3, 5), "drafted": (3, 6),
            "overdue": (14, 26), "near_veto": (68, 84), "extended_open": (12, 16), "reopened": (18, 24),
        }.get(kind, (25, 120))  # fmt: skip
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def write(
        self, kind: str, template: tuple[str, str, str, str], channel: LetterChannelPage, cast: Cast
    ) -> None:
        key, subject, content, reply = template
        self.town, self.road, self.community = (
            self.rng.choice(self.towns),
            self.rng.choice(ROADS),
            self.rng.choice(COMMUNITIES),
        )
        department = self.departments.get(key)
        received = self.received_on(kind)
        agrees = kind == "near_veto" or self.rng.random() < 0.85
        if kind == "on_time" and not self.closed_one:
            agrees = self.closed_one = False  # one answered letter stays private (closed, not published)
            self.closed_one = True
        data = {
            "writer_name": person_name(self.rng), "writer_phone": f"1{self.rng.choice('3589')}{self.rng.randint(0, 999999999):09d}",
            "writer_email": "", "subject": self.fill(subject, department, received)[:60],
            "content": self.fill(content, department, received), "agrees_to_publish": agrees,
        }  # fmt: skip
        letter = store_letter(channel, data, at=self.moment(received, self.rng.randint(7, 21))).letter
        Handling(self, letter, cast, department, received).take(kind, reply)


class Handling:
    """One letter's way through the workflow, at working-day offsets from its receipt."""

    def __init__(self, demo: LetterDemo, letter: Letter, cast: Cast, department: Department | None,
                 received: datetime.date) -> None:  # fmt: skip
        self.demo, self.letter, self.cast, self.department, self.received = (
            demo,
            letter,
            cast,
            department,
            received,
        )
        self.last = letter.received_at

    def step(self, action: str, user, day: datetime.date, **params) -> None:
        moment = max(self.demo.moment(day), self.last + datetime.timedelta(minutes=20))
        self.last = moment
        self.letter = actions.perform(self.letter, action, user, at=moment, **params)

    def day(self, offset: int) -> datetime.date:
        """The ``offset``-th working day after receipt, never today or later (the demo's past)."""
        day = self.demo.workday(self.received, offset) if offset else self.received
        return min(day, self.demo.today - datetime.timedelta(days=1))

    def take(self, kind: str, reply: str) -> None:
        demo, cast = self.demo, self.cast
        if kind == "received":
            return
        if kind == "invalid":
            self.step(
                "assess_invalid", cast.office, self.day(1), reason=reply or "spam", note="经甄别不予受理"
            )
            return
        self.step("assess_valid", cast.office, self.day(0 if kind in ("assessed", "assigned") else 1))
        if kind == "assessed":
            return
        self.step("assign", cast.office, self.day(1), department=self.department, note="请按期办理并答复")
        if kind in ("assigned", "near_veto") and (kind == "assigned" or demo.rng.random() < 0.5):
            return
        member = cast.member_for(self.department)
        self.step("sign", member, self.day(2))
        if kind in ("handling", "overdue", "near_veto"):
            return
        if kind in ("extended", "extended_open"):
            self.step("extend", member, self.day(3), reason="涉及多个部门，需现场核查后答复")
            if kind == "extended_open":
                return
        answer_on = {"late": demo.rng.randint(9, 12), "extended": demo.rng.randint(9, 14)}.get(
            kind, demo.rng.randint(3, 6)
        )
        if kind == "drafted":
            answer_on = 3
        done = self.day(answer_on - 1)
        text = demo.fill(reply, self.department, done - datetime.timedelta(days=demo.rng.randint(1, 3)))
        if kind == "cannot_handle":
            self.step(
                "cannot_handle",
                member,
                done,
                explanation=demo.fill(demo.rng.choice(CANNOT_HANDLE), None, done),
            )
        else:
            self.step("draft_reply", member, done, reply=text)
        if kind == "drafted":
            return
        self.step("approve", cast.office, self.day(answer_on), publish=True, note="同意答复")
        if kind == "reopened":
            self.step_rating("dissatisfied", "问题还是没有解决", self.day(answer_on + 1))
            self.step(
                "reopen",
                cast.office,
                demo.today - datetime.timedelta(days=2),
                note="来信人不满意，重新交办核查",
            )
            return
        if demo.rng.random() < 0.6:
            roll = demo.rng.random()
            rating = "satisfied" if roll < 0.7 else "basically" if roll < 0.9 else "dissatisfied"
            self.step_rating(rating, "", self.day(answer_on + demo.rng.randint(1, 3)))

    def step_rating(self, satisfaction: str, comment: str, day: datetime.date) -> None:
        moment = max(self.demo.moment(day), self.last + datetime.timedelta(minutes=20))
        self.last = moment
        self.letter = actions.rate(self.letter, satisfaction, comment, at=moment)
