"""Page types of a site: home page, article, policy document, interpretation."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govsite.cluster.models import profile_for_path
from govsite.cluster.validators import validate_document_number
from govsite.content.blocks import HOME_BLOCKS
from govsite.core.forms import AutoSlugPageForm
from govsite.core.html import clean_rich_text
from govsite.core.identifiers import parse_document_number
from govsite.core.slugs import AutoSlugMixin, item_slug_base
from govsite.editorial.forms import CorrectionPageForm
from govsite.editorial.panels import CorrectionPanel

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image"]


class HomePage(AutoSlugMixin, Page):
    """The root page of one site of the cluster."""

    base_form_class = AutoSlugPageForm

    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("首页区块"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["columns.ColumnPage", "columns.TopicPage"]

    class Meta:
        verbose_name = _("网站首页")
        verbose_name_plural = _("网站首页")


class ArticlePage(AutoSlugMixin, RoutablePageMixin, Page):
    """An item of a column: the base of every dated item type (policy documents and interpretations too)."""

    base_form_class = CorrectionPageForm  # the page form plus 更正说明 (govsite.editorial)

    date = models.DateField(_("发布日期"), default=timezone.localdate, db_index=True)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=50, blank=True)
    body = RichTextField(_("正文"), features=BODY_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [FieldPanel("date"), FieldPanel("source"), FieldPanel("author")], heading=_("基本信息")
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        CorrectionPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["columns.ColumnPage", "columns.TopicPage"]
    subpage_types: list[str] = []
    template = "content/article_page.html"

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    @classmethod
    def slug_base(cls, title: str, date: datetime.date | None) -> str:
        return item_slug_base(date)

    def save(self, *args, **kwargs):
        self.body = clean_rich_text(self.body or "")
        return super().save(*args, **kwargs)

    @property
    def column(self):
        return self.get_parent().specific

    @path("print/", name="print")
    def print_view(self, request: HttpRequest) -> TemplateResponse:
        context = self.get_context(request)
        context["print_view"] = True
        return TemplateResponse(request, "content/print_page.html", context)


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class Validity(models.TextChoices):
    VALID = "valid", _("现行有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class PolicyDocumentPage(ArticlePage):
    """政策文件 with the disclosure-catalogue metadata of SPEC §6."""

    index_no = models.CharField(
        _("索引号"), max_length=40, unique=True, blank=True, help_text=_("保存时按网站自动生成")
    )
    subject = models.CharField(_("主题分类"), max_length=100, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=100)
    written_date = models.DateField(_("成文日期"))
    doc_no = models.CharField(_("文号"), max_length=60, blank=True, validators=[validate_document_number])
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    keywords = models.CharField(_("主题词"), max_length=100, blank=True)
    replaces = ParentalManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by", verbose_name=_("替代文件")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_no", read_only=True), FieldPanel("subject")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("doc_no")]),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("date"), FieldPanel("validity")]),
                FieldPanel("keywords"),
                FieldPanel("replaces"),
            ],
            heading=_("信息公开元数据"),
        ),
        FieldRowPanel([FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        CorrectionPanel(),
    ]
    search_fields = [*ArticlePage.search_fields, index.SearchField("doc_no"), index.SearchField("keywords")]
    template = "content/policy_document_page.html"

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def clean(self) -> None:
        super().clean()
        if self.written_date and self.date and self.written_date > self.date:
            raise ValidationError({"written_date": _("成文日期不能晚于发布日期")})
        if self.doc_no and (parsed := parse_document_number(self.doc_no)):
            self.doc_no = str(parsed)  # store the standard 〔〕 form whatever brackets were typed

    def save(self, *args, **kwargs):
        if not self.index_no and self.path:
            self.index_no = next_index_no(self, self.date or datetime.date.today())
        return super().save(*args, **kwargs)

    def live_interpretations(self) -> models.QuerySet:
        return self.interpretations.live().order_by("-date")


def next_index_no(page: Page, date: datetime.date) -> str:
    """Next 索引号 of the page's site: <site code>/<year>-<5-digit sequence>, as gov.cn numbers its catalogue."""
    profile = profile_for_path(page.path)
    prefix = f"{profile.site_code if profile else 'site'}/{date.year}-"
    with transaction.atomic():
        last = (
            PolicyDocumentPage.objects.filter(index_no__startswith=prefix)
            .exclude(pk=page.pk)
            .order_by("-index_no")
            .values_list("index_no", flat=True)
            .first()
        )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


class InterpretationPage(ArticlePage):
    """政策解读: explains one policy document and links to it."""

    policy = models.ForeignKey(
        PolicyDocumentPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name=_("解读的文件"),
    )
    form = models.CharField(
        _("解读形式"), max_length=20, default="text",
        choices=[("text", _("文字解读")), ("graphic", _("图解")), ("video", _("视频解读")),
                 ("official", _("领导解读")), ("expert", _("专家解读"))],
    )  # fmt: skip

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("policy"), FieldPanel("form")], heading=_("解读对象")),
        FieldRowPanel([FieldPanel("date"), FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        CorrectionPanel(),
    ]
    template = "content/interpretation_page.html"

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
