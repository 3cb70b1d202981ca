"""Letters, their audit trail, reminders sent about them and the daily number sequence.

A letter belongs to a site and to the channel page it was written on; both cascade (a demo rebuild
deletes its sites). A department that is removed leaves its letters unassigned, never deletes them.
The state field is protected: it changes only through the transitions in ``workflow``, and every
change is recorded as a ``LetterEvent`` by ``actions.perform``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField
from wagtail.models import Site

from govsite.interaction.letters.storage import attachment_path
from govsite.interaction.letters.workflow import LetterState, LetterWorkflow
from govsite.interaction.private_files import private_storage


class InvalidReason(models.TextChoices):
    SPAM = "spam", _("垃圾信息")
    DUPLICATE = "duplicate", _("重复来信")
    OUT_OF_SCOPE = "out_of_scope", _("不属于受理范围")
    OTHER = "other", _("其他")


class ReplyKind(models.TextChoices):
    ANSWER = "answer", _("答复")
    CANNOT_HANDLE = "cannot_handle", _("无法办理")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Letter(ConcurrentTransitionMixin, LetterWorkflow, models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="letters", verbose_name=_("站点"))
    channel = models.ForeignKey(
        "letters.LetterChannelPage", on_delete=models.CASCADE, related_name="letters", verbose_name=_("渠道")
    )
    number = models.CharField(_("信件编号"), max_length=40)
    query_digest = models.CharField(max_length=64, unique=True, editable=False)
    state = FSMField(_("状态"), default=LetterState.RECEIVED, choices=LetterState.choices, protected=True)

    # What the writer sent. Personal data: shown to staff only, masked anywhere public.
    writer_name = models.CharField(_("姓名"), max_length=40)
    writer_phone = models.CharField(_("联系电话"), max_length=30)
    writer_email = models.EmailField(_("电子邮箱"), blank=True)
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"))
    attachment = models.FileField(
        _("附件"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("附件原名"), max_length=200, blank=True)
    agrees_to_publish = models.BooleanField(_("同意公开"), default=False)
    client_ip = models.GenericIPAddressField(_("来信地址"), null=True, blank=True)
    received_at = models.DateTimeField(_("来信时间"), default=timezone.now, db_index=True)

    # Assessment and assignment.
    invalid_reason = models.CharField(_("无效原因"), max_length=20, choices=InvalidReason.choices, blank=True)
    department = models.ForeignKey(
        "cluster.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="letters",
        verbose_name=_("办理部门"),
    )  # fmt: skip
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)

    # The clock of the current round (a reopened letter starts a new one).
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    round_started_on = models.DateField(_("本轮起算日"))
    due_date = models.DateField(_("办理期限"), db_index=True)
    due_provisional = models.BooleanField(
        _("期限待定"),
        default=False,
        help_text=_("期限落在尚未公布节假日安排的年份，按周末推算，公布后重新计算"),
    )
    extended = models.BooleanField(_("已延期"), default=False)

    # The reply of the current round.
    reply = models.TextField(_("答复内容"), blank=True)
    reply_kind = models.CharField(_("答复类型"), max_length=20, choices=ReplyKind.choices, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("拟稿人"),
    )  # fmt: skip
    drafted_at = models.DateTimeField(_("拟稿时间"), null=True, blank=True)
    reply_department_name = models.CharField(_("答复单位"), max_length=100, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("首次答复时间"), null=True, blank=True, db_index=True)
    answered_on_time = models.BooleanField(_("按期答复"), null=True, blank=True)

    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    satisfaction_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        permissions = [
            ("dispatch_letter", _("可甄别、交办、转办和重新办理来信")),
            ("review_reply", _("可审核答复")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="letter_number_unique_per_site")
        ]
        indexes = [models.Index(fields=["site", "state", "due_date"])]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def received_on(self) -> datetime.date:
        return timezone.localdate(self.received_at)

    @property
    def answered_on(self) -> datetime.date | None:
        return timezone.localdate(self.answered_at) if self.answered_at else None

    @property
    def first_answered_on(self) -> datetime.date | None:
        return timezone.localdate(self.first_answered_at) if self.first_answered_at else None

    @property
    def is_open(self) -> bool:
        return self.state in LetterState.open_states()

    @property
    def is_answered(self) -> bool:
        return self.state in LetterState.answered_states()

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and today > self.due_date

    @property
    def handling_department_name(self) -> str:
        return self.reply_department_name or (self.department.name if self.department else "")


class LetterEvent(models.Model):
    """One step of a letter's handling: who, when, from which state to which, and why."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="events", verbose_name=_("来信")
    )
    action = models.CharField(_("操作"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("操作人"),
    )  # fmt: skip
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    from_state = models.CharField(_("原状态"), max_length=20, choices=LetterState.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=LetterState.choices)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("附加信息"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.letter_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        from govsite.interaction.letters.actions import action_label

        return action_label(self.action)

    @property
    def satisfaction_label(self) -> str:
        value = (self.data or {}).get("satisfaction", "")
        return str(Satisfaction(value).label) if value in Satisfaction.values else value


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("即将到期")
    DUE_TODAY = "due_today", _("今日到期")


class LetterReminder(models.Model):
    """A reminder sent about one round of a letter; unique, so a rerun of the job sends nothing twice."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reminders")
    round = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField()
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letter", "round", "kind"], name="letter_reminder_once_per_round")
        ]
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")

    def __str__(self) -> str:
        return f"{self.letter_id} {self.kind} round {self.round}"


class LetterSequence(models.Model):
    """The last number given out on one day of one site (see ``numbering``)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="letter_sequence_per_site_day")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day} {self.last}"


from govsite.interaction.letters.pages import LetterChannelPage  # noqa: E402 — registers the page type

__all__ = [
    "InvalidReason",
    "Letter",
    "LetterChannelPage",
    "LetterEvent",
    "LetterReminder",
    "LetterSequence",
    "LetterState",
    "ReminderKind",
    "ReplyKind",
    "Satisfaction",
]
