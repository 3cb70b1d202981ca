"""Running the handling workflow: intake, transitions with their rules, and the audit trail.

Every change goes through ``perform``: it refuses what the state machine or the rules do not allow with a
message in Chinese, runs the transition, saves (optimistic locking on the state: two members of staff
acting at once cannot both succeed) and writes the audit row, all in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition

from govsite.cluster.models import Department
from govsite.core.workdays import WorkCalendar
from govsite.interaction import querycode
from govsite.interaction.disclosure import conditions, deadlines
from govsite.interaction.disclosure.choices import (
    OPEN_STATES,
    REASONS_BY_TYPE,
    AnswerReason,
    AnswerType,
    State,
)
from govsite.interaction.disclosure.models import (
    DisclosureDocument,
    DisclosureEvent,
    DisclosureRequest,
    DisclosureRequestPage,
    ThirdPartyConsultation,
)

APPLICANT = gettext_lazy("申请人")
NUMBER_PREFIX = "YSQ"


class WorkflowError(Exception):
    """A refused step, with the reason in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    public_label: str  # how the step reads on the applicant's query page


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action("submit", gettext_lazy("提交申请"), gettext_lazy("提交申请，已登记")),
        Action("accept", gettext_lazy("受理"), gettext_lazy("已受理，正在办理")),
        Action("request_completion", gettext_lazy("告知补正"), gettext_lazy("告知补正")),
        Action(
            "receive_completion", gettext_lazy("收到补正"), gettext_lazy("已收到补正材料，重新计算答复期限")
        ),
        Action(
            "consult",
            gettext_lazy("征求第三方意见"),
            gettext_lazy("征求第三方意见（所需时间不计入答复期限）"),
        ),
        Action(
            "end_consultation",
            gettext_lazy("第三方意见征求结束"),
            gettext_lazy("第三方意见征求结束，继续办理"),
        ),
        Action("extend", gettext_lazy("延期答复"), gettext_lazy("延长答复期限")),
        Action("answer", gettext_lazy("答复"), gettext_lazy("已作出答复")),
        Action("close", gettext_lazy("办结"), gettext_lazy("已办结")),
        Action("withdraw", gettext_lazy("撤回"), gettext_lazy("申请已撤回")),
        Action("assign", gettext_lazy("分派承办部门"), ""),
        Action("upload_document", gettext_lazy("上传答复文件"), ""),
    )
}
TRANSITIONS = ("accept", "request_completion", "receive_completion", "consult", "end_consultation", "extend",
               "answer", "close", "withdraw")  # fmt: skip


