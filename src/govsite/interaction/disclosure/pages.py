"""The public side of 依申请公开: one page per organ, under any column (usually 互动交流 or 政府信息公开).

Sub-URLs: the index (申请须知, the apply button and a query box), ``apply/`` (the form), ``receipt/`` (the
申请编号 and 查询码, shown once), ``query/`` (progress and answer) and ``query/documents/<id>/`` (an answer
document, for an applicant who has given the number and code in this browser session).
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from govsite.core.forms import AutoSlugPageForm
from govsite.core.html import clean_rich_text
from govsite.core.slugs import AutoSlugMixin

GUIDE_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class DisclosureRequestPage(AutoSlugMixin, RoutablePageMixin, Page):
    organ_name = models.CharField(
        _("机关名称"), max_length=100, help_text=_("受理申请并作出答复的行政机关，如“云川市人民政府办公室”")
    )
    guide = RichTextField(
        _("申请须知"), blank=True, features=GUIDE_FEATURES,
        help_text=_("申请范围、提交方式、答复期限、收费标准等；留空时显示标准须知"),
    )  # fmt: skip
    office_address = models.CharField(_("受理机构地址"), max_length=200, blank=True)
    office_phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("organ_name"),
        FieldPanel("guide"),
        MultiFieldPanel(
            [FieldPanel("office_address"), FieldPanel("office_phone"), FieldPanel("office_hours")],
            heading=_("受理机构"),
        ),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types: list[str] = []
    template = "disclosure/disclosure_request_page.html"
    base_form_class = AutoSlugPageForm

    class Meta:
        verbose_name = _("依申请公开")
        verbose_name_plural = _("依申请公开")

    def save(self, *args, **kwargs):
        self.guide = clean_rich_text(self.guide or "")
        return super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from govsite.interaction.disclosure.forms import QueryForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("query_form", QueryForm())
        return context

    # -- public routes (views.py does the work) ------------------------------------------------------
    @path("apply/")
    def apply(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.disclosure import views

        return views.apply(self, request)

    @path("receipt/")
    def receipt(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.disclosure import views

        return views.receipt(self, request)

    @path("query/")
    def query(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.disclosure import views

        return views.query(self, request)

    @path("query/<str:action>/")
    def query_action(self, request: HttpRequest, action: str) -> HttpResponse:
        from govsite.interaction.disclosure import views

        return views.query_action(self, request, action)

    @path("query/documents/<int:document_id>/")
    def document(self, request: HttpRequest, document_id: int) -> HttpResponse:
        from govsite.interaction.disclosure import views

        return views.document(self, request, document_id)
