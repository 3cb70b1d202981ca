"""Admin screens of 信息报送: send an item up, the upper site's inbox and decision, the sender's outcomes."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from govsite.content.models import ArticlePage
from govsite.syndication import access, submissions
from govsite.syndication.forms import AcceptForm, ReasonForm, SubmitForm
from govsite.syndication.models import Submission, SubmissionState


class SubmissionAccessMixin:
    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not access.may_use_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def crumbs(*items: tuple[str, str]) -> list[dict]:
    base = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": reverse("syndication_submissions:inbox"), "label": _("信息报送")},
    ]
    return base + [{"url": url, "label": label} for url, label in items]


class SubmitView(SubmissionAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """报送上级网站: one published item, with an optional note, to the parent site's inbox."""

    template_name = "syndication/admin/submit.html"
    header_icon = "upload"

    @cached_property
    def page(self) -> ArticlePage:
        page = get_object_or_404(ArticlePage, pk=self.kwargs["page_id"])
        if not submissions.may_submit(self.request.user, page):
            raise PermissionDenied
        return page

    def get_page_title(self):
        return _("报送上级网站")

    def get_breadcrumbs_items(self):
        return crumbs(("", _("报送")))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, upper=submissions.upper_site(self.page), form=form or SubmitForm())
        return context

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        form = SubmitForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            submission = submissions.submit(self.page, request.user, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("已报送至%(site)s。") % {"site": submission.to_site.site_name})
        return redirect("syndication_submissions:sent")


class SubmissionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"), choices=SubmissionState.choices, empty_label=gettext_lazy("全部")
    )

    class Meta:
        model = Submission
        fields = ["state"]


class InboxView(SubmissionAccessMixin, IndexView):
    """Submissions the user's sites received."""

    model = Submission
    any_permission_required = None
    permission_policy = None
    index_url_name = "syndication_submissions:inbox"
    index_results_url_name = "syndication_submissions:inbox_results"
    page_title = gettext_lazy("报送收件箱")
    header_icon = "download"
    filterset_class = SubmissionFilterSet
    search_fields = ["title"]
    is_searchable = True
    default_ordering = "-submitted_at"
    paginate_by = 30

    def get_base_queryset(self):
        return submissions.inbox_for(self.request.user)

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("标题"), get_url=self.detail_url),
            Column("from_site", label=_("报送网站"), accessor="from_site.site_name"),
            Column("to_site", label=_("接收网站"), accessor="to_site.site_name"),
            DateColumn("submitted_at", label=_("报送时间"), sort_key="submitted_at"),
            Column("state", label=_("状态"), accessor="get_state_display"),
        ]

    @staticmethod
    def detail_url(submission: Submission) -> str:
        return reverse("syndication_submissions:detail", args=[submission.pk])

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("我的报送"), url=reverse("syndication_submissions:sent"), icon_name="upload")]


def outcome_text(submission: Submission) -> str:
    if submission.state == SubmissionState.RETURNED:
        return _("退回：%(reason)s") % {"reason": submission.reason}
    if submission.state == SubmissionState.ACCEPTED and submission.column_id:
        return _("采用于“%(column)s”") % {"column": submission.column.title}
    return ""


class SentView(InboxView):
    """Submissions the user's sites sent, with the upper site's decision."""

    index_url_name = "syndication_submissions:sent"
    index_results_url_name = "syndication_submissions:sent_results"
    page_title = gettext_lazy("我的报送")
    header_icon = "upload"

    def get_base_queryset(self):
        return submissions.sent_by_sites_of(self.request.user).select_related("column", "published_page")

    @cached_property
    def columns(self):
        return [
            Column("title", label=_("标题")),
            Column("to_site", label=_("接收网站"), accessor="to_site.site_name"),
            DateColumn("submitted_at", label=_("报送时间"), sort_key="submitted_at"),
            Column("state", label=_("状态"), accessor="get_state_display"),
            Column("outcome", label=_("处理结果"), accessor=outcome_text),
            DateColumn("handled_at", label=_("处理时间")),
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("报送收件箱"), url=reverse("syndication_submissions:inbox"), icon_name="download")
        ]


class SubmissionDetailView(SubmissionAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "syndication/admin/submission_detail.html"
    header_icon = "download"

    @cached_property
    def submission(self) -> Submission:
        queryset = submissions.inbox_for(self.request.user).select_related("page", "column", "published_page")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.submission.title

    def get_breadcrumbs_items(self):
        return crumbs(("", self.submission.title[:30]))

    def get_context_data(self, accept_form=None, return_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission
        columns = submissions.target_columns(self.request.user, submission)
        context.update(
            submission=submission,
            original=submission.page.specific if submission.page_id else None,
            accept_form=accept_form or AcceptForm(columns=columns),
            return_form=return_form or ReasonForm(),
        )
        return context


class SubmissionActionView(SubmissionDetailView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        submission = self.submission
        try:
            if action == "accept":
                form = AcceptForm(request.POST, columns=submissions.target_columns(request.user, submission))
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(accept_form=form), status=400)
                page = submissions.accept(
                    submission,
                    request.user,
                    form.cleaned_data["column"],
                    publish=form.cleaned_data["publish"],
                )
                messages.success(
                    request, _("已采用，发布到“%(column)s”。") % {"column": page.get_parent().title}
                )
            elif action == "return":
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(return_form=form), status=400)
                submissions.return_to_sender(submission, request.user, form.cleaned_data["reason"])
                messages.success(request, _("已退回。"))
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("您没有在该栏目添加或发布信息的权限。"))
        return redirect("syndication_submissions:detail", pk=submission.pk)
