"""在线访谈: the interview page with its guests, the public's questions and the live text broadcast.

The page and its guests are editorial content (revisions, publishing). Questions and broadcast entries
are records that arrive while the page is live, so they live in their own tables: publishing a revision
never touches them. The phase staff set in the live console (开始/结束直播) is kept across revisions too
(see ``with_content_json``): publishing an old draft must not restart a finished session.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govsite.core.html import clean_rich_text
from govsite.core.masking import mask_text
from govsite.core.slugs import AutoSlugMixin
from govsite.interaction.interviews.page_form import InterviewPageForm
from govsite.interaction.interviews.privacy import public_nickname
from govsite.interaction.interviews.schedule import MAX_OVERRUN, InterviewState, Phase, interview_state

SUMMARY_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]
# The search_description save() writes starts with this (the column lists it); an editor's own is kept.
AUTO_DESCRIPTION = "访谈时间："


class InterviewPage(AutoSlugMixin, RoutablePageMixin, Page):
    """One interview (一期访谈): topic (the title), schedule, host, guests, summary; public questions."""

    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    host = models.CharField(_("主持人"), max_length=50, blank=True)
    summary = RichTextField(_("访谈简介"), blank=True, features=SUMMARY_FEATURES)
    phase = FSMField(_("直播状态"), max_length=10, choices=Phase.choices, default=Phase.SCHEDULED)

    content_panels = [
        TitleFieldPanel("title", heading=_("访谈主题")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("host")],
            heading=_("访谈安排"),
        ),
        InlinePanel("guests", label=_("访谈嘉宾"), min_num=1),
        FieldPanel("summary"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.FilterField("starts_at")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types: list[str] = []
    template = "interviews/interview_page.html"
    base_form_class = InterviewPageForm

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")

    # -- identity and editing ------------------------------------------------------------------------
    @classmethod
    def slug_base(cls, title: str, date: datetime.date | None) -> str:
        """ft20261120: the date of the session, as gov sites name their interview pages."""
        return f"ft{(date or timezone.localdate()):%Y%m%d}"

    @property
    def date(self) -> datetime.date | None:
        return timezone.localdate(self.starts_at) if self.starts_at else None

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间必须晚于开始时间")})

    def save(self, *args, **kwargs):
        self.summary = clean_rich_text(self.summary or "")
        if self.starts_at and (
            not self.search_description or self.search_description.startswith(AUTO_DESCRIPTION)
        ):
            self.search_description = self.auto_description()
        return super().save(*args, **kwargs)

    def auto_description(self) -> str:
        start = timezone.localtime(self.starts_at)
        guests = "、".join(f"{guest.name}（{guest.title}）" for guest in self.guests.all() if guest.name)
        text = f"{AUTO_DESCRIPTION}{start:%Y-%m-%d %H:%M}"
        return f"{text}　访谈嘉宾：{guests}" if guests else text

    def with_content_json(self, content):
        """The live-console phase belongs to the page as a whole, not to a revision."""
        page = super().with_content_json(content)
        # Read it afresh: the object a revision hangs on may be older than the console's last click.
        stored = (
            InterviewPage.objects.filter(pk=self.pk).values_list("phase", flat=True).first()
            if self.pk
            else None
        )
        page.phase = stored or self.phase
        return page

    # -- state ---------------------------------------------------------------------------------------
    def state(self, now: datetime.datetime | None = None) -> InterviewState:
        return interview_state(self.starts_at, self.ends_at, self.phase, now or timezone.now())

    def accepts_questions(self, now: datetime.datetime | None = None) -> bool:
        return self.state(now) != InterviewState.ARCHIVED

    def _may_start(self) -> bool:
        return timezone.now() < self.ends_at + MAX_OVERRUN

    def _is_live(self) -> bool:
        return self.state() == InterviewState.LIVE

    @transition(field=phase, source=Phase.SCHEDULED, target=Phase.STARTED, conditions=[_may_start])
    def start(self) -> None:
        """开始直播: early, or to let the session run over its scheduled end."""

    @transition(
        field=phase, source=[Phase.SCHEDULED, Phase.STARTED], target=Phase.FINISHED, conditions=[_is_live]
    )
    def finish(self) -> None:
        """结束直播: the page becomes the archive (文字实录)."""

    @transition(field=phase, source=Phase.FINISHED, target=Phase.STARTED, conditions=[_may_start])
    def resume(self) -> None:
        """恢复直播: undo an early 结束直播."""

    # -- what the public sees ------------------------------------------------------------------------
    def published_entries(self) -> models.QuerySet[LiveEntry]:
        return self.entries.filter(is_published=True).select_related("question", "image").order_by("pk")

    def public_questions(self) -> models.QuerySet[Question]:
        return self.questions.filter(status=Question.Status.APPROVED).order_by("submitted_at", "pk")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from govsite.interaction.interviews import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.page_context(self, request))
        return context

    @path("ask/")
    def ask(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.interviews import views

        return views.ask(self, request)


class InterviewGuest(Orderable):
    page = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=30)
    title = models.CharField(_("职务"), max_length=100)
    organ = models.CharField(_("单位"), max_length=100, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("照片"),
    )  # fmt: skip

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title"), FieldPanel("organ")]),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("访谈嘉宾")
        verbose_name_plural = _("访谈嘉宾")

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class Question(models.Model):
    """A question from the public: pending until staff approve it; only approved ones are ever public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未采用")

    interview = models.ForeignKey(
        InterviewPage, on_delete=models.CASCADE, related_name="questions", verbose_name=_("访谈"),
        db_index=False,  # the composite index below starts with it
    )  # fmt: skip
    nickname = models.CharField(_("网名"), max_length=20)
    phone = models.CharField(_("手机号码"), max_length=20, help_text=_("仅工作人员可见"))
    text = models.TextField(_("提问内容"))
    status = FSMField(_("审核状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("提问时间"), default=timezone.now)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("审核人"),
    )  # fmt: skip

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")
        indexes = [
            models.Index(fields=["interview", "status", "submitted_at"], name="interviews_question_list")
        ]

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def public_nickname(self) -> str:
        return public_nickname(self.nickname)

    @property
    def public_text(self) -> str:
        return mask_text(self.text)

    def is_answered(self) -> bool:
        return self.answers.filter(is_published=True).exists()

    def _not_answered(self) -> bool:
        return not self.is_answered()

    @transition(field=status, source=[Status.PENDING, Status.REJECTED], target=Status.APPROVED)
    def approve(self, user=None) -> None:
        self.moderated_at, self.moderated_by = timezone.now(), user

    @transition(field=status, source=[Status.PENDING, Status.APPROVED], target=Status.REJECTED,
                conditions=[_not_answered])  # fmt: skip
    def reject(self, user=None) -> None:
        self.moderated_at, self.moderated_by = timezone.now(), user


class LiveEntry(models.Model):
    """One entry of the text broadcast (文字直播); in order, the entries are the transcript (文字实录).

    Entries are public when posted; a mistaken one is withdrawn (撤回), never edited or re-published, so
    that ids only ever grow among published entries and a browser asking for ``after=<id>`` misses none.
    """

    class Role(models.TextChoices):
        HOST = "host", _("主持人")
        GUEST = "guest", _("嘉宾")

    interview = models.ForeignKey(
        InterviewPage, on_delete=models.CASCADE, related_name="entries", verbose_name=_("访谈"),
        db_index=False,  # the feed's index below starts with it
    )  # fmt: skip
    role = models.CharField(_("发言人身份"), max_length=10, choices=Role.choices)
    speaker_name = models.CharField(_("发言人"), max_length=50, blank=True)
    speaker_title = models.CharField(_("发言人职务"), max_length=100, blank=True)
    text = models.TextField(_("内容"))
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("图片"),
    )  # fmt: skip
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers",
        verbose_name=_("回答的网友提问"),
    )  # fmt: skip
    is_published = models.BooleanField(_("已发布"), default=True)
    posted_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("发布人"),
    )  # fmt: skip
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("直播内容")
        verbose_name_plural = _("直播内容")
        # The live feed's one query: an interview's published entries after a given id, in id order.
        indexes = [models.Index(fields=["interview", "is_published", "id"], name="interviews_entry_feed")]

    def __str__(self) -> str:
        return f"{self.speaker_name}：{self.text[:30]}"

    @property
    def speaker_label(self) -> str:
        """【主持人】 for the host, the guest's name for a guest."""
        if self.role == self.Role.HOST or not self.speaker_name:
            return str(self.Role(self.role).label)
        return self.speaker_name
