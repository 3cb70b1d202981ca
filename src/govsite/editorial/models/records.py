"""谁发布谁负责: who submitted, reviewed, confirmed and published each publication of a page; withdrawals
(撤稿) with their reason; public correction notes (更正说明).

Records are written once, derived from Wagtail's own workflow states, task states and log entries at
the moment of publication (``publication.record_publication``), and keep people's names as text as well
as links to their accounts: an account deleted later must not erase who answered for a publication.
Staff see them in the admin; nothing here is shown to the public except published correction notes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, WorkflowState


def _person(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class PublicationRecord(models.Model):
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="publication_records", verbose_name=_("页面")
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("版本")
    )
    title = models.CharField(_("发布时标题"), max_length=255)
    workflow_state = models.OneToOneField(
        WorkflowState,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核流程"),
    )
    workflow_name = models.CharField(_("审核流程名称"), max_length=255, blank=True)

    submitted_by = _person(_("提交人"))
    submitted_by_name = models.CharField(_("提交人姓名"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # One entry per finished review step, in order: {"task", "status", "by", "by_id", "at", "comment"}.
    reviews = models.JSONField(_("审核经过"), default=list, blank=True)
    confidentiality_confirmed_by = _person(_("保密审查确认人"))
    confidentiality_confirmed_by_name = models.CharField(_("保密审查确认人姓名"), max_length=200, blank=True)
    confidentiality_confirmed_at = models.DateTimeField(_("保密审查确认时间"), null=True, blank=True)
    published_by = _person(_("发布人"))
    published_by_name = models.CharField(_("发布人姓名"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("发布时间"), db_index=True)
    scheduled = models.BooleanField(_("定时发布"), default=False)

    class Meta:
        verbose_name = _("发布责任记录")
        verbose_name_plural = _("发布责任记录")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} · {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def via_workflow(self) -> bool:
        return bool(self.workflow_name)

    @property
    def review_steps(self) -> list[dict]:
        """The review steps with their times as datetimes (stored as ISO text in the JSON)."""
        return [
            {**step, "at": parse_datetime(step["at"]) if step.get("at") else None} for step in self.reviews
        ]


class Withdrawal(models.Model):
    """撤稿: a published page taken off the public site, with the reason the withdrawer had to give."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="withdrawals", verbose_name=_("页面")
    )
    publication = models.ForeignKey(
        PublicationRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="withdrawals",
        verbose_name=_("撤下的发布"),
    )
    title = models.CharField(_("撤稿时标题"), max_length=255)
    reason = models.TextField(_("撤稿理由"))
    withdrawn_by = _person(_("撤稿人"))
    withdrawn_by_name = models.CharField(_("撤稿人姓名"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("撤稿时间"), db_index=True)

    class Meta:
        verbose_name = _("撤稿记录")
        verbose_name_plural = _("撤稿记录")
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} · {self.withdrawn_at:%Y-%m-%d %H:%M}"


class CorrectionNote(models.Model):
    """更正说明: given with a substantive change to a published item; public once that change is published.

    It belongs to the revision it was written with, so it goes live with that revision (at once, through
    the workflow or at a scheduled time) and never before.
    """

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="correction_notes", verbose_name=_("页面")
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("版本")
    )
    text = models.TextField(_("更正说明"))
    created_by = _person(_("填写人"))
    created_by_name = models.CharField(_("填写人姓名"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("填写时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("更正时间"), null=True, blank=True, db_index=True)
    publication = models.ForeignKey(
        PublicationRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_notes",
        verbose_name=_("随之发布"),
    )

    class Meta:
        verbose_name = _("更正说明")
        verbose_name_plural = _("更正说明")
        ordering = ["published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="correction_note_one_per_revision")
        ]

    def __str__(self) -> str:
        return self.text[:40]
