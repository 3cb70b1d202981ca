"""StreamField blocks of the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ColumnListBlock(blocks.StructBlock):
    """Shows the latest N items of a chosen column, with a 'more' link."""

    column = blocks.PageChooserBlock(label=_("栏目"), page_type=["columns.ColumnPage", "columns.TopicPage"])
    heading = blocks.CharBlock(label=_("显示标题"), required=False, help_text=_("留空则用栏目名称"))
    count = blocks.IntegerBlock(label=_("显示条数"), default=8, min_value=1, max_value=30)

    class Meta:
        label = _("栏目信息列表")
        icon = "list-ul"
        template = "content/blocks/column_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        column = value["column"]
        context["column"] = column.specific if column else None
        context["heading"] = value["heading"] or (column.title if column else "")
        context["entries"] = column.specific.items()[: value["count"]] if column else []
        return context


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("名称"))
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.URLBlock(label=_("外部链接"), required=False)

    class Meta:
        label = _("快捷入口")
        icon = "link"


class QuickLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"))
    links = blocks.ListBlock(QuickLinkBlock(), label=_("入口"))

    class Meta:
        label = _("快捷入口组")
        icon = "grip"
        template = "content/blocks/quick_links.html"


HOME_BLOCKS = [
    ("column_list", ColumnListBlock()),
    ("quick_links", QuickLinksBlock()),
    (
        "text",
        blocks.RichTextBlock(
            label=_("图文"),
            features=["bold", "italic", "link", "ol", "ul"],
            template="content/blocks/text.html",
        ),
    ),
]
