"""Admin screens of 转载: the subscriptions, the queue with its 24-hour clock, one-click repost, the report."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from govsite.syndication import access, reposting, timeliness
from govsite.syndication.forms import ReasonForm, RepostSourceForm
from govsite.syndication.models import RepostItem, RepostSource, RepostState
from govsite.syndication.polling import poll_source
from govsite.syndication.upstream import UpstreamError


class RepostAccessMixin:
    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not access.may_use_reposts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def crumbs(*items: tuple[str, str]) -> list[dict]:
    base = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": reverse("syndication_reposts:index"), "label": _("转载队列")},
    ]
    return base + [{"url": url, "label": label} for url, label in items]


# --- subscriptions ----------------------------------------------------------------------------------


class OwnSourcesMixin:
    """A subscription is seen and edited only by those who may add items to its column."""

    def get_queryset(self):
        return access.visible_sources(self.request.user).select_related("column", "upstream_column")

    def get_base_queryset(self):
        return self.get_queryset()


class SourceIndexView(OwnSourcesMixin, generic.IndexView):
    pass


class SourceEditView(OwnSourcesMixin, generic.EditView):
    pass


class SourceDeleteView(OwnSourcesMixin, generic.DeleteView):
    pass


def last_poll_text(source: RepostSource) -> str:
    if source.last_error:
        return _("出错：%(error)s") % {"error": source.last_error}
    return f"{timezone.localtime(source.last_polled_at):%Y-%m-%d %H:%M}" if source.last_polled_at else "—"


class RepostSourceViewSet(ModelViewSet):
    model = RepostSource
    form_class = RepostSourceForm
    icon = "rss"
    name = "syndication_sources"
    url_prefix = "syndication/sources"
    add_to_admin_menu = False
    index_view_class = SourceIndexView
    edit_view_class = SourceEditView
    delete_view_class = SourceDeleteView
    panels = [
        PageChooserPanel("column", "columns.ColumnPage"),
        FieldPanel("name"),
        FieldPanel("kind"),
        PageChooserPanel("upstream_column", "columns.ColumnPage"),
        FieldPanel("url"),
        FieldPanel("deadline_hours"),
        FieldPanel("since"),
        FieldPanel("active"),
    ]
    list_display = [
        "name",
        Column("column", label=gettext_lazy("转载到栏目"), accessor="column.title"),
        Column("kind", label=gettext_lazy("来源类型"), accessor="get_kind_display"),
        "deadline_hours",
        "active",
        Column("last_polled_at", label=gettext_lazy("最近检查"), accessor=last_poll_text),
    ]


class PollNowView(RepostAccessMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = get_object_or_404(access.visible_sources(request.user), pk=pk)
        try:
            count = poll_source(source)
        except UpstreamError as error:
            messages.error(
                request, _("无法读取“%(name)s”：%(error)s") % {"name": source.name, "error": error}
            )
        else:
            messages.success(
                request, _("“%(name)s”新增待转载 %(n)d 条。") % {"name": source.name, "n": count}
            )
        return redirect("syndication_reposts:index")


# --- the queue --------------------------------------------------------------------------------------

LATE_CHOICES = [("late", gettext_lazy("超时（已超时转载或超时未转载）")), ("on_time", gettext_lazy("未超时"))]


class RepostFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"), choices=RepostState.choices, empty_label=gettext_lazy("全部")
    )
    timeliness = django_filters.ChoiceFilter(
        label=gettext_lazy("时效"),
        choices=LATE_CHOICES,
        method="filter_late",
        empty_label=gettext_lazy("全部"),
    )
    source = django_filters.ModelChoiceFilter(
        label=gettext_lazy("订阅"), queryset=RepostSource.objects.none()
    )

    class Meta:
        model = RepostItem
        fields = ["state", "timeliness", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source"].queryset = access.visible_sources(self.request.user).select_related("column")

    def filter_late(self, queryset, name, value):
        late = queryset.late()
        if value == "late":
            return late
        return queryset.exclude(pk__in=late.values("pk")) if value == "on_time" else queryset


class ClockColumn(Column):
    """The 24-hour clock, marked when late."""

    cell_template_name = "syndication/admin/clock_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(text=timeliness.clock_text(instance), late=instance.is_late())
        return context


class ActionsColumn(Column):
    """One-click repost (published or draft) for a pending item; ignoring asks for a reason first."""

    cell_template_name = "syndication/admin/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


def published_text(item: RepostItem) -> str:
    moment = timezone.localtime(item.published_at)
    if item.precision == "date":
        return f"{moment:%Y-%m-%d}"
    text = f"{moment:%Y-%m-%d %H:%M}"
    return text if item.precision == "time" else _("%(time)s（发现时间）") % {"time": text}


class QueueView(RepostAccessMixin, IndexView):
    model = RepostItem
    any_permission_required = None
    permission_policy = None
    index_url_name = "syndication_reposts:index"
    index_results_url_name = "syndication_reposts:index_results"
    page_title = gettext_lazy("转载队列")
    header_icon = "rss"
    filterset_class = RepostFilterSet
    search_fields = ["title", "url"]
    is_searchable = True
    default_ordering = "-published_at"
    paginate_by = 30

    def get_base_queryset(self):
        return access.visible_items(self.request.user).select_related("source", "source__column", "page")

    def get_valid_orderings(self):
        return ["published_at", "-published_at", "due_at", "-due_at"]

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("标题"), get_url=self.detail_url),
            Column("source", label=_("来源"), accessor="source.name"),
            Column("column", label=_("转载到栏目"), accessor="source.column.title"),
            Column("published_at", label=_("上游发布"), accessor=published_text, sort_key="published_at"),
            ClockColumn("due_at", label=_("转载时限"), sort_key="due_at"),
            Column("state", label=_("状态"), accessor="get_state_display"),
            ActionsColumn("actions", label=_("操作")),
        ]

    @staticmethod
    def detail_url(item: RepostItem) -> str:
        return reverse("syndication_reposts:detail", args=[item.pk])

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("转载订阅"), url=reverse("syndication_sources:index"), icon_name="rss"),
            HeaderButton(_("转载时效"), url=reverse("syndication_reposts:report"), icon_name="time"),
        ]


class ItemDetailView(RepostAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "syndication/admin/repost_detail.html"
    header_icon = "rss"

    @cached_property
    def item(self) -> RepostItem:
        queryset = access.visible_items(self.request.user).select_related("source", "source__column", "page")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.item.title

    def get_breadcrumbs_items(self):
        return crumbs(("", self.item.title[:30]))

    def get_context_data(self, ignore_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item
        column = item.source.column
        context.update(
            item=item,
            clock=timeliness.clock_text(item),
            late=item.is_late(),
            published=published_text(item),
            may_publish=reposting.may_repost(self.request.user, column, publish=True),
            ignore_form=ignore_form or ReasonForm(),
        )
        return context


class ItemActionView(ItemDetailView):
    """POST 转载并发布 (publish), 转载为草稿 (draft) or 忽略 (ignore, with a reason)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        item = self.item
        try:
            if action in ("publish", "draft"):
                page = reposting.repost(item, request.user, publish=action == "publish")
                late = (
                    _("（已超过%(hours)d小时时限）") % {"hours": item.source.deadline_hours}
                    if item.is_late()
                    else ""
                )
                messages.success(
                    request, _("已转载《%(title)s》%(late)s。") % {"title": page.title, "late": late}
                )
            elif action == "ignore":
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(ignore_form=form), status=400)
                reposting.ignore(item, request.user, form.cleaned_data["reason"])
                messages.success(request, _("已忽略《%(title)s》。") % {"title": item.title})
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("您没有在该栏目添加或发布信息的权限。"))
        return redirect(safe_next(request) or reverse("syndication_reposts:index"))


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""


# --- the report -------------------------------------------------------------------------------------


class ReportView(RepostAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per subscription: reposted on time, late, ignored, waiting; and every late item, for a period of
    upstream publication (default: the last 30 days)."""

    template_name = "syndication/admin/repost_report.html"
    header_icon = "time"
    page_title = gettext_lazy("转载时效")

    def get_breadcrumbs_items(self):
        return crumbs(("", _("转载时效")))

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        try:
            start = datetime.date.fromisoformat(self.request.GET.get("start", ""))
        except ValueError:
            start = today - datetime.timedelta(days=30)
        try:
            end = datetime.date.fromisoformat(self.request.GET.get("end", ""))
        except ValueError:
            end = today
        return start, end

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.period()
        items = list(
            access.visible_items(self.request.user)
            .filter(
                published_at__gte=timeliness.start_of_day(start),
                published_at__lt=timeliness.start_of_day(end + datetime.timedelta(days=1)),
            )
            .select_related("source", "source__column", "handled_by")
            .order_by("published_at", "pk")
        )
        rows, late_items = timeliness.report(items)
        context.update(
            start=start,
            end=end,
            rows=rows,
            late_items=[(item, timeliness.clock_text(item), published_text(item)) for item in late_items],
        )
        return context
