"""The handling workflow: every transition from every state, allowed or refused in Chinese, and its rules."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from govsite.cluster.models import Department
from govsite.interaction.disclosure import workflow
from govsite.interaction.disclosure.choices import AnswerReason, AnswerType, State
from govsite.interaction.disclosure.models import DisclosureEvent, DisclosureRequest
from interaction.disclosure_support import make_page, make_request, step

D = datetime.date
RECEIVED = D(2025, 9, 26)
NEXT_DAY = D(2025, 9, 29)  # Monday, the second working day after receipt (28 Sep was worked)

VALID = {
    "accept": {},
    "request_completion": {"notice": "请补充所需信息的具体路段名称。"},
    "receive_completion": {"text": "解放路东段，2024年。"},
    "consult": {"third_party": "云川市鼎盛置业有限公司"},
    "end_consultation": {"outcome": "第三方同意公开。"},
    "extend": {"days": 10, "approver": "李主任", "notice": "因需调取档案，答复期限延长10个工作日。"},
    "answer": {"answer_type": AnswerType.DISCLOSED, "text": "经审查，予以公开。"},
    "close": {},
    "withdraw": {"reason": "已通过其他途径获取。"},
}
ALLOWED = {
    "accept": {State.RECEIVED},
    "request_completion": {State.RECEIVED},
    "receive_completion": {State.INCOMPLETE},
    "consult": {State.ACCEPTED},
    "end_consultation": {State.CONSULTING},
    "extend": {State.ACCEPTED, State.CONSULTING},
    "answer": {State.RECEIVED, State.ACCEPTED},  # and State.INCOMPLETE for a lapsed 补正 (tested below)
    "close": {State.ANSWERED},
    "withdraw": {State.RECEIVED, State.INCOMPLETE, State.ACCEPTED, State.CONSULTING},
}
PATHS = {
    State.RECEIVED: [],
    State.INCOMPLETE: ["request_completion"],
    State.ACCEPTED: ["accept"],
    State.CONSULTING: ["accept", "consult"],
    State.ANSWERED: ["accept", "answer"],
    State.CLOSED: ["accept", "answer", "close"],
    State.WITHDRAWN: ["withdraw"],
}


@pytest.fixture
def page(home):
    return make_page(home)


def in_state(page, state: State) -> DisclosureRequest:
    request, _code = make_request(page, RECEIVED)
    for name in PATHS[state]:
        step(request, name, RECEIVED, **VALID[name])
    assert request.state == state
    return request


CASES = [(name, state) for name in VALID for state in PATHS]


@pytest.mark.parametrize(("name", "state"), CASES, ids=[f"{n}-from-{s}" for n, s in CASES])
@pytest.mark.django_db
def test_every_transition_from_every_state(page, name, state):
    request = in_state(page, state)
    events_before = request.events.count()
    if state in ALLOWED[name]:
        step(request, name, NEXT_DAY, **VALID[name])
        request.refresh_from_db()
        event = request.events.last()
        assert (event.action, event.from_state) == (name, state)
        assert event.to_state == request.state
    elif name == "answer" and state == State.INCOMPLETE:
        with pytest.raises(workflow.WorkflowError, match="只能以“申请人无正当理由逾期不补正”作出处理"):
            step(request, name, NEXT_DAY, **VALID[name])
    else:
        with pytest.raises(workflow.WorkflowError) as refused:
            step(request, name, NEXT_DAY, **VALID[name])
        assert (
            refused.value.message
            == f"申请当前为“{State(state).label}”状态，不能{workflow.ACTIONS[name].label}"
        )
        request.refresh_from_db()
        assert request.state == state and request.events.count() == events_before


@pytest.mark.django_db
def test_targets_and_fields(page):
    request = in_state(page, State.RECEIVED)
    step(request, "request_completion", NEXT_DAY, **VALID["request_completion"])
    assert (request.state, request.completion_requested_on) == (State.INCOMPLETE, NEXT_DAY)
    assert request.completion_due == D(2025, 10, 27)  # 15 working days after 29 Sep by default
    step(request, "receive_completion", D(2025, 10, 10), **VALID["receive_completion"])
    assert (request.state, request.completion_received_on, request.accepted_on) == (
        State.ACCEPTED,
        D(2025, 10, 10),
        D(2025, 10, 10),
    )
    step(request, "consult", D(2025, 10, 13), **VALID["consult"])
    consultation = request.consultations.get()
    assert (consultation.started_on, consultation.reply_due, consultation.ended_on) == (
        D(2025, 10, 13),
        D(2025, 11, 3),
        None,
    )
    step(request, "end_consultation", D(2025, 10, 20), outcome="同意")
    consultation.refresh_from_db()
    assert (request.state, consultation.ended_on, consultation.outcome) == (
        State.ACCEPTED,
        D(2025, 10, 20),
        "同意",
    )
    step(request, "extend", D(2025, 10, 21), **VALID["extend"])
    assert (request.state, request.extension_days, request.extension_approver) == (
        State.ACCEPTED,
        10,
        "李主任",
    )
    step(request, "answer", D(2025, 11, 5), answer_type=AnswerType.PARTIAL, text="部分公开。")
    assert (request.state, request.answered_on, request.concluded_on) == (
        State.ANSWERED,
        D(2025, 11, 5),
        D(2025, 11, 5),
    )
    step(request, "close", D(2025, 11, 6))
    assert (request.state, request.closed_on) == (State.CLOSED, D(2025, 11, 6))
    assert list(request.events.values_list("action", flat=True)) == [
        "submit",
        "request_completion",
        "receive_completion",
        "consult",
        "end_consultation",
        "extend",
        "answer",
        "close",
    ]


@pytest.mark.django_db
def test_the_audit_trail_records_actor_states_and_note(page):
    clerk = get_user_model().objects.create_user("clerk", first_name="王", last_name="")
    request = in_state(page, State.RECEIVED)
    workflow.perform(request, "accept", actor=clerk, today=NEXT_DAY, note="材料齐全")
    event = DisclosureEvent.objects.filter(request=request).last()
    assert (event.actor, event.actor_label, event.from_state, event.to_state, event.note) == (
        clerk, "王", State.RECEIVED, State.ACCEPTED, "材料齐全")  # fmt: skip
    submitted = request.events.first()
    assert (submitted.action, submitted.actor, submitted.actor_label, submitted.to_state) == (
        "submit",
        None,
        "申请人",
        State.RECEIVED,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "allowed"), [(D(2025, 10, 13), True), (D(2025, 10, 14), False)])
def test_completion_notice_within_seven_working_days(page, day, allowed):
    request = in_state(page, State.RECEIVED)
    if allowed:
        step(request, "request_completion", day, **VALID["request_completion"])
        assert request.state == State.INCOMPLETE
    else:
        with pytest.raises(workflow.WorkflowError, match="7个工作日内一次性告知（截至 2025-10-13）"):
            step(request, "request_completion", day, **VALID["request_completion"])


@pytest.mark.django_db
def test_completion_is_asked_only_once(page):
    request = in_state(page, State.RECEIVED)
    DisclosureRequest.objects.filter(pk=request.pk).update(
        completion_requested_on=RECEIVED
    )  # e.g. an imported record
    request.refresh_from_db()
    with pytest.raises(workflow.WorkflowError, match="补正只能告知一次"):
        step(request, "request_completion", NEXT_DAY, **VALID["request_completion"])
    assert workflow.allowed_actions(request, NEXT_DAY)["request_completion"].startswith("补正只能告知一次")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"notice": "  "}, "请写明需要补正的事项"),
        ({"notice": "补充", "due": NEXT_DAY}, "补正期限应晚于今天"),
    ],
)
def test_completion_notice_needs_content_and_a_future_due_date(page, data, message):
    with pytest.raises(workflow.WorkflowError, match=message):
        step(in_state(page, State.RECEIVED), "request_completion", NEXT_DAY, **data)


@pytest.mark.django_db
def test_extension_once_and_only_before_the_deadline(page):
    request = in_state(page, State.ACCEPTED)
    with pytest.raises(workflow.WorkflowError, match="答复期限（2025-10-30）已届满"):
        step(request, "extend", D(2025, 10, 31), **VALID["extend"])
    step(request, "extend", D(2025, 10, 30), **VALID["extend"])  # on the due day itself
    with pytest.raises(workflow.WorkflowError, match="答复期限只能延长一次"):
        step(request, "extend", D(2025, 10, 31), **VALID["extend"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"days": 21, "approver": "李主任", "notice": "延期"}, "1至20个工作日"),
        ({"days": 0, "approver": "李主任", "notice": "延期"}, "1至20个工作日"),
        ({"days": 20, "approver": " ", "notice": "延期"}, "请填写批准人"),
        ({"days": 20, "approver": "李主任", "notice": ""}, "延期告知内容"),
    ],
)
def test_extension_needs_days_approver_and_notice(page, data, message):
    with pytest.raises(workflow.WorkflowError, match=message):
        step(in_state(page, State.ACCEPTED), "extend", NEXT_DAY, **data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer_type": "", "text": "x"}, "请选择答复类型"),
        ({"answer_type": AnswerType.WITHHELD, "text": "x"}, "请选择“不予公开”的具体情形"),
        (
            {"answer_type": AnswerType.WITHHELD, "reason": AnswerReason.REPEATED, "text": "x"},
            "请选择“不予公开”的具体情形",
        ),
        (
            {"answer_type": AnswerType.DISCLOSED, "reason": AnswerReason.STATE_SECRET, "text": "x"},
            "不需要选择具体情形",
        ),
        ({"answer_type": AnswerType.REFERRED, "text": "x"}, "负责公开该信息的行政机关"),
        ({"answer_type": AnswerType.DISCLOSED, "text": " "}, "请填写答复书内容"),
        (
            {"answer_type": AnswerType.OTHER, "reason": AnswerReason.NOT_COMPLETED, "text": "x"},
            "只有待补正的申请",
        ),
        (
            {"answer_type": AnswerType.UNAVAILABLE, "reason": AnswerReason.STILL_UNCLEAR, "text": "x"},
            "申请未经补正",
        ),
    ],
)
def test_answer_rules(page, data, message):
    request = in_state(page, State.ACCEPTED)
    with pytest.raises(workflow.WorkflowError, match=message):
        step(request, "answer", NEXT_DAY, **data)
    request.refresh_from_db()
    assert request.state == State.ACCEPTED


@pytest.mark.django_db
def test_every_answer_type_and_reason_can_be_given(page):
    from govsite.interaction.disclosure.choices import REASONS_BY_TYPE

    for answer_type in AnswerType:
        for reason in REASONS_BY_TYPE.get(answer_type, ("",)):
            if reason in (AnswerReason.NOT_COMPLETED, AnswerReason.STILL_UNCLEAR):
                continue  # need a 补正 first: tested on their own
            request = in_state(page, State.ACCEPTED)
            step(request, "answer", NEXT_DAY, answer_type=answer_type, reason=reason, text="答复。",
                 responsible_organ="云川市自然资源和规划局" if answer_type == AnswerType.REFERRED else "")  # fmt: skip
            assert (request.state, request.answer_type, request.answer_reason) == (
                State.ANSWERED,
                answer_type,
                reason,
            )


@pytest.mark.django_db
def test_still_unclear_after_completion(page):
    request = in_state(page, State.INCOMPLETE)
    step(request, "receive_completion", D(2025, 10, 9), text="补充")
    step(
        request,
        "answer",
        D(2025, 10, 10),
        answer_type=AnswerType.UNAVAILABLE,
        reason=AnswerReason.STILL_UNCLEAR,
        text="仍不明确。",
    )
    assert request.state == State.ANSWERED


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "allowed"), [(D(2025, 10, 17), False), (D(2025, 10, 18), True)])
def test_lapsed_completion_only_after_its_due_date(page, day, allowed):
    request = in_state(page, State.RECEIVED)
    step(request, "request_completion", RECEIVED, notice="请补充身份证明。", due=D(2025, 10, 17))
    data = {
        "answer_type": AnswerType.OTHER,
        "reason": AnswerReason.NOT_COMPLETED,
        "text": "逾期未补正，不再处理。",
    }
    if allowed:
        step(request, "answer", day, **data)
        assert request.state == State.ANSWERED
    else:
        with pytest.raises(workflow.WorkflowError, match="补正期限（2025-10-17）尚未届满"):
            step(request, "answer", day, **data)


@pytest.mark.django_db
def test_completion_date_must_follow_the_notice(page):
    request = in_state(page, State.INCOMPLETE)
    with pytest.raises(workflow.WorkflowError, match="收到补正的日期"):
        step(request, "receive_completion", NEXT_DAY, received_on=D(2025, 9, 25))
    with pytest.raises(workflow.WorkflowError, match="收到补正的日期"):
        step(request, "receive_completion", NEXT_DAY, received_on=D(2025, 9, 30))


@pytest.mark.django_db
def test_two_people_acting_at_once_cannot_both_succeed(page):
    request = in_state(page, State.RECEIVED)
    stale = DisclosureRequest.objects.get(pk=request.pk)
    step(request, "accept", NEXT_DAY)
    with pytest.raises(workflow.WorkflowError, match="刚被他人处理过"):
        step(stale, "withdraw", NEXT_DAY, reason="x")
    request.refresh_from_db()
    assert request.state == State.ACCEPTED and request.events.filter(action="withdraw").count() == 0


@pytest.mark.django_db
def test_state_cannot_be_set_directly(page):
    request = in_state(page, State.RECEIVED)
    with pytest.raises(AttributeError):
        request.state = State.ANSWERED


@pytest.mark.django_db
def test_assignment_stays_within_the_site(page, home):
    request = in_state(page, State.RECEIVED)
    own = Department.objects.create(site=Site.objects.get(root_page=home), name="办公室")
    other_home = Page.get_first_root_node().add_child(instance=Page(title="其他", slug="other"))
    foreign = Department.objects.create(
        site=Site.objects.create(hostname="other.localhost", root_page=other_home), name="外单位"
    )
    with pytest.raises(workflow.WorkflowError, match="只能分派给本网站的部门"):
        workflow.assign(request, foreign, actor=None)
    workflow.assign(request, own, actor=None)
    request.refresh_from_db()
    assert request.department == own and request.events.last().action == "assign"


@pytest.mark.django_db
def test_numbers_run_per_page_and_year(page):
    first, _ = make_request(page, D(2025, 12, 31))
    second, _ = make_request(page, D(2025, 12, 31))
    third, _ = make_request(page, D(2026, 1, 4))
    assert [first.number, second.number, third.number] == ["YSQ202500001", "YSQ202500002", "YSQ202600001"]


@pytest.mark.django_db
@pytest.mark.parametrize(("answered_on", "late"), [(D(2025, 10, 30), False), (D(2025, 10, 31), True)])
def test_a_concluded_request_is_judged_as_of_its_answer(page, answered_on, late):
    request = in_state(page, State.ACCEPTED)
    step(request, "answer", answered_on, **VALID["answer"])
    assert request.deadline(D(2026, 6, 1)).overdue is late
