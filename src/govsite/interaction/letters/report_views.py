"""The letters report (办理统计) with filters and an xlsx export, and the overdue list per department."""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Site

from govsite.cluster.access import departments_for_user
from govsite.interaction.letters import access, stats
from govsite.interaction.letters.admin_views import LettersAccessMixin, inbox_crumbs
from govsite.interaction.letters.export import render_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportFilterForm(forms.Form):
    site = forms.ModelChoiceField(label=gettext_lazy("网站"), queryset=Site.objects.none(), required=False,
                                  empty_label=gettext_lazy("全部"))  # fmt: skip
    department = forms.ModelChoiceField(label=gettext_lazy("部门"), queryset=None, required=False,
                                        empty_label=gettext_lazy("全部"))  # fmt: skip
    start = forms.DateField(
        label=gettext_lazy("来信时间自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = departments_for_user(user)
        site_ids = set(access.site_ids_for(user)) | set(departments.values_list("site_id", flat=True))
        sites = Site.objects.all() if user.is_superuser else Site.objects.filter(pk__in=site_ids)
        self.fields["site"].queryset = sites.order_by("site_name")
        self.fields["department"].queryset = departments.order_by("site_id", "sort_order", "name")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("开始日期不能晚于结束日期"))
        return data


class ReportMixin(LettersAccessMixin):
    @cached_property
    def filter_form(self) -> ReportFilterForm:
        today = timezone.localdate()
        data = self.request.GET.copy() if self.request.GET else None
        form = ReportFilterForm(self.request.user, data)
        if data is None:
            form.initial = {"start": datetime.date(today.year, 1, 1), "end": today}
        return form

    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        form = self.filter_form
        if not form.is_bound:
            return form.initial["start"], form.initial["end"]
        if not form.is_valid():
            return None, None
        return form.cleaned_data.get("start"), form.cleaned_data.get("end")

    def filtered_letters(self):
        letters = self.letters()
        form = self.filter_form
        if form.is_bound and form.is_valid():
            if form.cleaned_data.get("site"):
                letters = letters.filter(site=form.cleaned_data["site"])
            if form.cleaned_data.get("department"):
                letters = letters.filter(department=form.cleaned_data["department"])
        return letters

    def build_report(self) -> stats.Report:
        start, end = self.period()
        return stats.report(self.filtered_letters(), start=start, end=end)


class ReportView(ReportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "letters/admin/report.html"
    page_title = gettext_lazy("来信办理统计")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return inbox_crumbs(("", self.get_page_title()))

    @property
    def header_buttons(self):
        query = urlencode({key: value for key, value in self.request.GET.items() if value})
        url = reverse("letters:report_xlsx") + (f"?{query}" if query else "")
        return [HeaderButton(_("导出 Excel"), url=url, icon_name="download")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.build_report()
        context.update(
            report=report,
            filter_form=self.filter_form,
            rows=[(figures, stats.percent(figures.on_time_rate), stats.percent(figures.satisfaction_rate))
                  for figures in [*report.rows, report.total]],
        )  # fmt: skip
        return context


class ReportXlsxView(ReportMixin, View):
    def get(self, request) -> HttpResponse:
        report = self.build_report()
        overdue = list(stats.overdue(self.filtered_letters(), report.today))
        content = render_xlsx(report, overdue, _("来信办理统计"))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="letters-{report.today:%Y%m%d}.xlsx"'
        return response


class OverdueView(ReportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "letters/admin/overdue.html"
    page_title = gettext_lazy("超期未办结来信")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return inbox_crumbs(("", self.get_page_title()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(groups=stats.overdue_by_department(self.filtered_letters(), today), today=today)
        return context
