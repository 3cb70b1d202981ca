"""Monitoring in the platform: monitored sites, availability probes, inspection runs, findings, 整改.

The crawler and the rules know nothing of these tables: an inspection produces a verdict (plain data),
and `store.py` writes it here. Reports and dashboards read what is stored; none recomputes a rule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from govsite.core.identifiers import site_code_problem


class MonitoredSite(models.Model):
    """A government website under supervision: one of ours, or anyone's (imported from a list)."""

    name = models.CharField(_("网站名称"), max_length=200)
    url = models.URLField(_("首页网址"), max_length=500, unique=True)
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True, db_index=True)
    region = models.CharField(_("地区/主管单位"), max_length=100, blank=True)
    own_site = models.OneToOneField(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="monitoring",
        verbose_name=_("本平台站点"),
    )  # fmt: skip
    active = models.BooleanField(_("监测中"), default=True)
    has_external_services = models.BooleanField(
        _("提供对外服务"), default=True, help_text=_("不提供对外服务的部门网站按 75 分折算（×4/3）")
    )
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("监测网站")
        verbose_name_plural = _("监测网站")
        ordering = ["site_code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def site_code_valid(self) -> bool:
        return bool(self.site_code) and site_code_problem(self.site_code) is None

    def latest_run(self) -> InspectionRun | None:
        return self.runs.filter(status=InspectionRun.Status.DONE).order_by("-finished_at").first()


class AvailabilityProbe(models.Model):
    """One probe of a homepage; the unreachable-site veto needs ≥20 a day for a week."""

    site = models.ForeignKey(MonitoredSite, on_delete=models.CASCADE, related_name="probes")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    ok = models.BooleanField(_("可访问"))
    status = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    elapsed = models.FloatField(_("耗时（秒）"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("可用性探测")
        verbose_name_plural = _("可用性探测")
        indexes = [models.Index(fields=["site", "-at"])]

    def __str__(self) -> str:
        return f"{self.site} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else self.error}"


class InspectionBatch(models.Model):
    """One inspection campaign over many sites (a 普查 or a quarterly 抽查)."""

    name = models.CharField(_("批次名称"), max_length=200)
    check_date = models.DateField(_("检查日期"), default=timezone.localdate)
    ruleset = models.CharField(_("指标版本"), max_length=50, default="gov2019")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("检查批次")
        verbose_name_plural = _("检查批次")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class InspectionRun(models.Model):
    """The inspection of one site in one batch. Unique per (batch, site): a redone task overwrites,
    never double-counts."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("检查中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("无法检查")

    batch = models.ForeignKey(InspectionBatch, on_delete=models.CASCADE, related_name="runs", null=True,
                              blank=True)  # fmt: skip
    site = models.ForeignKey(MonitoredSite, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    check_date = models.DateField(_("检查日期"), default=timezone.localdate)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(_("合格"), null=True)
    score = models.FloatField(_("得分"), null=True, blank=True)
    veto_count = models.PositiveSmallIntegerField(_("否决项"), default=0)
    pages_fetched = models.PositiveIntegerField(_("抓取页面"), default=0)
    verdict = models.JSONField(_("检查结论"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-check_date", "site"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "site"], name="one_run_per_site_per_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.check_date}"


class FindingRecord(models.Model):
    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("指标"), max_length=60, db_index=True)
    severity = models.CharField(_("类别"), max_length=20)
    summary = models.TextField(_("问题描述"))
    points = models.FloatField(_("扣分"), default=0)
    evidence = models.JSONField(_("证据"), default=list, blank=True)

    class Meta:
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")
        ordering = ["run", "-points"]

    def __str__(self) -> str:
        return self.summary


class Rectification(models.Model):
    """整改: a finding assigned to someone, with a deadline and a re-check that closes it."""

    class Status(models.TextChoices):
        OPEN = "open", _("待整改")
        SUBMITTED = "submitted", _("已报整改")
        VERIFIED = "verified", _("复核通过")
        REJECTED = "rejected", _("复核未通过")

    finding = models.OneToOneField(FindingRecord, on_delete=models.CASCADE, related_name="rectification")
    owner = models.CharField(_("责任单位/责任人"), max_length=100)
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("整改说明"), blank=True)
    recheck_run = models.ForeignKey(InspectionRun, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("复核检查"))  # fmt: skip
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("最后操作人"))  # fmt: skip

    class Meta:
        verbose_name = _("整改")
        verbose_name_plural = _("整改")
        ordering = ["deadline"]

    def __str__(self) -> str:
        return f"{self.finding.run.site}: {self.finding.rule}"

    @property
    def overdue(self) -> bool:
        return (
            self.status in {self.Status.OPEN, self.Status.REJECTED} and self.deadline < timezone.localdate()
        )


class RectificationEvent(models.Model):
    """One step of a 整改: who moved it from which status to which, when, and why."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("操作人"))  # fmt: skip
    from_status = models.CharField(
        _("原状态"), max_length=10, choices=Rectification.Status.choices, blank=True
    )
    to_status = models.CharField(_("新状态"), max_length=10, choices=Rectification.Status.choices)
    note = models.TextField(_("说明"), blank=True)
    run = models.ForeignKey(InspectionRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("复核检查"))  # fmt: skip

    class Meta:
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")
        ordering = ["rectification", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.rectification}: {self.from_status or '-'} → {self.to_status}"
