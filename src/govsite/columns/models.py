"""Columns (栏目): typed sections of a site whose kind sets the update cadence the indicators expect."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from govsite.core.forms import AutoSlugPageForm
from govsite.core.slugs import AutoSlugMixin, column_slug_base
from govsite.indicators import ColumnKind

COLUMN_KIND_CHOICES = [(kind.value, kind.label) for kind in ColumnKind]
ITEM_TYPES = ["content.ArticlePage", "content.PolicyDocumentPage", "content.InterpretationPage"]


class ColumnPage(AutoSlugMixin, Page):
    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=COLUMN_KIND_CHOICES, default=ColumnKind.NEWS
    )
    historical = models.BooleanField(
        _("历史栏目"),
        default=False,
        help_text=_("已结束的专题或栏目：保留供查阅，不再按更新周期考核"),
    )
    intro = RichTextField(_("栏目简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("historical")], heading=_("栏目属性")),
        FieldPanel("intro"),
    ]
    parent_page_types = ["content.HomePage", "columns.ColumnPage", "columns.TopicPage"]
    subpage_types = [*ITEM_TYPES, "columns.ColumnPage", "columns.TopicPage"]
    template = "columns/column_page.html"
    base_form_class = AutoSlugPageForm

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    @classmethod
    def slug_base(cls, title: str, date=None) -> str:
        return column_slug_base(title)

    @classmethod
    def clean_subpage_models(cls):
        """The listed types, plus any page type of another app that names a column as its parent.

        Interaction and service apps bring their own pages (领导信箱, 意见征集 …) that live in columns;
        they declare ``parent_page_types = ["columns.ColumnPage"]`` and need no change here.
        """
        if cls.__dict__.get("_columns_subpage_models") is None:
            from wagtail.models import get_page_models

            listed = list(super().clean_subpage_models())
            guests = [
                model for model in get_page_models()
                if model not in listed and "columns.ColumnPage" in (getattr(model, "parent_page_types", None) or [])
            ]  # fmt: skip
            cls._columns_subpage_models = listed + guests
        return cls._columns_subpage_models

    @property
    def column_kind(self) -> ColumnKind:
        return ColumnKind(self.kind)

    def items(self) -> models.QuerySet:
        """Published items of this column, newest first. A column that groups sub-columns (政务动态 over
        工作动态, 部门动态, …) lists theirs too, as readers and inspectors expect: otherwise its page would
        say 本栏目暂无信息 and a crawl would count it as an empty column."""
        from govsite.content.models import ArticlePage

        items = ArticlePage.objects.live()
        items = items.descendant_of(self) if self.subcolumns().exists() else items.child_of(self)
        return items.order_by("-date", "-pk")

    def last_update(self):
        return self.items().values_list("date", flat=True).first()

    def subcolumns(self) -> models.QuerySet:
        return ColumnPage.objects.live().child_of(self)

    def entry_pages(self) -> models.QuerySet:
        """Child pages that are neither items nor columns: another app's entries (领导信箱, 意见征集 …)."""
        from govsite.content.models import ArticlePage

        return Page.objects.live().child_of(self).not_type(ArticlePage, ColumnPage).specific()

    def paginated_items(self, request: HttpRequest) -> PaginatorPage:
        paginator = Paginator(self.items(), settings.GOVSITE_COLUMN_PAGE_SIZE)
        return paginator.get_page(request.GET.get("page"))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginated_items(request)
        context["subcolumns"] = self.subcolumns()
        context["entry_pages"] = self.entry_pages()
        return context


class TopicPage(ColumnPage):
    """专题专栏: a themed column with its own banner text; closed topics are marked historical."""

    summary = models.CharField(_("专题导语"), max_length=300, blank=True)
    start_date = models.DateField(_("开设日期"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("historical"), FieldPanel("start_date")], heading=_("专题属性")),
        FieldPanel("intro"),
    ]
    template = "columns/topic_page.html"

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")

    def save(self, *args, **kwargs):
        self.kind = ColumnKind.TOPIC
        return super().save(*args, **kwargs)
