"""The supervision app in the admin: the 网站监管 menu group, its screens and the admin-home panel."""

from __future__ import annotations

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from govsite.indicators.rule_titles import rule_title
from govsite.supervision import dashboard, rectification, views
from govsite.supervision.models import InspectionBatch, InspectionRun, MonitoredSite, Rectification


class SupervisionViewSet(ViewSet):
    """监管概览 and the screens reached from it: run reports, rectification steps, bulletins."""

    name = "supervision"
    icon = "view"
    menu_label = _("监管概览")

    @cached_property
    def menu_item_class(self):
        return type(
            "SupervisionMenuItem",
            (MenuItem,),
            {"is_shown": lambda item, request: views.can_supervise(request.user)},
        )

    def get_urlpatterns(self):
        return [
            path("", views.DashboardView.as_view(), name="dashboard"),
            path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run"),
            path(
                "runs/<int:pk>/report.json", views.RunReportView.as_view(), {"fmt": "json"}, name="run_json"
            ),
            path(
                "runs/<int:pk>/report.xlsx", views.RunReportView.as_view(), {"fmt": "xlsx"}, name="run_xlsx"
            ),
            path("runs/<int:pk>/rectify/", views.CreateRectificationsView.as_view(), name="run_rectify"),
            path("sites/<int:pk>/recheck/", views.RecheckView.as_view(), name="site_recheck"),
            path("rectifications/overdue/", views.OverdueView.as_view(), name="overdue"),
            path("rectifications/<int:pk>/", views.RectificationDetailView.as_view(), name="rectification"),
            path(
                "rectifications/<int:pk>/<str:action>/",
                views.RectificationActionView.as_view(),
                name="rectification_action",
            ),
            path("batches/<int:pk>/resume/", views.BatchResumeView.as_view(), name="batch_resume"),
            path("batches/<int:pk>/bulletin/", views.BulletinView.as_view(), name="bulletin"),
            path("batches/<int:pk>/bulletin.docx", views.BulletinDocxView.as_view(), name="bulletin_docx"),
            path("batches/<int:pk>/report.xlsx", views.BatchXlsxView.as_view(), name="batch_xlsx"),
        ]


class LinkedTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A listing's first column: links to our own page for the row and carries the row's buttons."""

    def __init__(self, *args, view: IndexView, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


class MonitoredSiteIndexView(IndexView):
    def get_base_queryset(self):
        latest = InspectionRun.objects.filter(site=OuterRef("pk"), status=InspectionRun.Status.DONE)
        latest_run = latest.order_by("-finished_at", "-pk").values("pk")[:1]
        return super().get_base_queryset().annotate(latest_run_id=Subquery(latest_run))

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("supervision.add_inspectionbatch"):
            buttons.append(
                HeaderButton(_("新建检查批次"), url=reverse("inspection_batches:add"), icon_name="list-ul")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if getattr(instance, "latest_run_id", None) and views.can_supervise(self.request.user):
            buttons.append(
                ListingButton(_("最新报告"), url=reverse("supervision:run", args=[instance.latest_run_id]))
            )
        if self.request.user.has_perm("supervision.change_rectification") and views.can_supervise(
            self.request.user
        ):
            buttons.append(
                ListingButton(
                    _("复核"), url=reverse("supervision:site_recheck", args=[instance.pk]), priority=1010
                )
            )
        return buttons


class MonitoredSiteViewSet(ModelViewSet):
    model = MonitoredSite
    icon = "site"
    menu_label = _("监测网站")
    index_view_class = MonitoredSiteIndexView
    list_display = ["name", "site_code", "url", "region", "active"]
    list_filter = ["active", "region"]
    search_fields = ["name", "site_code", "url"]
    form_fields = ["name", "url", "site_code", "region", "active", "has_external_services"]


class InspectionBatchIndexView(IndexView):
    def get_base_queryset(self):
        done = Q(runs__status=InspectionRun.Status.DONE)
        return (
            super()
            .get_base_queryset()
            .annotate(
                total_runs=Count("runs"),
                done_runs=Count("runs", filter=done),
                judged_runs=Count("runs", filter=done & Q(runs__passed__isnull=False)),
                passed_runs=Count("runs", filter=done & Q(runs__passed=True)),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(ListingButton(_("通报"), url=reverse("supervision:bulletin", args=[instance.pk])))
        buttons.append(
            ListingButton(
                _("概览"), url=reverse("supervision:dashboard") + f"?batch={instance.pk}", priority=1010
            )
        )
        if instance.done_runs < instance.total_runs and self.request.user.has_perm(
            "supervision.change_inspectionbatch"
        ):
            buttons.append(
                ListingButton(
                    _("继续未完成"),
                    url=reverse("supervision:batch_resume", args=[instance.pk]),
                    priority=1020,
                )
            )
        return buttons


def batch_progress(batch: InspectionBatch) -> str:
    return f"{batch.done_runs}/{batch.total_runs}"


def batch_pass_rate(batch: InspectionBatch) -> str:
    rate = batch.passed_runs / batch.judged_runs if batch.judged_runs else None
    return f"{dashboard.percent(rate)}（{batch.passed_runs}/{batch.judged_runs}）"


class InspectionBatchViewSet(ModelViewSet):
    """Batches with their progress; "add" is the new-batch form that creates and enqueues the runs."""

    model = InspectionBatch
    icon = "list-ul"
    menu_label = _("检查批次")
    index_view_class = InspectionBatchIndexView
    list_display = [
        "name",
        "check_date",
        Column("progress", label=_("进度（完成/总数）"), accessor=batch_progress),
        Column("pass_rate", label=_("合格率（合格/已检查）"), accessor=batch_pass_rate),
    ]
    list_filter = ["check_date"]
    search_fields = ["name"]
    form_fields = ["name"]
    copy_view_enabled = False

    @cached_property
    def add_view(self):
        return views.BatchCreateView.as_view()


class InspectionRunIndexView(IndexView):
    """The site's name opens the run's report; changing the status by hand stays in the row's menu."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("site", "batch")

    @cached_property
    def columns(self):
        title = LinkedTitleColumn("site", label=_("网站"), accessor="site", sort_key="site__name",
                                  get_url=self.report_url, view=self)  # fmt: skip
        return [title, *super().columns]

    @staticmethod
    def report_url(instance: InspectionRun) -> str:
        return reverse("supervision:run", args=[instance.pk])


