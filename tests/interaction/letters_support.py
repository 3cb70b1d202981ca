"""Builders for the letters tests: a channel, departments, staff with the right roles, letters in any state.

Letters reach a state only through the real workflow (``actions.perform``), with the times given, so
every test letter carries the audit trail and deadlines a real one would.
"""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Site

from govsite.cluster.models import Department
from govsite.columns.models import ColumnPage
from govsite.interaction.letters import actions
from govsite.interaction.letters.models import Letter, LetterState
from govsite.interaction.letters.pages import LetterChannelPage
from govsite.interaction.letters.submission import store_letter

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUBSTANTIVE_REPLY = (
    "您好！经市住房和城乡建设局现场核查，您反映的幸福小区3栋外墙渗水问题属实。我局已于11月3日约谈物业公司，"
    "责令其在11月20日前使用专项维修资金完成外墙防水修缮，并由街道社区跟踪督办。如仍有问题，请拨打0000-12345咨询。"
)
_counter = itertools.count(1)


def at(day: datetime.date | str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI)


def interaction_column(parent: Page) -> ColumnPage:
    return parent.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))


def make_channel(column: Page, title: str = "市长信箱", **fields) -> LetterChannelPage:
    fields.setdefault("notice", "<p>请如实反映问题，我们将在7个工作日内答复。</p>")
    return column.add_child(instance=LetterChannelPage(title=title, **fields))


def make_user(username: str = "", *, superuser: bool = False, perms: tuple[str, ...] = (), departments=(),
              site_root: Page | None = None, email: str = ""):  # fmt: skip
    """A member of staff with admin access, Django permissions, departments and (optionally) page
    permissions on a site's root (site staff)."""
    User = get_user_model()
    username = username or f"user{next(_counter)}"
    if superuser:
        user = User.objects.create_superuser(username, email or f"{username}@example.cn", None)
    else:
        user = User.objects.create_user(username, email or f"{username}@example.cn", None)
        codenames = ["wagtailadmin.access_admin", *perms]
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    for department in departments:
        department.members.add(user)
    if site_root is not None:
        group = Group.objects.create(name=f"{username} 编辑")
        GroupPagePermission.objects.create(group=group, page=site_root, permission_type="change")
        user.groups.add(group)
    return get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions


def department(site: Site, name: str, *members, sort_order: int = 0) -> Department:
    dept = Department.objects.create(site=site, name=name, sort_order=sort_order)
    for member in members:
        dept.members.add(member)
    return dept


def letter_data(**overrides) -> dict:
    data = {
        "writer_name": "张三丰",
        "writer_phone": "13812341234",
        "writer_email": "",
        "subject": "幸福小区外墙渗水问题",
        "content": "我住在幸福小区3栋，外墙渗水已经半年，物业一直不处理，请相关部门督促解决。",
        "agrees_to_publish": True,
        "attachment": None,
    }
    data.update(overrides)
    return data


def submit(
    channel: LetterChannelPage, when: datetime.datetime | None = None, **overrides
) -> tuple[Letter, str]:
    submitted = store_letter(channel, letter_data(**overrides), client_ip="10.0.0.1", at=when)
    return submitted.letter, submitted.code


class Staff:
    """The people one letter passes through: a dispatcher, a department member, a reviewer."""

    def __init__(self, site: Site, dept: Department, other: Department | None = None) -> None:
        self.dispatcher = make_user(perms=("letters.dispatch_letter",), site_root=site.root_page)
        self.member = make_user(departments=[dept])
        self.reviewer = make_user(perms=("letters.review_reply",), departments=[dept])
        self.department = dept
        self.other = other


def advance(letter: Letter, target: str, staff: Staff, *, start: datetime.datetime | None = None,
            reply: str = SUBSTANTIVE_REPLY, publish: bool = True, step: datetime.timedelta | None = None) -> Letter:  # fmt: skip
    """Take the letter through the usual steps until it is in ``target`` (times ``step`` apart)."""
    moment = start or letter.received_at
    step = step or datetime.timedelta(hours=2)
    route = [
        ("assess_valid", staff.dispatcher, {}),
        ("assign", staff.dispatcher, {"department": staff.department}),
        ("sign", staff.member, {}),
        ("draft_reply", staff.member, {"reply": reply}),
        ("approve", staff.reviewer, {"publish": publish and target != LetterState.CLOSED}),
    ]
    stops = {
        LetterState.RECEIVED: 0, LetterState.ASSESSED: 1, LetterState.ASSIGNED: 2, LetterState.HANDLING: 3, LetterState.DRAFTED: 4,
        LetterState.PUBLISHED: 5, LetterState.CLOSED: 5,
    }  # fmt: skip
    if target == LetterState.INVALID:
        steps = [("assess_invalid", staff.dispatcher, {"reason": "spam", "note": "广告"})]
    else:
        steps = route[: stops[target]]
    for action, user, params in steps:
        moment += step
        letter = actions.perform(letter, action, user, at=moment, **params)
    assert letter.state == target, (letter.state, target)
    return letter


# Replies that differ in substance (the boilerplate guard stops a third near-identical one).
REPLIES = (
    "经核查，青山路地铁站工地已办理夜间施工许可，许可时段为22时至次日6时。我局已责令施工单位自11月10日起停止使用破碎锤等高噪声设备，并在围挡内加装隔音屏。",
    "您咨询的灵活就业人员社保补贴，按《就业补助资金管理办法》规定，补贴期限最长3年，距法定退休年龄不足5年的可延长至退休。请携带身份证到户籍地社区服务中心申请。",
    "关于幸福路公交站点调整，市公交集团已于11月1日恢复12路在幸福路口的停靠，同时在高峰时段加密班次至8分钟一班。",
    "您反映的城东学校周边占道经营问题，城管执法大队已于10月28日开展专项整治，清理流动摊点23处，并设置早晚高峰固定值守岗。",
    "新生儿医保参保可在出生后90日内办理，通过“西地医保”小程序上传出生医学证明即可，待遇从出生之日起享受。",
    "滨河小区二期不动产权证办理延误，系开发商未缴清土地出让金所致。自然资源局已督促其于12月15日前补缴，补缴后30个工作日内分批发证。",
    "望云街道老旧小区改造计划已纳入2027年项目库，改造内容包括管网更换、加装电梯和外墙保温，明年3月启动入户征求意见。",
    "经市场监管局现场检查，该超市销售的过期酸奶属实，已没收涉案商品并立案调查，依法处以罚款；您可凭购物凭证向超市要求十倍赔偿。",
    "白沙镇自来水水压不足是因主管道爆管抢修所致，水务公司已于11月5日完成更换1.2公里主管，目前水压已恢复正常。",
    "关于公积金异地转移，新单位所在地公积金中心受理后，通过全国转移接续平台办理，一般15个工作日内到账，无需本人往返两地。",
    "石桥镇至县城的农村客运班线已延长运营时间至19时30分，并增加周末两个往返班次，新时刻表已在各站点张贴公示。",
    "医院停车难问题，卫健委已协调院方将职工停车位200个让出供患者使用，并开通预约停车服务，附近新建立体停车楼预计明年6月投用。",
)
