"""The staff side of 依申请公开 in the Wagtail admin: inbox, request page with its workflow, files, statistics.

Every view works on ``access.requests_for_user``: a request outside the user's sites and departments is
"not found", not "forbidden", so its existence is not given away. Taking a step needs ``can_handle``.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from govsite.core.calendar_days import work_calendar
from govsite.interaction.disclosure import access, deadlines, statistics, workflow
from govsite.interaction.disclosure.admin_forms import STEP_FORMS, AssignForm, DocumentForm, InboxFilterSet
from govsite.interaction.disclosure.choices import OPEN_STATES, State
from govsite.interaction.disclosure.models import DisclosureDocument, DisclosureRequest
from govsite.interaction.disclosure.public import mask_applicant_name
from govsite.interaction.disclosure.reminders import due_soon_days

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class InboxAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not access.can_use_inbox(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def inbox_crumbs(self, *items: tuple[str, str]) -> list[dict]:
        base = [
            *WagtailAdminTemplateMixin.breadcrumbs_items,
            {"url": reverse("disclosure:index"), "label": _("依申请公开")},
        ]
        return base + [{"url": url, "label": label} for url, label in items]


def deadline_label(request: DisclosureRequest) -> str:
    """What the inbox says about a request's deadline (the request was judged with ``judge_on``)."""
    if request.state not in OPEN_STATES:
        if request.answered_on:
            return _("逾期答复") if request.deadline().overdue else _("按期答复")
        return ""
    status = request.deadline()
    if status.paused == "completion":
        return _("待补正（暂停计时）")
    if status.paused == "consultation":
        return _("征求意见中（剩余 %(n)d 个工作日）") % {"n": status.days_left}
    if status.overdue:
        return _("%(due)s 逾期 %(n)d 个工作日") % {"due": status.due, "n": status.days_overdue}
    return _("%(due)s 剩余 %(n)d 个工作日") % {"due": status.due, "n": status.days_left}


class InboxView(InboxAccessMixin, IndexView):
    model = DisclosureRequest
    permission_policy = None  # access is decided by access.py, per site and department
    any_permission_required = None
    index_url_name = "disclosure:index"
    index_results_url_name = "disclosure:index_results"
    filterset_class = InboxFilterSet
    search_fields = ["number", "name", "description"]
    default_ordering = "-received_on"
    page_title = gettext_lazy("依申请公开")
    header_icon = "doc-full"
    paginate_by = 30

    def get_base_queryset(self):
        return (
            access.requests_for_user(self.request.user)
            .select_related("site", "department")
            .prefetch_related("consultations")
        )

    @cached_property
    def calendar(self):
        return work_calendar()

    def judge(self, request: DisclosureRequest) -> DisclosureRequest:
        request.judge_on(timezone.localdate(), self.calendar)
        return request

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("申请编号"),
                sort_key="number",
                get_url=lambda r: reverse("disclosure:detail", args=[r.pk]),
            ),
            Column("applicant", label=_("申请人"), accessor=mask_applicant_name),
            Column("site", label=_("网站"), accessor=lambda r: r.site.site_name or r.site.hostname),
            Column("received_on", label=_("收到日期"), sort_key="received_on"),
            Column("state", label=_("状态"), accessor="get_state_display", sort_key="state"),
            Column(
                "department",
                label=_("承办部门"),
                accessor=lambda r: r.department.name if r.department else "—",
            ),
            Column("deadline", label=_("答复期限"), accessor=lambda r: deadline_label(self.judge(r))),
        ]

    @cached_property
    def header_buttons(self):
        index = reverse("disclosure:index")
        buttons = [
            HeaderButton(_("已逾期"), url=f"{index}?deadline=overdue", icon_name="warning"),
            HeaderButton(_("即将到期"), url=f"{index}?deadline=due_soon", icon_name="time"),
        ]
        if access.visible_sites(self.request.user):
            buttons.append(
                HeaderButton(_("年度统计"), url=reverse("disclosure:statistics"), icon_name="table")
            )
        return buttons


