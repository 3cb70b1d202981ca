"""依申请公开: disclosure requests, their handling workflow, answer documents, audit trail and reminders.

The state machine (django-fsm) lives on ``DisclosureRequest``; the transitions only change the request's
own fields. ``workflow.py`` runs them for a member of staff or the applicant: it checks the rules, explains
a refusal in Chinese and writes the audit row in the same transaction.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from wagtail.models import Site

from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.interaction.disclosure import conditions, deadlines
from govsite.interaction.disclosure.choices import (
    OPEN_STATES,
    AnswerReason,
    AnswerType,
    ApplicantType,
    Delivery,
    IdType,
    OrganisationCategory,
    State,
)
from govsite.interaction.disclosure.pages import DisclosureRequestPage
from govsite.interaction.disclosure.storage import attachment_path, document_path
from govsite.interaction.private_files import private_storage

__all__ = [
    "DisclosureDocument",
    "DisclosureEvent",
    "DisclosureReminder",
    "DisclosureRequest",
    "DisclosureRequestPage",
    "ThirdPartyConsultation",
]


class DisclosureRequest(ConcurrentTransitionMixin, models.Model):
    page = models.ForeignKey(
        DisclosureRequestPage, on_delete=models.CASCADE, related_name="requests", verbose_name=_("受理页面")
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="disclosure_requests", verbose_name=_("站点")
    )
    number = models.CharField(_("申请编号"), max_length=20)
    query_digest = models.CharField(_("查询码摘要"), max_length=64, unique=True, editable=False)

    # 申请人信息
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    organisation_category = models.CharField(
        _("单位类型"), max_length=20, choices=OrganisationCategory.choices, blank=True
    )
    name = models.CharField(_("姓名/名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=30, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # 所需信息
    description = models.TextField(_("所需信息的内容描述"))
    document_title = models.CharField(_("所需信息的名称/文号"), max_length=200, blank=True)
    purpose = models.CharField(_("用途"), max_length=500, blank=True)
    delivery = models.CharField(_("获取方式"), max_length=10, choices=Delivery.choices)
    attachment = models.FileField(
        _("附件"), storage=private_storage, upload_to=attachment_path, max_length=200, blank=True
    )
    attachment_name = models.CharField(_("附件原名"), max_length=200, blank=True)

    # 办理
    state = FSMField(_("状态"), max_length=20, choices=State.choices, default=State.RECEIVED, protected=True)
    received_on = models.DateField(_("收到申请日期"))
    department = models.ForeignKey(
        "cluster.Department", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="disclosure_requests", verbose_name=_("承办部门"),
    )  # fmt: skip
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)

    completion_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    completion_notice = models.TextField(_("补正告知内容"), blank=True)
    completion_due = models.DateField(_("补正期限"), null=True, blank=True)
    completion_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    completion_text = models.TextField(_("补正内容"), blank=True)
    completion_attachment = models.FileField(
        _("补正附件"), storage=private_storage, upload_to=attachment_path, max_length=200, blank=True
    )
    completion_attachment_name = models.CharField(_("补正附件原名"), max_length=200, blank=True)

    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), default=0)
    extended_on = models.DateField(_("延期日期"), null=True, blank=True)
    extension_approver = models.CharField(_("延期批准人"), max_length=50, blank=True)
    extension_notice = models.TextField(_("延期告知内容"), blank=True)

    answer_type = models.CharField(_("答复类型"), max_length=20, choices=AnswerType.choices, blank=True)
    answer_reason = models.CharField(_("具体情形"), max_length=20, choices=AnswerReason.choices, blank=True)
    responsible_organ = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    answer_text = models.TextField(_("答复书"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    concluded_on = models.DateField(_("办理完结日期"), null=True, blank=True, help_text=_("答复或撤回之日"))
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回说明"), blank=True)

    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="disclosure_request_unique_number"),
        ]
        indexes = [
            models.Index(fields=["site", "state"], name="disclosure_site_state"),
            models.Index(fields=["site", "received_on"], name="disclosure_site_received"),
            models.Index(fields=["site", "concluded_on"], name="disclosure_site_concluded"),
        ]

    def __str__(self) -> str:
        return self.number

    # -- the day and calendar the rules are judged with (set by the workflow service) ------------------
    def workflow_today(self) -> datetime.date:
        return getattr(self, "_workflow_today", None) or timezone.localdate()

    def workflow_calendar(self) -> WorkCalendar:
        if getattr(self, "_workflow_calendar", None) is None:
            self._workflow_calendar = work_calendar()
        return self._workflow_calendar

    def judge_on(self, today: datetime.date | None = None, calendar: WorkCalendar | None = None) -> None:
        self._workflow_today = today
        self._workflow_calendar = calendar

    # -- deadlines ------------------------------------------------------------------------------------
    def clock(self) -> deadlines.Clock:
        consultations = self.consultations.all() if self.pk else []  # uses a prefetch when there is one
        return deadlines.Clock(
            received_on=self.received_on,
            completion_received_on=self.completion_received_on,
            awaiting_completion=self.state == State.INCOMPLETE,
            consultations=tuple(deadlines.Pause(c.started_on, c.ended_on) for c in consultations),
            extension_days=self.extension_days,
        )

    def deadline(self, today: datetime.date | None = None) -> deadlines.DeadlineStatus:
        """The answer deadline as of ``today`` (the workflow's day by default); for a request answered or
        withdrawn, as of that day, so that ``overdue`` says whether it was concluded late."""
        if self.concluded_on is not None and not self.is_open:
            today = self.concluded_on
        return deadlines.deadline_status(
            self.workflow_calendar(), self.clock(), today or self.workflow_today()
        )

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def applicant_category(self) -> str:
        """The annual report's column: 自然人 or the organisation's category."""
        if self.applicant_type == ApplicantType.CITIZEN:
            return "natural_person"
        return self.organisation_category or OrganisationCategory.OTHER

    def running_consultation(self) -> ThirdPartyConsultation | None:
        return next((c for c in self.consultations.all() if c.ended_on is None), None)

    # -- transitions (fields only; see workflow.py) ---------------------------------------------------
    @transition(field=state, source=State.RECEIVED, target=State.ACCEPTED)
    def accept(self, on: datetime.date) -> None:
        self.accepted_on = on

    @transition(
        field=state, source=State.RECEIVED, target=State.INCOMPLETE,
        conditions=[conditions.completion_not_yet_requested, conditions.within_completion_window],
    )  # fmt: skip
    def request_completion(self, on: datetime.date, notice: str, due: datetime.date) -> None:
        self.completion_requested_on = on
        self.completion_notice = notice
        self.completion_due = due

    @transition(field=state, source=State.INCOMPLETE, target=State.ACCEPTED)
    def receive_completion(self, on: datetime.date, text: str = "") -> None:
        self.completion_received_on = on
        self.completion_text = text
        self.accepted_on = on

    @transition(field=state, source=State.ACCEPTED, target=State.CONSULTING)
    def consult(self, on: datetime.date) -> None:
        """The consultation row itself is written by the workflow service."""

    @transition(field=state, source=State.CONSULTING, target=State.ACCEPTED)
    def end_consultation(self, on: datetime.date) -> None:
        """Ends the running consultation (the service records its date and outcome)."""

    @transition(
        field=state, source=[State.ACCEPTED, State.CONSULTING], target=None,
        conditions=[conditions.not_extended, conditions.not_overdue],
    )  # fmt: skip
    def extend(self, on: datetime.date, days: int, approver: str, notice: str) -> None:
        self.extension_days = days
        self.extended_on = on
        self.extension_approver = approver
        self.extension_notice = notice

    @transition(field=state, source=[State.RECEIVED, State.ACCEPTED, State.INCOMPLETE], target=State.ANSWERED)
    def answer(
        self, on: datetime.date, answer_type: str, reason: str, text: str, responsible_organ: str = ""
    ) -> None:
        self.answer_type = answer_type
        self.answer_reason = reason
        self.answer_text = text
        self.responsible_organ = responsible_organ
        self.answered_on = self.concluded_on = on

    @transition(field=state, source=State.ANSWERED, target=State.CLOSED)
    def close(self, on: datetime.date) -> None:
        self.closed_on = on

    @transition(field=state, source=list(OPEN_STATES), target=State.WITHDRAWN)
    def withdraw(self, on: datetime.date, reason: str = "") -> None:
        self.concluded_on = on
        self.withdrawal_reason = reason


class ThirdPartyConsultation(models.Model):
    """征求第三方意见 (art. 32): its days do not count toward the answer deadline."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("申请")
    )
    third_party = models.CharField(_("第三方"), max_length=200)
    started_on = models.DateField(_("征求意见日期"))
    reply_due = models.DateField(_("第三方答复期限"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    outcome = models.TextField(_("第三方意见"), blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("征求第三方意见")
        verbose_name_plural = _("征求第三方意见")

    def __str__(self) -> str:
        return self.third_party


class DisclosureDocument(models.Model):
    """A document sent with the answer; the applicant downloads it through the query page only."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="documents", verbose_name=_("申请")
    )
    title = models.CharField(_("文件名称"), max_length=200)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=document_path, max_length=200)
    filename = models.CharField(_("原文件名"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("上传人"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("答复文件")
        verbose_name_plural = _("答复文件")

    def __str__(self) -> str:
        return self.title


class DisclosureEvent(models.Model):
    """The audit trail: who moved the request from which state to which, when, and why."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("申请")
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("操作人"),
    )  # fmt: skip
    actor_label = models.CharField(_("操作人名称"), max_length=100, blank=True)
    action = models.CharField(_("操作"), max_length=30)
    from_state = models.CharField(_("原状态"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=State.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("处理记录")
        verbose_name_plural = _("处理记录")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


class DisclosureReminder(models.Model):
    """A reminder that was mailed: one per request, kind and due date, never twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已逾期")

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("申请")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("答复期限"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.TextField(_("收件人"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "due_on"], name="disclosure_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.get_kind_display()} {self.due_on}"
