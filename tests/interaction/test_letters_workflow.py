"""The handling workflow: every transition allowed where it should be and refused everywhere else, who may
take each step, the audit trail, extensions, reopening and the writer's rating."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed, can_proceed

from govsite.interaction.letters import actions
from govsite.interaction.letters.models import Letter, LetterEvent, LetterState
from govsite.interaction.letters.workflow import ACTIONS
from interaction.letters_support import (
    SUBSTANTIVE_REPLY,
    Staff,
    advance,
    at,
    department,
    interaction_column,
    make_channel,
    make_user,
    submit,
)

S = LetterState
RECEIVED_ON = "2026-11-02"  # a Monday; 7 working days later is Wednesday 11-11


@pytest.fixture
def world(home):
    site = home.get_site()
    channel = make_channel(interaction_column(home))
    housing = department(site, "西地省住房和城乡建设厅", sort_order=1)
    transport = department(site, "西地省交通运输厅", sort_order=2)
    staff = Staff(site, housing, transport)
    staff.boss = make_user(superuser=True)
    return channel, staff


def letter_in(world, state: str) -> Letter:
    channel, staff = world
    letter, _ = submit(channel, at(RECEIVED_ON, 9))
    return advance(letter, state, staff)


def params_for(action: str, staff) -> dict:
    return {
        "assess_invalid": {"reason": "duplicate", "note": "与 11-01 来信重复"},
        "assign": {"department": staff.department, "note": "请按时办理"},
        "transfer": {"department": staff.other, "reason": "涉及道路管理，属交通部门职责"},
        "draft_reply": {"reply": SUBSTANTIVE_REPLY},
        "cannot_handle": {
            "explanation": "该小区为私人产权，维修责任在业主大会，我厅无权强制；建议通过业主委员会或诉讼途径解决。"
        },
        "approve": {"publish": True, "note": "同意"},
        "return_draft": {"note": "请补充整改时限"},
        "extend": {"reason": "需现场勘查并协调多部门"},
        "unpublish": {"note": "答复中含有个人信息"},
        "reopen": {"note": "来信人不满意，重新核查"},
    }.get(action, {})


# (state before, action, state after) — every transition the workflow allows.
ALLOWED = [
    (S.RECEIVED, "assess_valid", S.ASSESSED),
    (S.RECEIVED, "assess_invalid", S.INVALID),
    (S.RECEIVED, "extend", S.RECEIVED),
    (S.ASSESSED, "assign", S.ASSIGNED),
    (S.ASSESSED, "extend", S.ASSESSED),
    (S.ASSIGNED, "sign", S.HANDLING),
    (S.ASSIGNED, "transfer", S.ASSIGNED),
    (S.ASSIGNED, "extend", S.ASSIGNED),
    (S.HANDLING, "transfer", S.ASSIGNED),
    (S.HANDLING, "draft_reply", S.DRAFTED),
    (S.HANDLING, "cannot_handle", S.DRAFTED),
    (S.HANDLING, "extend", S.HANDLING),
    (S.DRAFTED, "draft_reply", S.DRAFTED),
    (S.DRAFTED, "cannot_handle", S.DRAFTED),
    (S.DRAFTED, "approve", S.PUBLISHED),
    (S.DRAFTED, "return_draft", S.HANDLING),
    (S.DRAFTED, "extend", S.DRAFTED),
    (S.PUBLISHED, "unpublish", S.CLOSED),
    (S.PUBLISHED, "reopen", S.ASSIGNED),
    (S.CLOSED, "reopen", S.ASSIGNED),
    (S.INVALID, "reopen", S.ASSESSED),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "action", "target"), ALLOWED, ids=[f"{s}-{a}" for s, a, _ in ALLOWED])
def test_allowed_transition(world, source, action, target):
    _channel, staff = world
    letter = letter_in(world, source)
    events_before = letter.events.count()
    moment = at("2026-11-06", 15)
    done = actions.perform(letter, action, staff.boss, at=moment, **params_for(action, staff))
    assert done.state == target
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.state == target
    event = stored.events.order_by("-pk").first()
    assert stored.events.count() == events_before + 1
    assert (event.action, event.from_state, event.to_state, event.actor, event.at) == (
        action, source, target, staff.boss, moment,
    )  # fmt: skip
    note = params_for(action, staff).get("note") or params_for(action, staff).get("reason", "")
    assert event.note == note


@pytest.mark.django_db
@pytest.mark.parametrize("source", list(S.values))
def test_every_other_transition_is_refused(world, source):
    _channel, staff = world
    letter = letter_in(world, source)
    allowed = {action for state, action, _ in ALLOWED if state == source}
    events = letter.events.count()
    for action in ACTIONS:
        assert can_proceed(getattr(letter, action)) == (action in allowed), action
        if action in allowed:
            continue
        with pytest.raises(TransitionNotAllowed) as refused:
            actions.perform(letter, action, staff.boss, **params_for(action, staff))
        assert f"不能执行“{actions.action_label(action)}”" in str(refused.value)
        assert Letter.objects.get(pk=letter.pk).state == source
    assert letter.events.count() == events


@pytest.mark.django_db
def test_a_letter_the_writer_did_not_allow_is_closed_not_published(world):
    channel, staff = world
    letter, _ = submit(channel, at(RECEIVED_ON), agrees_to_publish=False)
    letter = advance(letter, S.DRAFTED, staff)
    done = actions.perform(letter, "approve", staff.reviewer, publish=True)
    assert done.state == S.CLOSED and done.answered_at is not None


@pytest.mark.django_db
def test_the_audit_trail_records_each_step(world):
    channel, staff = world
    letter, _ = submit(channel, at(RECEIVED_ON, 9))
    letter = advance(letter, S.PUBLISHED, staff, step=datetime.timedelta(hours=5))
    events = list(letter.events.order_by("at", "pk"))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("receive", "", "received"),
        ("assess_valid", "received", "assessed"),
        ("assign", "assessed", "assigned"),
        ("sign", "assigned", "handling"),
        ("draft_reply", "handling", "drafted"),
        ("approve", "drafted", "published"),
    ]
    assert [e.actor for e in events] == [None, staff.dispatcher, staff.dispatcher, staff.member, staff.member,
                                         staff.reviewer]  # fmt: skip
    assert events[0].actor_name == "来信人"
    assert [e.at for e in events] == [at(RECEIVED_ON, 9) + datetime.timedelta(hours=5 * n) for n in range(6)]
    assert events[2].data == {"department": "西地省住房和城乡建设厅"}
    assert letter.signed_at == at(RECEIVED_ON, 9) + datetime.timedelta(hours=15)
    assert letter.reply_department_name == "西地省住房和城乡建设厅"


# --- who may do what ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "action", "who"),
    [
        (S.RECEIVED, "assess_valid", "member"),  # dispatching needs letters.dispatch_letter
        (S.RECEIVED, "assess_invalid", "reviewer"),
        (S.ASSESSED, "assign", "member"),
        (S.ASSIGNED, "sign", "dispatcher"),  # only the assigned department signs
        (S.ASSIGNED, "sign", "stranger"),
        (S.HANDLING, "draft_reply", "dispatcher"),
        (S.HANDLING, "draft_reply", "stranger"),
        (S.HANDLING, "transfer", "stranger"),
        (S.DRAFTED, "approve", "member"),  # no letters.review_reply
        (S.DRAFTED, "approve", "drafter"),  # never one's own reply
        (S.DRAFTED, "return_draft", "dispatcher"),
        (S.PUBLISHED, "reopen", "member"),
        (S.PUBLISHED, "unpublish", "member"),
    ],
)
def test_steps_are_refused_to_the_wrong_person(world, state, action, who):
    _channel, staff = world
    letter = letter_in(world, state)
    stranger = make_user(perms=("letters.dispatch_letter", "letters.review_reply"), departments=[staff.other])
    people = {
        "member": staff.member,
        "reviewer": staff.reviewer,
        "dispatcher": staff.dispatcher,
        "stranger": stranger,
    }
    if who == "drafter":
        letter = actions.perform(letter, "draft_reply", staff.reviewer, reply=SUBSTANTIVE_REPLY)
        people["drafter"] = staff.reviewer  # a reviewer who drafted the reply himself
    with pytest.raises(PermissionDenied):
        actions.perform(letter, action, people[who], **params_for(action, staff))
    assert Letter.objects.get(pk=letter.pk).state == state


@pytest.mark.django_db
def test_a_member_drafts_but_another_reviewer_approves(world):
    _channel, staff = world
    letter = letter_in(world, S.HANDLING)
    letter = actions.perform(letter, "draft_reply", staff.reviewer, reply=SUBSTANTIVE_REPLY)
    assert actions.available_actions(letter, staff.reviewer) == ["draft_reply", "cannot_handle", "extend"]
    second = make_user(perms=("letters.review_reply",), departments=[staff.department])
    assert "approve" in actions.available_actions(letter, second)
    assert actions.perform(letter, "approve", second, publish=True).state == S.PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "params", "message"),
    [
        ("transfer", {"reason": ""}, "请填写转办理由"),
        ("transfer", {"reason": "职责不符", "same": True}, "请选择另一个部门"),
        ("extend", {"reason": " "}, "请填写延期理由"),
        ("return_draft", {"note": ""}, "请填写退回意见"),
    ],
)
def test_steps_without_their_reason_are_refused(world, action, params, message):
    _channel, staff = world
    letter = letter_in(world, S.DRAFTED if action == "return_draft" else S.HANDLING)
    if action == "transfer":
        params = {"department": staff.department if params.pop("same", False) else staff.other, **params}
    with pytest.raises(ValidationError) as refused:
        actions.perform(letter, action, staff.boss, **params)
    assert message in refused.value.messages[0]
    assert Letter.objects.get(pk=letter.pk).state == letter.state


@pytest.mark.django_db
def test_assigning_to_another_sites_department_is_refused(world):
    from wagtail.models import Page, Site

    _channel, staff = world
    other_home = Page.get_first_root_node().add_child(instance=Page(title="他站", slug="other"))
    other_site = Site.objects.create(hostname="other.localhost", root_page=other_home)
    foreign = department(other_site, "他站教育局")
    letter = letter_in(world, S.ASSESSED)
    with pytest.raises(ValidationError) as refused:
        actions.perform(letter, "assign", staff.dispatcher, department=foreign)
    assert "只能交办给本网站的部门" in refused.value.messages[0]


# --- clock: extension and reopening -------------------------------------------------------------------


@pytest.mark.django_db
def test_extension_lengthens_the_deadline_once(world):
    _channel, staff = world
    letter = letter_in(world, S.HANDLING)
    assert letter.due_date == datetime.date(2026, 11, 11)
    letter = actions.perform(letter, "extend", staff.member, reason="需要现场勘查")
    assert letter.extended and letter.due_date == datetime.date(2026, 11, 23)  # 15 working days after 11-02
    assert letter.events.order_by("-pk").first().note == "需要现场勘查"
    with pytest.raises(TransitionNotAllowed) as refused:
        actions.perform(letter, "extend", staff.member, reason="还要再等等")
    assert "本轮办理已延期过一次" in str(refused.value)


@pytest.mark.django_db
def test_reopening_starts_a_new_round_and_keeps_the_first_answer(world):
    channel, staff = world
    letter, _ = submit(channel, at(RECEIVED_ON, 9))
    letter = advance(letter, S.PUBLISHED, staff)
    letter = actions.rate(letter, "dissatisfied", "问题没有解决")
    first_answer = letter.first_answered_at
    letter = actions.perform(letter, "reopen", staff.dispatcher, at=at("2026-11-20", 9), note="来信人不满意")
    assert (letter.state, letter.round, letter.department) == (S.ASSIGNED, 2, staff.department)
    assert letter.round_started_on == datetime.date(2026, 11, 20)
    assert letter.due_date == datetime.date(2026, 12, 1)  # 7 working days after the reopening
    assert letter.reply == "" and letter.satisfaction == "" and letter.answered_at is None
    assert letter.first_answered_at == first_answer and letter.answered_on_time is True
    previous = letter.events.order_by("-pk").first().data["previous"]
    assert previous["reply"] == SUBSTANTIVE_REPLY and previous["satisfaction"] == "dissatisfied"
    # The new round runs like the first, and may be rated again.
    letter = actions.perform(letter, "sign", staff.member)
    letter = actions.perform(
        letter, "draft_reply", staff.member, reply=SUBSTANTIVE_REPLY + "经复查，已完成维修。"
    )
    letter = actions.perform(letter, "approve", staff.reviewer, publish=True)
    assert actions.can_rate(letter)


@pytest.mark.django_db
def test_rating_once_per_round_and_only_after_the_reply(world):
    _channel, staff = world
    letter = letter_in(world, S.DRAFTED)
    with pytest.raises(TransitionNotAllowed):
        actions.rate(letter, "satisfied")
    letter = actions.perform(letter, "approve", staff.reviewer, publish=False)
    letter = actions.rate(letter, "basically", "基本解决")
    assert (letter.satisfaction, letter.satisfaction_comment) == ("basically", "基本解决")
    event = LetterEvent.objects.filter(letter=letter, action="rate").get()
    assert event.actor is None and event.actor_name == "来信人" and event.data["satisfaction"] == "basically"
    with pytest.raises(TransitionNotAllowed):
        actions.rate(letter, "satisfied")


# --- the boilerplate guard at review ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stock_reply_is_stopped_at_review_unless_a_reason_is_written(world):
    _channel, staff = world
    letter = letter_in(world, S.HANDLING)
    letter = actions.perform(
        letter,
        "draft_reply",
        staff.member,
        reply="您好！您反映的问题已转相关部门，我们会尽快为您处理。感谢您的关注！",
    )
    with pytest.raises(actions.BoilerplateRefused) as refused:
        actions.perform(letter, "approve", staff.reviewer, publish=True)
    assert "“已转相关部门”" in str(refused.value.messages[0]) and "套话" in refused.value.messages[0]
    assert Letter.objects.get(pk=letter.pk).state == S.DRAFTED
    letter = actions.perform(
        letter, "approve", staff.reviewer, publish=True, override_reason="已电话答复来信人，此为书面回执"
    )
    event = letter.events.order_by("-pk").first()
    assert event.data["boilerplate_override"] == "已电话答复来信人，此为书面回执"
    assert "已转相关部门" in event.data["boilerplate"]


@pytest.mark.django_db
def test_a_reply_pasted_under_earlier_letters_is_stopped(world):
    channel, staff = world
    template = (
        "目前，市规划局正在编制《云川市轨道交通线网规划修编》，对于您的意见和建议，我局将在规划中统筹考虑。"
    )
    for number in range(2):
        earlier, _ = submit(channel, at(RECEIVED_ON, 9 + number), subject=f"建议地铁延伸到{number}号片区")
        advance(earlier, S.PUBLISHED, staff, reply=f"网友您好！{template}")
    letter = letter_in(world, S.HANDLING)
    letter = actions.perform(letter, "draft_reply", staff.member, reply=f"您好：{template}感谢您的来信。")
    guard = actions.guard_reply(letter, letter.reply)
    assert guard.similar_flagged and len(guard.similar) == 2
    with pytest.raises(actions.BoilerplateRefused) as refused:
        actions.perform(letter, "approve", staff.reviewer, publish=True)
    assert "几乎相同" in refused.value.messages[0] and "SZXX-20261102-0001" in refused.value.messages[0]