class RequestDetailView(InboxAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure/admin/detail.html"
    header_icon = "doc-full"

    @cached_property
    def disclosure_request(self) -> DisclosureRequest:
        requests = access.requests_for_user(self.request.user).select_related("site", "department", "page")
        found = get_object_or_404(requests, pk=self.kwargs["pk"])
        found.judge_on(timezone.localdate(), work_calendar())
        return found

    def get_page_title(self):
        return _("政府信息公开申请 %(number)s") % {"number": self.disclosure_request.number}

    def get_breadcrumbs_items(self):
        return self.inbox_crumbs(("", self.disclosure_request.number))

    def post(self, request, *args, **kwargs):
        item = self.disclosure_request
        if not access.can_handle(request.user, item):
            raise PermissionDenied
        step = request.POST.get("step", "")
        bound: dict = {}
        try:
            if step in STEP_FORMS:
                form = STEP_FORMS[step](request.POST, request=item, prefix=step)
                bound[step] = form
                if form.is_valid():
                    workflow.perform(item, step, actor=request.user, **form.step_data())
                    messages.success(request, _("已%(action)s") % {"action": workflow.ACTIONS[step].label})
                    return redirect("disclosure:detail", item.pk)
            elif step == "assign":
                form = AssignForm(request.POST, request=item)
                bound["assign"] = form
                if form.is_valid():
                    workflow.assign(item, form.cleaned_data["department"], actor=request.user)
                    messages.success(request, _("已分派承办部门"))
                    return redirect("disclosure:detail", item.pk)
            elif step == "document":
                form = DocumentForm(request.POST, request.FILES)
                bound["document"] = form
                if form.is_valid():
                    workflow.add_document(
                        item, form.cleaned_data["file"], form.cleaned_data["title"], actor=request.user
                    )
                    messages.success(request, _("已上传答复文件"))
                    return redirect("disclosure:detail", item.pk)
            else:
                raise Http404
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            form.add_error(None, error.message)
            item.refresh_from_db()
        context = self.get_context_data(bound=bound)
        return self.render_to_response(context)

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.disclosure_request
        bound = bound or {}
        can_handle = access.can_handle(self.request.user, item)
        steps = []
        if can_handle:
            for name, refusal in workflow.allowed_actions(
                item, item.workflow_today(), item.workflow_calendar()
            ).items():
                form = bound.get(name) or STEP_FORMS[name](request=item, prefix=name)
                steps.append({"name": name, "label": workflow.ACTIONS[name].label, "refusal": refusal, "form": form,
                              "open": name in bound})  # fmt: skip
        calendar = item.workflow_calendar()
        context.update(
            item=item,
            status=item.deadline(),
            completion_notice_due=deadlines.completion_notice_due(calendar, item.received_on)
            if item.state == State.RECEIVED and item.completion_requested_on is None
            else None,
            consultations=list(item.consultations.all()),
            documents=list(item.documents.select_related("uploaded_by")),
            events=list(item.events.select_related("actor")),
            reminders=list(item.reminders.all()),
            can_handle=can_handle,
            steps=steps,
            assign_form=bound.get("assign") or AssignForm(request=item),
            document_form=bound.get("document") or DocumentForm(),
            can_upload=can_handle and item.state in (*OPEN_STATES, State.ANSWERED),
            can_assign=can_handle and item.state not in (State.CLOSED, State.WITHDRAWN),
            action_labels={name: action.label for name, action in workflow.ACTIONS.items()},
        )
        return context


class AttachmentView(InboxAccessMixin, View):
    """The applicant's attachment or completion file, for staff who may see the request."""

    def get(self, request, pk: int, which: str):
        item = get_object_or_404(access.requests_for_user(request.user), pk=pk)
        field, name = {
            "attachment": (item.attachment, item.attachment_name),
            "completion": (item.completion_attachment, item.completion_attachment_name),
        }.get(which, (None, ""))
        if not field:
            raise Http404
        return FileResponse(
            field.open("rb"), as_attachment=True, filename=name or field.name.rsplit("/", 1)[-1]
        )


class DocumentView(InboxAccessMixin, View):
    def get(self, request, pk: int):
        document = get_object_or_404(DisclosureDocument.objects.select_related("request"), pk=pk)
        if not access.can_view(request.user, document.request):
            raise Http404
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


class StatisticsMixin(InboxAccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not access.visible_sites(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def sites(self):
        return access.visible_sites(self.request.user)

    @cached_property
    def site(self):
        wanted = self.request.GET.get("site", "")
        return next((site for site in self.sites if str(site.pk) == wanted), self.sites[0])

    @cached_property
    def year(self) -> int:
        wanted = self.request.GET.get("year", "")
        return (
            int(wanted) if wanted.isdigit() and 2008 <= int(wanted) <= 2100 else timezone.localdate().year - 1
        )

    def table(self) -> statistics.YearTable:
        requests = DisclosureRequest.objects.filter(site=self.site)
        return statistics.yearly_table(requests, self.year, title=self.site.site_name or self.site.hostname)


class StatisticsView(StatisticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure/admin/statistics.html"
    page_title = gettext_lazy("依申请公开年度统计")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.inbox_crumbs(("", self.get_page_title()))

    @property
    def header_buttons(self):
        query = urlencode({"site": self.site.pk, "year": self.year})
        return [
            HeaderButton(
                _("下载 Excel"), url=f"{reverse('disclosure:statistics_xlsx')}?{query}", icon_name="download"
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requests = DisclosureRequest.objects.filter(site__in=self.sites)
        this_year = timezone.localdate().year
        years = sorted({*statistics.years_with_requests(requests), this_year, this_year - 1}, reverse=True)
        context.update(table=self.table(), sites=self.sites, site=self.site, year=self.year, years=years,
                       columns=statistics.COLUMNS, organisation_count=len(statistics.ORGANISATION_COLUMNS))  # fmt: skip
        return context


class StatisticsXlsxView(StatisticsMixin, View):
    def get(self, request):
        table = self.table()
        response = HttpResponse(statistics.render_xlsx(table), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="disclosure-{self.site.pk}-{self.year}.xlsx"'
        return response


def summary_for(user, today: datetime.date | None = None) -> dict[str, int]:
    """Counts for the admin home panel: open, overdue and due-soon requests the user may see."""
    requests = access.requests_for_user(user)
    today = today or timezone.localdate()
    calendar = work_calendar()
    overdue = due_soon = 0
    for item in requests.filter(state__in=OPEN_STATES).prefetch_related("consultations"):
        item.judge_on(today, calendar)
        status = item.deadline()
        overdue += status.overdue
        due_soon += status.due_within(due_soon_days())
    return {"open": requests.filter(state__in=OPEN_STATES).count(), "overdue": overdue, "due_soon": due_soon}
