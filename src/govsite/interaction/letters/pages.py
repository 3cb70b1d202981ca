"""The channel page (市长信箱, 政务咨询, 投诉举报 …) and its public sub-pages.

<channel>/                 须知, 写信 button, query box and the public listing (来信选登)
<channel>/write/           the letter form
<channel>/receipt/         number and query code, once, after the letter is stored
<channel>/query/           progress and reply by number + query code; satisfaction rating
<channel>/letter/<number>/ one published letter
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from govsite.cluster.models import Department, profile_for_path
from govsite.core.forms import AutoSlugPageForm
from govsite.core.html import clean_rich_text
from govsite.core.slugs import AutoSlugMixin, column_slug_base
from govsite.indicators.inspection import ChannelKind

CHANNEL_KIND_CHOICES = [
    (ChannelKind.CONSULTATION.value, _("政务咨询类（领导信箱、政务咨询、建议）")),
    (ChannelKind.COMPLAINT.value, _("投诉举报")),
    (ChannelKind.PETITION.value, _("信访")),
    (ChannelKind.DISCIPLINE.value, _("纪检监察举报")),
]


class LetterChannelPageForm(AutoSlugPageForm):
    """Offers only the departments of the site the page belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("default_department")
        if field is None:
            return
        anchor = self.instance if self.instance.pk else self.parent_page
        profile = profile_for_path(anchor.path) if anchor is not None and anchor.path else None
        departments = Department.objects.filter(is_active=True)
        field.queryset = departments.filter(site=profile.site) if profile else departments.none()


class LetterChannelPage(AutoSlugMixin, RoutablePageMixin, Page):
    channel_kind = models.CharField(
        _("渠道类型"), max_length=20, choices=CHANNEL_KIND_CHOICES, default=ChannelKind.CONSULTATION.value,
        help_text=_("只有政务咨询类渠道的留言计入“超过3个月未回复”的单项否决"),
    )  # fmt: skip
    notice = RichTextField(_("写信须知"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    default_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("默认办理部门"), help_text=_("受理后默认交办的部门，可在交办时更改"),
    )  # fmt: skip
    publish_by_default = models.BooleanField(
        _("默认公开"), default=True, help_text=_("来信人同意公开时，审核答复默认勾选“在来信选登中公开”")
    )
    number_prefix = models.CharField(
        _("编号前缀"), max_length=6, blank=True, help_text=_("信件编号的字母前缀，留空取渠道名称拼音首字母")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("channel_kind"),
                FieldPanel("default_department"),
                FieldPanel("publish_by_default"),
                FieldPanel("number_prefix"),
            ],
            heading=_("渠道设置"),
        ),
        FieldPanel("notice"),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types: list[str] = []
    base_form_class = LetterChannelPageForm
    template = "letters/channel_page.html"

    class Meta:
        verbose_name = _("来信渠道")
        verbose_name_plural = _("来信渠道")

    @classmethod
    def slug_base(cls, title: str, date=None) -> str:
        return column_slug_base(title)

    def save(self, *args, **kwargs):
        self.notice = clean_rich_text(self.notice or "")
        return super().save(*args, **kwargs)

    @property
    def prefix(self) -> str:
        from govsite.interaction.letters.numbering import clean_prefix, prefix_for

        return clean_prefix(self.number_prefix) or prefix_for(self.title)

    # --- public sub-pages (the views live in public_views) -------------------------------------------
    @path("", name="index")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.letters import public_views

        return public_views.channel_index(self, request)

    @path("write/", name="write")
    def write_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.letters import public_views

        return public_views.write(self, request)

    @path("receipt/", name="receipt")
    def receipt_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.letters import public_views

        return public_views.receipt(self, request)

    @path("query/", name="query")
    def query_route(self, request: HttpRequest) -> HttpResponse:
        from govsite.interaction.letters import public_views

        return public_views.query(self, request)

    @path("letter/<str:number>/", name="letter")
    def letter_route(self, request: HttpRequest, number: str) -> HttpResponse:
        from govsite.interaction.letters import public_views

        return public_views.letter_detail(self, request, number)