def run_outcome(run: InspectionRun) -> str:
    return dashboard.outcome(run) if run.status == InspectionRun.Status.DONE else ""


class InspectionRunFilterSet(WagtailFilterSet):
    batch = django_filters.ModelChoiceFilter(label=_("检查批次"), queryset=InspectionBatch.objects.all())

    class Meta:
        model = InspectionRun
        fields = ["status", "passed", "check_date", "batch"]


class InspectionRunViewSet(ModelViewSet):
    model = InspectionRun
    icon = "doc-full"
    menu_label = _("检查记录")
    index_view_class = InspectionRunIndexView
    list_display = [
        Column("check_date", label=_("检查日期"), sort_key="check_date"),
        Column("batch", label=_("检查批次"), accessor="batch"),
        "status",
        Column("outcome", label=_("结论"), accessor=run_outcome),
        "score",
        "veto_count",
        "pages_fetched",
    ]
    filterset_class = InspectionRunFilterSet
    search_fields = ["site__name", "site__site_code"]
    form_fields = ["status"]
    copy_view_enabled = False


def rectification_rule(item: Rectification) -> str:
    return rule_title(item.finding.rule)


def rectification_problem(item: Rectification) -> str:
    return Truncator(item.finding.summary).chars(60)


class RectificationIndexView(IndexView):
    header_buttons = []  # rectifications are generated from a run's report

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("finding__run__site")

    @cached_property
    def columns(self):
        title = LinkedTitleColumn("problem", label=_("问题"), accessor=rectification_problem,
                                  get_url=self.detail_url, view=self)  # fmt: skip
        return [title, *super().columns]

    @staticmethod
    def detail_url(instance: Rectification) -> str:
        return reverse("supervision:rectification", args=[instance.pk])

    def get_context_data(self, *args, **kwargs):
        rectification.settle_finished_rechecks()
        return super().get_context_data(*args, **kwargs)


class RectificationEditView(EditView):
    """Owner and deadline edits are recorded in the rectification's history like the status steps."""

    def save_instance(self):
        instance = super().save_instance()
        rectification.record_edit(instance, user=self.request.user, changed=self.form.changed_data)
        return instance


def rectification_overdue(item: Rectification) -> str:
    return str(_("逾期 %(n)s 天") % {"n": dashboard.days_overdue(item)}) if item.overdue else ""


class RectificationViewSet(ModelViewSet):
    model = Rectification
    icon = "tasks"
    menu_label = _("整改")
    index_view_class = RectificationIndexView
    edit_view_class = RectificationEditView
    list_display = [
        Column("site", label=_("网站"), accessor="finding.run.site"),
        Column("rule", label=_("指标"), accessor=rectification_rule),
        "owner",
        "deadline",
        "status",
        Column("overdue", label=_("逾期"), accessor=rectification_overdue),
    ]
    list_filter = ["status", "deadline"]
    search_fields = ["owner", "finding__run__site__name"]
    form_fields = ["owner", "deadline"]
    copy_view_enabled = False


class SupervisionGroup(ViewSetGroup):
    menu_label = _("网站监管")
    menu_icon = "view"
    menu_order = 300
    items = (
        SupervisionViewSet(),
        MonitoredSiteViewSet("monitored_sites"),
        InspectionBatchViewSet("inspection_batches"),
        InspectionRunViewSet("inspection_runs"),
        RectificationViewSet("rectifications"),
    )


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionGroup()


@hooks.register("register_permissions")
def register_view_permissions():
    """ "Can view" on the supervision tables: enough to open the supervision screens, read only."""
    return Permission.objects.filter(
        content_type__app_label="supervision",
        codename__in=[
            "view_inspectionrun",
            "view_inspectionbatch",
            "view_rectification",
            "view_monitoredsite",
        ],
    )


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("supervision/import/", views.SiteListImportView.as_view(), name="supervision_import_sites")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("supervision.add_monitoredsite")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("导入监测网站"), reverse("supervision_import_sites"), icon_name="upload", order=310
    )


class SupervisionSummaryPanel(Component):
    """Admin home, after the column alerts: pass rate of the latest inspections, overdue rectifications."""

    name = "supervision_summary"
    template_name = "supervision/admin/summary_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        return {"summary": dashboard.summary(), "heading": _("网站监管")}


@hooks.register("construct_homepage_panels")
def add_supervision_panel(request, panels):
    if views.can_supervise(request.user):
        panels.append(SupervisionSummaryPanel())
