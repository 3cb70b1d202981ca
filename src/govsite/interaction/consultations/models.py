"""意见征集: a draft put out for public comment, the comments, their moderation and the feedback on them.

A consultation is open from ``start_at`` to ``end_at`` inclusive (both instants count as open). After it
closes, staff publish the feedback (采纳情况): a summary and, per comment, whether it was adopted. The
counts published with it are computed from the comments, never typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from govsite.core.forms import AutoSlugPageForm
from govsite.core.html import clean_rich_text
from govsite.core.slugs import AutoSlugMixin

DRAFT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link"]
DEFAULT_MIN_DAYS = 30  # 规章制定程序条例 art. 16 / 行政法规制定程序条例: 一般不少于30日


def minimum_period_days() -> int:
    """The usual minimum open period in days (settings.GOVSITE_CONSULTATION_MIN_DAYS)."""
    return int(getattr(settings, "GOVSITE_CONSULTATION_MIN_DAYS", DEFAULT_MIN_DAYS))


class ConsultationPageForm(AutoSlugPageForm):
    def clean(self):
        data = super().clean()
        end_at = data.get("end_at")
        if has_text(data.get("feedback_summary")) and end_at and timezone.now() <= end_at:
            self.add_error("feedback_summary", _("征集结束后才能发布采纳情况反馈"))
        return data


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")
    ANSWERED = "answered", _("已反馈")


class ConsultationPage(AutoSlugMixin, RoutablePageMixin, Page):
    organ = models.CharField(_("征集单位"), max_length=100)
    draft_body = RichTextField(_("草案全文"), blank=True, features=DRAFT_FEATURES)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("草案文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("可上传草案的 Word 或 PDF 文件；与草案全文至少填写一项"),
    )  # fmt: skip
    explanation = RichTextField(_("起草说明"), blank=True, features=DRAFT_FEATURES)
    start_at = models.DateTimeField(_("征集开始时间"))
    end_at = models.DateTimeField(_("征集截止时间"), help_text=_("截止时刻仍可提交意见"))
    contact = models.TextField(
        _("其他提交方式"), blank=True, help_text=_("线下提交意见的方式，如通信地址、电子邮箱、传真，每行一项")
    )
    show_comments = models.BooleanField(
        _("公开已审核的意见"), default=False, help_text=_("勾选后，审核通过的意见在页面上公开（姓名脱敏）")
    )
    feedback_summary = RichTextField(
        _("采纳情况说明"), blank=True, features=DRAFT_FEATURES,
        help_text=_("征集结束后填写：主要意见及采纳或不予采纳的理由。发布页面即公开反馈"),
    )  # fmt: skip
    feedback_published_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("organ"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")], heading=_("征集时间")),
        FieldPanel("draft_body"),
        FieldPanel("draft_document"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("show_comments")], heading=_("意见提交")),
        MultiFieldPanel(
            [
                HelpPanel(_("各条意见的采纳情况在“互动交流 → 意见审核”中逐条标注，统计数字自动生成。")),
                FieldPanel("feedback_summary"),
            ],
            heading=_("采纳情况反馈"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("draft_body"), index.FilterField("end_at")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types: list[str] = []
    template = "consultations/consultation_page.html"
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    @classmethod
    def slug_base(cls, title: str, date: datetime.date | None = None) -> str:
        """zqyj20261120 (征求意见 and the day it was set up): a Chinese title gives no readable slug."""
        return f"zqyj{(date or timezone.localdate()):%Y%m%d}"

    # -- state -------------------------------------------------------------------------------------
    def state(self, now: datetime.datetime | None = None) -> ConsultationState:
        now = now or timezone.now()
        if now < self.start_at:
            return ConsultationState.UPCOMING
        if now <= self.end_at:
            return ConsultationState.OPEN
        return ConsultationState.ANSWERED if self.feedback_published_at else ConsultationState.CLOSED

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.state(now) == ConsultationState.OPEN

    def is_closed(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) > self.end_at

    @property
    def period_days(self) -> float:
        return (self.end_at - self.start_at).total_seconds() / 86400

    @property
    def period_is_short(self) -> bool:
        return self.period_days < minimum_period_days()

    @property
    def closed_on(self) -> datetime.date:
        """The local day the consultation closed: the feedback period counts from the next working day."""
        return timezone.localdate(self.end_at)

    def contact_lines(self) -> list[str]:
        return [line.strip() for line in self.contact.splitlines() if line.strip()]

    # -- saving ------------------------------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("截止时间必须晚于开始时间")
        if not has_text(self.draft_body) and not self.draft_document_id:
            errors["draft_body"] = _("请填写草案全文或上传草案文件")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.draft_body = clean_rich_text(self.draft_body or "")
        self.explanation = clean_rich_text(self.explanation or "")
        self.feedback_summary = clean_rich_text(self.feedback_summary or "")
        if kwargs.get("update_fields") is None:
            # A full save of a live page is a publication: the feedback becomes public now.
            if not has_text(self.feedback_summary):
                self.feedback_published_at = None
            elif self.live and self.feedback_published_at is None:
                self.feedback_published_at = timezone.now()
        return super().save(*args, **kwargs)

    # -- public routes (handled in views.py) -------------------------------------------------------
    @path("", name="index")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.consultations import views

        return views.consultation(self, request)

    @path("comment/", name="comment")
    def comment_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.consultations import views

        return views.submit_comment(self, request)

    @path("thanks/", name="thanks")
    def thanks_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.consultations import views

        return views.thanks(self, request)

    # -- comments ----------------------------------------------------------------------------------
    def public_comments(self) -> models.QuerySet[Comment]:
        """What the public may see: approved comments, and only when the page shows comments at all."""
        if not self.show_comments:
            return Comment.objects.none()
        return self.comments.filter(status=Comment.Status.APPROVED).order_by("submitted_at", "pk")

    def feedback_counts(self) -> FeedbackCounts:
        return FeedbackCounts.of(self.comments.all())


def has_text(html: str | None) -> bool:
    return bool(strip_tags(html or "").replace("&nbsp;", "").strip())


class Comment(ConcurrentTransitionMixin, models.Model):
    """One comment on a consultation: sent online by the writer, or received offline and entered by staff.

    Consultations also take comments by letter, fax, e-mail and at hearings (信函、传真、座谈会). Staff
    enter those with ``Comment.offline``: they count in the figures and the feedback like online ones, carry
    the day they were received, and are valid from the start (staff read them when entering them).
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上提交")
        LETTER = "letter", _("信函")
        FAX = "fax", _("传真")
        EMAIL = "email", _("电子邮件")
        HEARING = "hearing", _("座谈会")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("意见征集"), on_delete=models.CASCADE, related_name="comments"
    )
    # Name and phone are required of online writers (forms.CommentForm); offline comments may lack them.
    name = models.CharField(_("姓名"), max_length=30, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    clause = models.CharField(_("针对条款"), max_length=100, blank=True)
    content = models.TextField(_("意见建议"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    channel = models.CharField(
        _("提交渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE, db_index=True
    )
    received_on = models.DateField(_("收到日期"), null=True, blank=True, help_text=_("线下意见的收到日期"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    status = FSMField(_("审核状态"), default=Status.PENDING, choices=Status.choices, db_index=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    rejection_reason = models.CharField(_("不予通过的理由"), max_length=200, blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=20, choices=Adoption.choices, blank=True)
    adoption_note = models.TextField(_("采纳说明"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        constraints = [
            # The day of receipt is what places an offline comment in a year; online ones have their instant.
            models.CheckConstraint(
                condition=models.Q(channel="online", received_on__isnull=True)
                | (~models.Q(channel="online") & models.Q(received_on__isnull=False)),
                name="consultations_comment_received_on_iff_offline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.get_channel_display()}：{self.content[:20]}"

    @property
    def is_offline(self) -> bool:
        return self.channel != self.Channel.ONLINE

    @property
    def received_date(self) -> datetime.date:
        """The local day the comment was received: given by staff for offline comments."""
        return self.received_on or timezone.localdate(self.submitted_at)

    @classmethod
    def offline(
        cls,
        consultation: ConsultationPage,
        *,
        channel: str,
        received_on: datetime.date,
        content: str,
        by,
        name: str = "",
        clause: str = "",
        today: datetime.date | None = None,
    ) -> Comment:
        """A comment received by letter, fax, e-mail or at a hearing, entered by ``by`` (not saved yet).

        It is valid from the start: the member of staff who enters it has read it. The day of receipt lies
        between the consultation's first day and today; a letter posted in time may arrive after the end.
        """
        errors: dict[str, str] = {}
        if channel == cls.Channel.ONLINE or channel not in cls.Channel.values:
            errors["channel"] = _("请选择线下提交渠道")
        today = today or timezone.localdate()
        if received_on > today:
            errors["received_on"] = _("收到日期不能晚于今天")
        elif received_on < timezone.localdate(consultation.start_at):
            errors["received_on"] = _("收到日期不能早于征集开始日期")
        if not (content or "").strip():
            errors["content"] = _("请填写意见建议")
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        return cls(
            consultation=consultation, channel=channel, received_on=received_on, name=(name or "").strip(),
            clause=(clause or "").strip(), content=content.strip(), submitted_at=now, entered_by=by,
            status=cls.Status.APPROVED, moderated_by=by, moderated_at=now,
        )  # fmt: skip

    # -- moderation --------------------------------------------------------------------------------
    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def approve(self, by) -> None:
        self._moderated(by)
        self.rejection_reason = ""

    @transition(field=status, source=[Status.PENDING, Status.APPROVED], target=Status.REJECTED)
    def reject(self, by, reason: str) -> None:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"rejection_reason": _("请填写不予通过的理由")})
        self._moderated(by)
        self.rejection_reason = reason[:200]
        self.adoption, self.adoption_note = "", ""  # an invalid comment is not counted in the feedback

    def _moderated(self, by) -> None:
        self.moderated_by = by
        self.moderated_at = timezone.now()

    def set_adoption(self, adoption: str, note: str = "", now: datetime.datetime | None = None) -> None:
        """Record whether the comment was adopted: only for an approved comment, only after closing."""
        if self.status != self.Status.APPROVED:
            raise ValidationError(_("只有审核通过的意见才能标注采纳情况"))
        if not self.consultation.is_closed(now):
            raise ValidationError(_("征集结束后才能标注采纳情况"))
        if adoption and adoption not in self.Adoption.values:
            raise ValidationError(_("采纳情况无效"))
        self.adoption = adoption
        self.adoption_note = note.strip()


@dataclass(frozen=True)
class FeedbackCounts:
    """The numbers a feedback publishes; received counts every comment that was not found invalid."""

    received: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    pending: int = 0
    rejected: int = 0
    offline: int = 0  # of ``received``: comments received by letter, fax, e-mail, at hearings …

    @property
    def online(self) -> int:
        return self.received - self.offline

    @property
    def unassessed(self) -> int:
        return self.received - self.adopted - self.partly - self.not_adopted

    @classmethod
    def of(cls, comments: models.QuerySet[Comment]) -> FeedbackCounts:
        rows = comments.order_by().values_list("status", "adoption", "channel").annotate(n=models.Count("pk"))
        by_status: dict[str, int] = {}
        by_adoption: dict[str, int] = {}
        offline = 0
        for status, adoption, channel, count in rows:
            by_status[status] = by_status.get(status, 0) + count
            if status == Comment.Status.APPROVED and adoption:
                by_adoption[adoption] = by_adoption.get(adoption, 0) + count
            if status != Comment.Status.REJECTED and channel != Comment.Channel.ONLINE:
                offline += count
        return cls(
            received=by_status.get(Comment.Status.PENDING, 0) + by_status.get(Comment.Status.APPROVED, 0),
            adopted=by_adoption.get(Comment.Adoption.ADOPTED, 0),
            partly=by_adoption.get(Comment.Adoption.PARTLY, 0),
            not_adopted=by_adoption.get(Comment.Adoption.NOT_ADOPTED, 0),
            pending=by_status.get(Comment.Status.PENDING, 0),
            rejected=by_status.get(Comment.Status.REJECTED, 0),
            offline=offline,
        )
