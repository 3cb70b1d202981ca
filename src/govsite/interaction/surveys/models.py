"""网上调查: a questionnaire open for a period, one answer per person, results published with a chart.

A survey is open from ``start_at`` to ``end_at`` inclusive. Its results are public after it closes, and
while it is open too when ``results_while_open`` is set. Free-text answers are never published.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from govsite.core.forms import AutoSlugPageForm
from govsite.core.html import clean_rich_text
from govsite.core.slugs import AutoSlugMixin
from govsite.interaction.surveys.blocks import QUESTION_BLOCKS, Question


class SurveyState(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class SurveyPageForm(AutoSlugPageForm):
    """Once people have answered, questions may be reworded but not added, removed or restructured."""

    def clean(self):
        data = super().clean()
        survey = self.instance
        questions = data.get("questions")
        if survey.pk and questions is not None:
            answered = Response.objects.filter(survey_id=survey.pk).count()
            stored = SurveyPage.objects.filter(pk=survey.pk).first()
            if answered and stored and structure(stored.questions) != structure(questions):
                self.add_error(
                    "questions",
                    _(
                        "本调查已有 %(n)d 份答卷：可以修改题目和选项的文字，但不能增删题目、更改题型或选项个数。"
                    )
                    % {"n": answered},
                )
        return data


def structure(stream) -> list[tuple[str, str, int]]:
    return [(str(child.id), child.block_type, len(child.value.get("options", ()))) for child in stream]


class SurveyPage(AutoSlugMixin, RoutablePageMixin, Page):
    organ = models.CharField(_("调查单位"), max_length=100, blank=True)
    intro = RichTextField(_("调查说明"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("截止时间"), help_text=_("截止时刻仍可作答"))
    questions = StreamField(QUESTION_BLOCKS, verbose_name=_("题目"), min_num=1)
    results_while_open = models.BooleanField(
        _("进行中公开结果"),
        default=False,
        help_text=_("不勾选则调查结束后才公布结果；填空题内容任何时候都不公开"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("organ"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")], heading=_("调查时间")),
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("results_while_open"),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types: list[str] = []
    template = "surveys/survey_page.html"
    base_form_class = SurveyPageForm

    class Meta:
        verbose_name = _("网上调查")
        verbose_name_plural = _("网上调查")

    @classmethod
    def slug_base(cls, title: str, date: datetime.date | None = None) -> str:
        """dc20261120 (调查 and the day it was set up): a Chinese title gives no readable slug."""
        return f"dc{(date or timezone.localdate()):%Y%m%d}"

    def state(self, now: datetime.datetime | None = None) -> SurveyState:
        now = now or timezone.now()
        if now < self.start_at:
            return SurveyState.UPCOMING
        return SurveyState.OPEN if now <= self.end_at else SurveyState.CLOSED

    def results_visible(self, now: datetime.datetime | None = None) -> bool:
        state = self.state(now)
        return state == SurveyState.CLOSED or (state == SurveyState.OPEN and self.results_while_open)

    def question_list(self) -> list[Question]:
        return [Question.of(child) for child in self.questions]

    def clean(self) -> None:
        super().clean()
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            raise ValidationError({"end_at": _("截止时间必须晚于开始时间")})

    def save(self, *args, **kwargs):
        self.intro = clean_rich_text(self.intro or "")
        return super().save(*args, **kwargs)

    # -- public routes (handled in views.py) -------------------------------------------------------
    @path("", name="index")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.surveys import views

        return views.survey(self, request)

    @path("submit/", name="submit")
    def submit_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.surveys import views

        return views.submit(self, request)

    @path("thanks/", name="thanks")
    def thanks_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.surveys import views

        return views.thanks(self, request)

    @path("results/", name="results")
    def results_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.surveys import views

        return views.results(self, request)


class Response(models.Model):
    """One person's completed questionnaire. ``ticket_digest`` is the digest of the token the person's
    browser keeps (signed cookie): it makes a second answer from the same browser recognisable."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("调查"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    ticket_digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "ticket_digest"], name="surveys_one_response_per_ticket"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One answer to one question: a chosen option (one row per option ticked) or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")  # for counting
    question = models.CharField(max_length=36)  # the question block's id
    option = models.PositiveSmallIntegerField(null=True, blank=True)  # position of the option chosen
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "question", "option"], name="surveys_answer_count")]
        verbose_name = _("答案")
        verbose_name_plural = _("答案")

    def __str__(self) -> str:
        return f"{self.question}:{self.option if self.option is not None else self.text[:20]}"
