"""栏目共建: a portal column that lists the items of chosen columns of its subsites, as they publish them."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from govsite.cluster.models import profile_for_path


def subsite_problem(host_path: str, column: Page) -> str:
    """Why ``column`` cannot feed a shared column at ``host_path`` ("" when it can): it must belong to
    a site below the host's site in the cluster tree."""
    host = profile_for_path(host_path)
    source = profile_for_path(column.path)
    if host is None or source is None:
        return str(_("栏目“%(title)s”不属于站群中的网站") % {"title": column.title})
    if host.pk not in {ancestor.pk for ancestor in source.ancestors()}:
        return str(
            _("栏目“%(title)s”属于%(site)s，不是本网站的下级网站")
            % {"title": column.title, "site": source.name}
        )
    return ""


class SharedColumnForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        host_path = self.instance.path or (self.parent_page.path if self.parent_page else "")
        formset = self.formsets.get("sources")
        if not host_path or formset is None or not formset.is_valid():
            return cleaned  # the formset's own errors are shown; its columns are checked once valid
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            column = data.get("column")
            if column is None or data.get("DELETE"):
                continue
            problem = subsite_problem(host_path, column)
            if problem:
                form.add_error("column", problem)
                self.add_error(None, problem)
        return cleaned


class SharedColumnPage(Page):
    """Lists, newest first, the published items of the chosen subsite columns; holds no items itself."""

    intro = RichTextField(_("栏目简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("sources", label=_("共建栏目"), min_num=1),
    ]
    parent_page_types = ["columns.ColumnPage", "content.HomePage"]
    subpage_types: list[str] = []
    template = "syndication/shared_column_page.html"
    base_form_class = SharedColumnForm

    class Meta:
        verbose_name = _("共建栏目")
        verbose_name_plural = _("共建栏目")

    def source_columns(self) -> list[Page]:
        return [source.column for source in self.sources.select_related("column") if source.column_id]

    def items(self) -> models.QuerySet:
        """Published, public items of the source columns and their sub-columns, newest first."""
        from govsite.content.models import ArticlePage

        columns = self.source_columns()
        if not columns:
            return ArticlePage.objects.none()
        within = reduce(or_, (Q(path__startswith=c.path, depth__gt=c.depth) for c in columns))
        return ArticlePage.objects.live().public().filter(within).order_by("-date", "-pk")

    def paginated_items(self, request: HttpRequest) -> PaginatorPage:
        paginator = Paginator(self.items(), settings.GOVSITE_COLUMN_PAGE_SIZE)
        return paginator.get_page(request.GET.get("page"))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginated_items(request)
        context["subcolumns"] = []
        context["entry_pages"] = []
        return context

    def clean(self) -> None:
        super().clean()
        if not self.path:
            return  # a page being created is checked by its form, which knows the parent
        problems = [p for p in (subsite_problem(self.path, c) for c in self.source_columns()) if p]
        if problems:
            raise ValidationError(problems)


class SharedColumnSource(Orderable):
    page = ParentalKey(SharedColumnPage, on_delete=models.CASCADE, related_name="sources")
    column = models.ForeignKey(
        "columns.ColumnPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("下级网站栏目")
    )

    panels = [PageChooserPanel("column", "columns.ColumnPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("共建栏目来源")
        verbose_name_plural = _("共建栏目来源")
