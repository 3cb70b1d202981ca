"""Public side of the editorial app: an item's published correction notes (更正说明)."""

from django import template

from govsite.editorial.publication import public_corrections

register = template.Library()


@register.simple_tag
def correction_notes(page) -> list:
    """The item's published correction notes, oldest first (none for a page being previewed unsaved)."""
    if page is None or not getattr(page, "pk", None):
        return []
    return list(public_corrections(page))
