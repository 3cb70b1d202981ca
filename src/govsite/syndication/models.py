"""Repost subscriptions and their queue, submissions upward, and the record of cadence digests sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govsite.syndication.pages import SharedColumnPage, SharedColumnSource  # noqa: F401  (page models)


def default_deadline_hours() -> int:
    return settings.GOVSITE_REPOST_DEADLINE_HOURS


class SourceKind(models.TextChoices):
    COLUMN = "column", _("本平台栏目")
    FEED = "feed", _("RSS/Atom 订阅源")
    PAGE = "page", _("网页列表")


class RepostSource(models.Model):
    """A column's subscription to an upstream source: what it reads, and how long a repost may take."""

    column = models.ForeignKey(
        "columns.ColumnPage",
        on_delete=models.CASCADE,
        related_name="repost_sources",
        verbose_name=_("转载到栏目"),
    )
    name = models.CharField(
        _("来源名称"), max_length=100, help_text=_("转载时填入信息的“来源”，如：中国政府网、西地省人民政府")
    )
    kind = models.CharField(
        _("来源类型"), max_length=10, choices=SourceKind.choices, default=SourceKind.COLUMN
    )
    upstream_column = models.ForeignKey(
        "columns.ColumnPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="repost_subscribers",
        verbose_name=_("上游栏目"),
        help_text=_("来源类型为“本平台栏目”时选择"),
    )
    url = models.URLField(
        _("订阅地址"), max_length=500, blank=True, help_text=_("RSS/Atom 订阅源或栏目列表页的网址")
    )
    deadline_hours = models.PositiveSmallIntegerField(
        _("转载时限（小时）"),
        default=default_deadline_hours,
        help_text=_("自上游发布起计算；国务院重要信息为24小时，部分省份要求更短"),
    )
    since = models.DateTimeField(
        _("起始时间"), default=timezone.now, help_text=_("早于此时间发布的上游信息不进入转载队列")
    )
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_polled_at = models.DateTimeField(_("最近检查"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("转载订阅")
        verbose_name_plural = _("转载订阅")
        ordering = ["column__path", "name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.column.title}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == SourceKind.COLUMN:
            if self.upstream_column_id is None:
                raise ValidationError({"upstream_column": _("请选择上游栏目")})
            if self.upstream_column_id == self.column_id:
                raise ValidationError({"upstream_column": _("栏目不能转载自身")})
        elif not self.url:
            raise ValidationError({"url": _("请填写订阅地址")})


class RepostState(models.TextChoices):
    PENDING = "pending", _("待转载")
    REPOSTED = "reposted", _("已转载")
    IGNORED = "ignored", _("已忽略")


class TimePrecision(models.TextChoices):
    """How much of the upstream publication moment is known, which decides where the clock starts."""

    TIME = "time", _("发布时间")
    DATE = "date", _("仅发布日期")
    FOUND = "found", _("发现时间（上游未注明日期）")


class RepostItemQuerySet(models.QuerySet):
    def late(self, now: datetime.datetime | None = None) -> RepostItemQuerySet:
        """Reposted after the deadline, or still waiting past it."""
        now = now or timezone.now()
        return self.filter(
            Q(state=RepostState.REPOSTED, handled_at__gt=models.F("due_at"))
            | Q(state=RepostState.PENDING, due_at__lt=now)
        )


class RepostItem(models.Model):
    """One upstream item in a column's repost queue."""

    source = models.ForeignKey(
        RepostSource, on_delete=models.CASCADE, related_name="items", verbose_name=_("订阅")
    )
    title = models.CharField(_("标题"), max_length=300)
    url = models.URLField(_("原文链接"), max_length=500)
    upstream_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("上游页面"),
    )  # fmt: skip
    summary = models.TextField(_("摘要"), blank=True)
    published_at = models.DateTimeField(_("上游发布时间"))
    precision = models.CharField(
        _("时间精度"), max_length=5, choices=TimePrecision.choices, default=TimePrecision.TIME
    )
    due_at = models.DateTimeField(_("转载期限"), db_index=True)
    found_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    state = models.CharField(
        _("状态"), max_length=10, choices=RepostState.choices, default=RepostState.PENDING
    )
    page = models.ForeignKey(
        "content.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("转载的信息"),
    )  # fmt: skip
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("处理人"),
    )  # fmt: skip
    reason = models.CharField(_("忽略原因"), max_length=300, blank=True)

    objects = RepostItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("待转载信息")
        verbose_name_plural = _("转载队列")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "url"], name="repost_item_unique_url")]

    def __str__(self) -> str:
        return self.title

    def is_late(self, now: datetime.datetime | None = None) -> bool:
        if self.state == RepostState.REPOSTED:
            return self.handled_at is not None and self.handled_at > self.due_at
        return self.state == RepostState.PENDING and (now or timezone.now()) > self.due_at


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("待处理")
    ACCEPTED = "accepted", _("已采用")
    RETURNED = "returned", _("已退回")


class Submission(models.Model):
    """信息报送: an item of a lower site sent to its parent site's inbox."""

    page = models.ForeignKey(
        "content.ArticlePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("报送信息"),
    )
    title = models.CharField(_("标题"), max_length=255)
    from_site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("报送网站")
    )
    to_site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("接收网站")
    )
    note = models.CharField(_("报送说明"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("报送人"),
    )
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    state = models.CharField(
        _("状态"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("处理人"),
    )  # fmt: skip
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    reason = models.CharField(_("退回原因"), max_length=300, blank=True)
    column = models.ForeignKey(
        "columns.ColumnPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("采用栏目"),
    )  # fmt: skip
    published_page = models.ForeignKey(
        "content.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("采用后的信息"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("信息报送")
        verbose_name_plural = _("信息报送")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # Sent once: a second submission of the same item waits until the first one is decided.
            models.UniqueConstraint(
                fields=["page", "to_site"],
                condition=Q(state="submitted"),
                name="submission_one_open_per_page",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CadenceDigest(models.Model):
    """One morning digest sent to one user: at most one per user and day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("日期"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    overdue = models.PositiveIntegerField(_("超期栏目"), default=0)
    due_soon = models.PositiveIntegerField(_("即将到期"), default=0)
    empty = models.PositiveIntegerField(_("空白栏目"), default=0)

    class Meta:
        verbose_name = _("栏目更新提醒")
        verbose_name_plural = _("栏目更新提醒")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="cadence_digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
