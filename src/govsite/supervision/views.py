"""Admin views of the supervision app that are not plain model listings.

Who may do what: the supervision screens (overview, reports, batches, bulletins) need any permission on
inspection runs — the same as the 检查记录 listing. Generating rectifications needs "add rectification";
reporting one fixed needs "change rectification"; a manual review or a re-check needs both that and the
supervision screens; a new batch needs "add inspection batch" and resuming one "change inspection batch".
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.indicators.findings import Severity
from govsite.indicators.rule_titles import rule_title
from govsite.supervision import bulletin as bulletins
from govsite.supervision import dashboard, rectification, service, tasks
from govsite.supervision.forms import (
    BulletinForm,
    NewBatchForm,
    RectificationCreateForm,
    RectificationNoteForm,
    SiteListUploadForm,
)
from govsite.supervision.importing import import_monitored_sites
from govsite.supervision.models import (
    InspectionBatch,
    InspectionRun,
    MonitoredSite,
    Rectification,
)
from govsite.supervision.reports.html import bar_chart
from govsite.supervision.reports.xlsx import render_xlsx

ANY_PERMISSION = ["add", "change", "delete", "view"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEVERITY_LABELS = {severity.value: severity.label for severity in Severity}


def can_supervise(user) -> bool:
    """The supervision permission: any permission on inspection runs."""
    return ModelPermissionPolicy(InspectionRun).user_has_any_permission(user, ANY_PERMISSION)


def can_handle_rectifications(user) -> bool:
    return ModelPermissionPolicy(Rectification).user_has_any_permission(user, ANY_PERMISSION)


def attachment(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SupervisionMixin:
    """Supervision access plus, optionally, one more Django permission for the action."""

    request: HttpRequest
    permission: str = ""
    allow_without_supervision = False  # rectification screens: webmasters see their tasks

    def dispatch(self, request, *args, **kwargs):
        if not self.allow_without_supervision and not can_supervise(request.user):
            raise PermissionDenied
        if self.permission and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self, *items: tuple[str, str]) -> list[dict[str, Any]]:
        base = [*WagtailAdminTemplateMixin.breadcrumbs_items]
        if can_supervise(self.request.user):
            base.append({"url": reverse("supervision:dashboard"), "label": _("监管概览")})
        return base + [{"url": url, "label": label} for url, label in items]


class SupervisionPage(SupervisionMixin, WagtailAdminTemplateMixin, TemplateView):
    def get_breadcrumbs_items(self):
        return self.crumbs(("", self.get_page_title()))


class DashboardView(SupervisionPage):
    template_name = "supervision/admin/dashboard.html"
    page_title = gettext_lazy("监管概览")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.crumbs()[:-1], {"url": "", "label": self.get_page_title()}]

    @cached_property
    def batch(self) -> InspectionBatch | None:
        batch_id = self.request.GET.get("batch", "")
        return get_object_or_404(InspectionBatch, pk=batch_id) if batch_id.isdigit() else None

    @property
    def header_buttons(self):
        buttons = [HeaderButton(_("检查批次"), url=reverse("inspection_batches:index"), icon_name="list-ul")]
        if self.request.user.has_perm("supervision.add_inspectionbatch"):
            buttons.append(
                HeaderButton(_("新建检查批次"), url=reverse("inspection_batches:add"), icon_name="plus")
            )
        return buttons

    def get_context_data(self, **kwargs):
        rectification.settle_finished_rechecks()
        context = super().get_context_data(**kwargs)
        context["overview"] = dashboard.overview(self.batch, trend_by=self.request.GET.get("trend", "batch"))
        context["batches"] = InspectionBatch.objects.order_by("-check_date", "-created_at")[:50]
        context["batch"] = self.batch
        return context


class RunDetailView(SupervisionPage):
    template_name = "supervision/admin/run_detail.html"
    header_icon = "doc-full"

    @cached_property
    def run(self) -> InspectionRun:
        return get_object_or_404(InspectionRun.objects.select_related("site", "batch"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("检查报告：%(site)s") % {"site": self.run.site.name}

    def get_breadcrumbs_items(self):
        return self.crumbs((reverse("inspection_runs:index"), _("检查记录")), ("", self.get_page_title()))

    @property
    def header_buttons(self):
        if self.run.status != InspectionRun.Status.DONE:
            return []
        return [
            HeaderButton(
                _("下载 JSON"), url=reverse("supervision:run_json", args=[self.run.pk]), icon_name="download"
            ),
            HeaderButton(
                _("下载 Excel"), url=reverse("supervision:run_xlsx", args=[self.run.pk]), icon_name="download"
            ),
        ]

    def get_context_data(self, **kwargs):
        rectification.settle_finished_rechecks()
        context = super().get_context_data(**kwargs)
        run = self.run
        report = dashboard.stored_report(run)
        verdict = report["verdict"]
        findings = list(run.findings.select_related("rectification").order_by("pk"))
        for finding in findings:
            finding.title = rule_title(finding.rule)
            finding.severity_label = SEVERITY_LABELS.get(finding.severity, finding.severity)
            finding.evidence_json = json.dumps(finding.evidence, ensure_ascii=False, indent=1)
        titles = {finding.rule: finding.title for finding in findings}
        context.update(
            run=run,
            report=report,
            verdict=verdict,
            findings=findings,
            # bar_chart escapes every label it writes.
            chart=mark_safe(bar_chart(verdict.get("deductions", {}), titles)) if verdict else "",
            rectifiable=rectification.rectifiable_findings(run).count()
            if run.status == run.Status.DONE
            else 0,
            can_rectify=self.request.user.has_perm("supervision.add_rectification"),
            can_recheck=self.request.user.has_perm("supervision.change_rectification"),
            rectify_form=RectificationCreateForm(
                initial={
                    "owner": rectification.default_owner(run.site),
                    "deadline": rectification.default_deadline(),
                }
            ),
        )
        return context


class RunReportView(SupervisionMixin, View):
    """The stored run as a JSON or xlsx download (docs/inspection-report.md)."""

    def get(self, request, pk: int, fmt: str):
        run = get_object_or_404(InspectionRun.objects.select_related("site", "batch"), pk=pk)
        if run.status != InspectionRun.Status.DONE:
            raise Http404(_("检查尚未完成"))
        data = dashboard.stored_report(run)
        stem = f"inspection-{run.pk}-{run.check_date:%Y%m%d}"
        if fmt == "xlsx":
            return attachment(render_xlsx([data]), XLSX, f"{stem}.xlsx")
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return attachment(text, "application/json; charset=utf-8", f"{stem}.json")


class CreateRectificationsView(SupervisionMixin, View):
    permission = "supervision.add_rectification"

    def post(self, request, pk: int):
        run = get_object_or_404(
            InspectionRun.objects.select_related("site"), pk=pk, status=InspectionRun.Status.DONE
        )
        form = RectificationCreateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("整改期限无效，未生成整改任务。"))
            return redirect("supervision:run", pk=run.pk)
        created = rectification.create_rectifications(
            run, owner=form.cleaned_data["owner"], deadline=form.cleaned_data["deadline"], user=request.user
        )
        if created:
            messages.success(request, _("已生成 %(n)s 项整改任务。") % {"n": len(created)})
        else:
            messages.info(request, _("各问题均已有整改任务，未重复生成。"))
        return redirect("supervision:run", pk=run.pk)


class RectificationDetailView(SupervisionPage):
    template_name = "supervision/admin/rectification_detail.html"
    header_icon = "tasks"
    allow_without_supervision = True

    def dispatch(self, request, *args, **kwargs):
        if not can_handle_rectifications(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def rectification(self) -> Rectification:
        queryset = Rectification.objects.select_related(
            "finding__run__site", "finding__run__batch", "recheck_run"
        )
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("整改：%(site)s") % {"site": self.rectification.finding.run.site.name}

    def get_breadcrumbs_items(self):
        return self.crumbs((reverse("rectifications:index"), _("整改")), ("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        rectification.settle_finished_rechecks()
        context = super().get_context_data(**kwargs)
        item = self.rectification
        item.refresh_from_db()
        user = self.request.user
        can_change = user.has_perm("supervision.change_rectification")
        can_review = can_change and can_supervise(user)
        finding = item.finding
        context.update(
            item=item,
            finding=finding,
            title=rule_title(finding.rule),
            evidence_json=json.dumps(finding.evidence, ensure_ascii=False, indent=1),
            events=item.events.select_related("user", "run"),
            can_submit=can_change and rectification.can_transition(item, Rectification.Status.SUBMITTED),
            can_review=can_review and rectification.can_transition(item, Rectification.Status.VERIFIED),
            can_recheck=can_review and item.status == Rectification.Status.SUBMITTED,
            note_form=RectificationNoteForm(),
            days_overdue=dashboard.days_overdue(item) if item.overdue else 0,
        )
        return context


class RectificationActionView(SupervisionMixin, View):
    """报告已整改 (submit), or a manual 复核通过 / 复核未通过 with a note."""

    allow_without_supervision = True
    permission = "supervision.change_rectification"
    ACTIONS = {
        "submit": Rectification.Status.SUBMITTED,
        "verify": Rectification.Status.VERIFIED,
        "reject": Rectification.Status.REJECTED,
    }

    def post(self, request, pk: int, action: str):
        item = get_object_or_404(Rectification, pk=pk)
        if action not in self.ACTIONS:
            raise Http404
        if action != "submit" and not can_supervise(request.user):
            raise PermissionDenied
        form = RectificationNoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            rectification.transition(item, self.ACTIONS[action], user=request.user, note=note)
        except rectification.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("整改状态已改为“%(status)s”。")
                % {"status": Rectification.Status(self.ACTIONS[action]).label},
            )
        return redirect("supervision:rectification", pk=item.pk)


class RecheckView(SupervisionPage):
    """复核: GET asks for confirmation, POST inspects the site again and settles its submitted rectifications."""

    template_name = "supervision/admin/recheck_confirm.html"
    header_icon = "resubmit"
    permission = "supervision.change_rectification"

    @cached_property
    def site(self) -> MonitoredSite:
        return get_object_or_404(MonitoredSite, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("复核：%(site)s") % {"site": self.site.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            site=self.site,
            waiting=rectification.submitted_for_site(self.site).select_related("finding"),
            next=get_valid_next_url_from_request(self.request),
        )
        return context

    def post(self, request, pk: int):
        outcome = rectification.request_recheck(self.site, user=request.user)
        if outcome.pending:
            messages.info(request, _("复核检查已加入队列，完成后将自动核对已报整改的问题。"))
        elif outcome.run.passed is None:
            messages.warning(request, _("复核检查未能完成（网站无法访问或检查失败），整改状态未变。"))
        else:
            messages.success(
                request,
                _("复核完成：%(verified)s 项通过，%(rejected)s 项仍未整改。")
                % {"verified": len(outcome.verified), "rejected": len(outcome.rejected)},
            )
        return redirect(
            get_valid_next_url_from_request(request) or reverse("supervision:run", args=[outcome.run.pk])
        )


class OverdueView(SupervisionPage):
    template_name = "supervision/admin/overdue.html"
    page_title = gettext_lazy("逾期整改")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        rectification.settle_finished_rechecks()
        context = super().get_context_data(**kwargs)
        rows = list(rectification.overdue_rectifications())
        for row in rows:
            row.title = rule_title(row.finding.rule)
            row.days_overdue = dashboard.days_overdue(row)
        context["rows"] = rows
        return context


class BatchCreateView(SupervisionMixin, WagtailAdminTemplateMixin, FormView):
    """新建检查批次 for the ticked sites (all active ones to begin with), enqueued at once."""

    form_class = NewBatchForm
    template_name = "supervision/admin/batch_create.html"
    page_title = gettext_lazy("新建检查批次")
    header_icon = "plus"
    permission = "supervision.add_inspectionbatch"

    def get_breadcrumbs_items(self):
        return self.crumbs((reverse("inspection_batches:index"), _("检查批次")), ("", self.get_page_title()))

    def get_initial(self):
        today = timezone.localdate()
        quarter = bulletins.QUARTERS[(today.month - 1) // 3]
        sites = MonitoredSite.objects.filter(active=True)
        chosen = [value for value in self.request.GET.getlist("site") if value.isdigit()]
        if chosen:
            sites = sites.filter(pk__in=chosen)
        return {
            "name": _("%(year)s年第%(quarter)s季度抽查") % {"year": today.year, "quarter": quarter},
            "check_date": today,
            "sites": list(sites.values_list("pk", flat=True)),
        }

    def form_valid(self, form):
        batch, run_ids = service.create_batch(
            form.cleaned_data["name"], form.cleaned_data["sites"], check_date=form.cleaned_data["check_date"]
        )
        InspectionBatch.objects.filter(pk=batch.pk).update(created_by=self.request.user)
        tasks.enqueue_runs(run_ids, from_request=True)
        messages.success(
            self.request,
            _("已新建检查批次“%(name)s”，%(n)s 个网站已加入检查队列。")
            % {"name": batch.name, "n": len(run_ids)},
        )
        return redirect("inspection_batches:index")


class BatchMixin:
    kwargs: dict[str, Any]

    @cached_property
    def batch(self) -> InspectionBatch:
        return get_object_or_404(InspectionBatch, pk=self.kwargs["pk"])


class BatchResumeView(BatchMixin, SupervisionPage):
    """继续未完成: GET asks for confirmation, POST enqueues every run of the batch that is not done."""

    template_name = "supervision/admin/batch_resume.html"
    header_icon = "resubmit"
    permission = "supervision.change_inspectionbatch"

    def get_page_title(self):
        return _("继续检查：%(batch)s") % {"batch": self.batch.name}

    def get_breadcrumbs_items(self):
        return self.crumbs((reverse("inspection_batches:index"), _("检查批次")), ("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(batch=self.batch, unfinished=len(service.unfinished_run_ids(self.batch)))
        return context

    def post(self, request, pk: int):
        run_ids = service.unfinished_run_ids(self.batch)
        tasks.enqueue_runs(run_ids, from_request=True)
        if run_ids:
            messages.success(request, _("%(n)s 个未完成的检查已重新加入队列。") % {"n": len(run_ids)})
        else:
            messages.info(request, _("该批次的检查均已完成。"))
        return redirect("inspection_batches:index")


class BulletinParamsMixin(BatchMixin):
    request: HttpRequest

    def bulletin(self) -> tuple[bulletins.Bulletin, BulletinForm]:
        form = BulletinForm(self.request.GET)
        values = form.cleaned_data if form.is_valid() else {}
        built = bulletins.build_bulletin(
            self.batch,
            title=values.get("title") or "",
            issued=values.get("issued"),
            deadline=values.get("deadline"),
        )
        return built, form


class BulletinView(BulletinParamsMixin, SupervisionPage):
    template_name = "supervision/admin/bulletin.html"
    header_icon = "doc-full-inverse"

    def get_page_title(self):
        return _("通报：%(batch)s") % {"batch": self.batch.name}

    def get_breadcrumbs_items(self):
        return self.crumbs((reverse("inspection_batches:index"), _("检查批次")), ("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        built, form = self.bulletin()
        params = urlencode(
            {key: value for key, value in self.request.GET.items() if key in form.fields and value}
        )
        suffix = f"?{params}" if params else ""
        context.update(
            batch=self.batch,
            bulletin=built,
            form=form,
            docx_url=reverse("supervision:bulletin_docx", args=[self.batch.pk]) + suffix,
            xlsx_url=reverse("supervision:batch_xlsx", args=[self.batch.pk]),
        )
        return context


class BulletinDocxView(BulletinParamsMixin, SupervisionMixin, View):
    def get(self, request, pk: int):
        built, _form = self.bulletin()
        return attachment(bulletins.render_docx(built), DOCX, f"bulletin-{self.batch.pk}.docx")


class BatchXlsxView(BatchMixin, SupervisionMixin, View):
    def get(self, request, pk: int):
        reports = dashboard.stored_reports(self.batch.runs.all())
        return attachment(render_xlsx(reports), XLSX, f"batch-{self.batch.pk}.xlsx")


class SiteListImportView(SupervisionMixin, WagtailAdminTemplateMixin, FormView):
    allow_without_supervision = True
    permission = "supervision.add_monitoredsite"
    form_class = SiteListUploadForm
    template_name = "supervision/admin/import_sites.html"
    page_title = gettext_lazy("导入监测网站")
    header_icon = "upload"

    def form_valid(self, form):
        report = import_monitored_sites(form.cleaned_data["csv_file"].read())
        for line, problem in report.errors + report.warnings:
            messages.warning(
                self.request, _("第 %(line)s 行：%(problem)s") % {"line": line, "problem": problem}
            )
        messages.success(
            self.request,
            _("新增 %(created)s 个，更新 %(updated)s 个网站。")
            % {"created": report.created, "updated": report.updated},
        )
        return redirect(reverse("monitored_sites:index"))
