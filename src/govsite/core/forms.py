from wagtail.admin.forms import WagtailAdminPageForm

from govsite.core.slugs import unique_child_slug


class AutoSlugPageForm(WagtailAdminPageForm):
    """Lets editors leave the slug empty: a Chinese title gives Django's slugify nothing to work with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "留空将自动生成（栏目取拼音首字母，文章取发布日期）"

    def clean(self):
        data = super().clean()
        if "slug" in self.fields and not data.get("slug") and data.get("title"):
            base = self.instance.slug_base(data["title"], data.get("date"))
            data["slug"] = unique_child_slug(self.parent_page, base, self.instance)
            self.instance.slug = data["slug"]
        return data