# -- intake ------------------------------------------------------------------------------------------
def next_number(page: DisclosureRequestPage, year: int) -> str:
    prefix = f"{NUMBER_PREFIX}{year}"
    last = (
        DisclosureRequest.objects.filter(page=page, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def submit(
    page: DisclosureRequestPage,
    fields: dict,
    attachment: UploadedFile | None = None,
    *,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> tuple[DisclosureRequest, str]:
    """Store a new request (committed on return) and give back the query code, which is not stored."""
    today = today or timezone.localdate()
    site = page.get_site()
    for attempt in range(5):
        code = querycode.new_query_code()
        try:
            with transaction.atomic():
                request = DisclosureRequest(
                    page=page, site=site, number=next_number(page, today.year), query_digest=querycode.digest(code),
                    received_on=today, **fields,
                )  # fmt: skip
                if attachment is not None:
                    request.attachment_name = attachment.name[:200]
                    request.attachment.save(attachment.name, attachment, save=False)
                request.save()
                _record(request, "submit", "", State.RECEIVED, actor=None, actor_label=str(APPLICANT), at=at)
            return request, code
        except IntegrityError:  # two submissions took the same number at once: take the next one
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def find_by_code(page: DisclosureRequestPage, number: str, code: str) -> DisclosureRequest | None:
    """The request of this page with this number whose query code is ``code``."""
    return DisclosureRequest.objects.filter(
        page=page, number=number, query_digest=querycode.digest(code)
    ).first()


# -- transitions -------------------------------------------------------------------------------------
def allowed_actions(
    request: DisclosureRequest, today: datetime.date | None = None, calendar: WorkCalendar | None = None
) -> dict[str, str]:
    """Each transition of the current state → "" when it may be taken now, else why not (in Chinese)."""
    request.judge_on(today, calendar)
    result: dict[str, str] = {}
    for name in TRANSITIONS:
        meta = getattr(type(request), name)._django_fsm
        if not meta.has_transition(request.state):
            continue
        result[name] = _condition_refusal(request, name) or ""
    return result


def _condition_refusal(request: DisclosureRequest, name: str) -> str | None:
    meta = getattr(type(request), name)._django_fsm
    for condition in meta.get_transition(request.state).conditions or []:
        if not condition(request):
            return conditions.refusal(condition, request)
    return None


def _check_transition(request: DisclosureRequest, name: str) -> None:
    meta = getattr(type(request), name)._django_fsm
    if not meta.has_transition(request.state):
        raise WorkflowError(
            _("申请当前为“%(state)s”状态，不能%(action)s")
            % {"state": request.get_state_display(), "action": ACTIONS[name].label}
        )
    if refusal := _condition_refusal(request, name):
        raise WorkflowError(refusal)


def perform(
    request: DisclosureRequest,
    name: str,
    *,
    actor=None,
    actor_label: str = "",
    today: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
    at: datetime.datetime | None = None,
    note: str = "",
    **data,
) -> DisclosureRequest:
    """Take the transition ``name`` with its ``data``; raise ``WorkflowError`` when it is not allowed."""
    if name not in TRANSITIONS:
        raise WorkflowError(_("未知的操作"))
    today = today or timezone.localdate()
    request.judge_on(today, calendar)
    _check_transition(request, name)
    step = _STEPS[name]
    from_state = request.state
    try:
        with transaction.atomic():
            event_note = step(request, today, note=note, **data)
            request.save()
            _record(request, name, from_state, request.state, actor=actor, actor_label=actor_label, at=at,
                    note=event_note if event_note is not None else note)  # fmt: skip
    except ConcurrentTransition as error:
        raise WorkflowError(_("该申请刚被他人处理过，请刷新页面后再操作")) from error
    return request


def _record(
    request, action, from_state, to_state, *, actor, actor_label="", at=None, note=""
) -> DisclosureEvent:
    if actor is not None and not actor_label:
        actor_label = actor.get_full_name() or actor.get_username()
    return DisclosureEvent.objects.create(
        request=request, action=action, from_state=from_state, to_state=to_state, actor=actor,
        actor_label=actor_label, note=note, at=at or timezone.now(),
    )  # fmt: skip


def _accept(request, today, note=""):
    request.accept(on=today)


def _request_completion(request, today, note="", notice="", due=None):
    notice = (notice or "").strip()
    if not notice:
        raise WorkflowError(_("请写明需要补正的事项"))
    due = due or deadlines.default_completion_due(request.workflow_calendar(), today)
    if due <= today:
        raise WorkflowError(_("补正期限应晚于今天"))
    request.request_completion(on=today, notice=notice, due=due)
    return notice


def _receive_completion(request, today, note="", text="", received_on=None, attachment=None):
    received_on = received_on or today
    if received_on > today or received_on < request.completion_requested_on:
        raise WorkflowError(_("收到补正的日期应在告知补正之后、不晚于今天"))
    text = (text or "").strip()
    if attachment is not None:
        request.completion_attachment_name = attachment.name[:200]
        request.completion_attachment.save(attachment.name, attachment, save=False)
    request.receive_completion(on=received_on, text=text)
    return note or text


def _consult(request, today, note="", third_party=""):
    third_party = (third_party or "").strip()
    if not third_party:
        raise WorkflowError(_("请填写被征求意见的第三方"))
    request.consult(on=today)
    ThirdPartyConsultation.objects.create(
        request=request, third_party=third_party, started_on=today,
        reply_due=deadlines.third_party_reply_due(request.workflow_calendar(), today),
    )  # fmt: skip
    return _("征求意见对象：%(party)s。%(note)s") % {"party": third_party, "note": note}


def _end_consultation(request, today, note="", outcome=""):
    running = request.running_consultation()
    request.end_consultation(on=today)
    if running is not None:
        running.ended_on = today
        running.outcome = (outcome or "").strip()
        running.save(update_fields=["ended_on", "outcome"])
    return (outcome or "").strip() or note


def _extend(request, today, note="", days=0, approver="", notice=""):
    if not 1 <= int(days or 0) <= deadlines.MAX_EXTENSION_DAYS:
        raise WorkflowError(_("延长的期限应为1至%(n)d个工作日") % {"n": deadlines.MAX_EXTENSION_DAYS})
    if not (approver or "").strip():
        raise WorkflowError(_("延期须经政府信息公开工作机构负责人同意，请填写批准人"))
    if not (notice or "").strip():
        raise WorkflowError(_("请填写向申请人发出的延期告知内容"))
    request.extend(on=today, days=int(days), approver=approver.strip(), notice=notice.strip())
    return _("延长 %(days)d 个工作日，批准人：%(approver)s。%(notice)s") % {
        "days": int(days), "approver": approver.strip(), "notice": notice.strip()}  # fmt: skip


def answer_problem(request: DisclosureRequest, answer_type: str, reason: str, text: str, organ: str,
                   today: datetime.date) -> str | None:  # fmt: skip
    """Why this answer may not be given now, or None."""
    if answer_type not in AnswerType.values:
        return _("请选择答复类型")
    reasons = REASONS_BY_TYPE.get(answer_type, ())
    if reasons and reason not in reasons:
        return _("请选择“%(type)s”的具体情形") % {"type": AnswerType(answer_type).label}
    if not reasons and reason:
        return _("“%(type)s”不需要选择具体情形") % {"type": AnswerType(answer_type).label}
    if answer_type == AnswerType.REFERRED and not organ.strip():
        return _("请填写负责公开该信息的行政机关名称及联系方式")
    if not text.strip():
        return _("请填写答复书内容")
    if request.state == State.INCOMPLETE:
        if reason != AnswerReason.NOT_COMPLETED:
            return _("申请人补正期间，只能以“申请人无正当理由逾期不补正”作出处理")
        if today <= request.completion_due:
            return _("补正期限（%(date)s）尚未届满，不能按逾期不补正处理") % {"date": request.completion_due}
    elif reason == AnswerReason.NOT_COMPLETED:
        return _("只有待补正的申请才能按“逾期不补正”处理")
    if reason == AnswerReason.STILL_UNCLEAR and request.completion_received_on is None:
        return _("申请未经补正，不能答复“补正后申请内容仍不明确”")
    return None


def _answer(request, today, note="", answer_type="", reason="", text="", responsible_organ=""):
    problem = answer_problem(request, answer_type, reason or "", text or "", responsible_organ or "", today)
    if problem:
        raise WorkflowError(problem)
    request.answer(
        on=today, answer_type=answer_type, reason=reason or "", text=text.strip(),
        responsible_organ=(responsible_organ or "").strip(),
    )  # fmt: skip
    label = str(AnswerType(answer_type).label)
    if reason:
        label += f"（{AnswerReason(reason).label}）"
    return f"{label} {note}".strip()


def _close(request, today, note=""):
    request.close(on=today)


def _withdraw(request, today, note="", reason=""):
    reason = (reason or note or "").strip()
    request.withdraw(on=today, reason=reason)
    return reason


_STEPS = {
    "accept": _accept,
    "request_completion": _request_completion,
    "receive_completion": _receive_completion,
    "consult": _consult,
    "end_consultation": _end_consultation,
    "extend": _extend,
    "answer": _answer,
    "close": _close,
    "withdraw": _withdraw,
}


# -- other steps -------------------------------------------------------------------------------------
def assign(
    request: DisclosureRequest, department: Department | None, *, actor, actor_label: str = "", at=None
) -> DisclosureRequest:
    if department is not None and department.site_id != request.site_id:
        raise WorkflowError(_("只能分派给本网站的部门"))
    if request.state in (State.CLOSED, State.WITHDRAWN):
        raise WorkflowError(_("已办结或已撤回的申请不能再分派"))
    with transaction.atomic():
        request.department = department
        request.save(update_fields=["department", "updated_at"])
        note = department.name if department else _("取消分派")
        _record(request, "assign", request.state, request.state, actor=actor, actor_label=actor_label, at=at,
                note=note)  # fmt: skip
    return request


def add_document(
    request: DisclosureRequest, upload: UploadedFile, title: str, *, actor
) -> DisclosureDocument:
    if request.state not in (*OPEN_STATES, State.ANSWERED):
        raise WorkflowError(_("已办结或已撤回的申请不能再上传答复文件"))
    with transaction.atomic():
        document = DisclosureDocument(request=request, title=title.strip() or upload.name, filename=upload.name[:200],
                                      uploaded_by=actor)  # fmt: skip
        document.file.save(upload.name, upload, save=False)
        document.save()
        _record(request, "upload_document", request.state, request.state, actor=actor, note=document.title)
    return document
