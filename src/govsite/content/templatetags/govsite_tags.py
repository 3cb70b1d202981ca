from django import template
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage

register = template.Library()


def _site_root(context) -> Page | None:
    request = context.get("request")
    if request is None:
        return None
    if "_govsite_root" not in context.render_context:
        site = Site.find_for_request(request)
        context.render_context["_govsite_root"] = site.root_page if site else None
    return context.render_context["_govsite_root"]


@register.simple_tag(takes_context=True)
def site_root(context) -> Page | None:
    return _site_root(context)


@register.simple_tag(takes_context=True)
def site_navigation(context) -> list[ColumnPage]:
    """Top-level columns of the current site, in the editors' order."""
    root = _site_root(context)
    if root is None:
        return []
    return list(ColumnPage.objects.live().in_menu().child_of(root).order_by("path"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page: Page) -> list[Page]:
    """Ancestors of ``page`` from the site's home page down, the page itself excluded."""
    root = _site_root(context)
    if root is None:
        return []
    return list(page.get_ancestors().filter(depth__gte=root.depth))


@register.simple_tag(takes_context=True)
def is_active_column(context, column: Page, page: object) -> bool:
    # Views that are not pages (search) have no ``page`` in their context: the template engine passes "".
    path = getattr(page, "path", None)
    return path is not None and path.startswith(column.path)
