"""Readable URL slugs for Chinese titles, which Django's slugify reduces to nothing.

Columns get pinyin initials as Chinese sites do (工作动态 → gzdt); items get a date stem (t20261120),
the TRS/Hanweb convention, so an item's address says when it was published.
"""

from __future__ import annotations

import datetime

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

MAX_SLUG = 60


def pinyin_initials(text: str) -> str:
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    return slugify("".join(letters))[:MAX_SLUG]


def column_slug_base(title: str) -> str:
    return pinyin_initials(title) or "column"


def item_slug_base(date: datetime.date | None) -> str:
    return f"t{(date or datetime.date.today()):%Y%m%d}"


def unique_child_slug(parent: Page, base: str, page: Page | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``… — the first slug free among ``parent``'s children."""
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .exclude(pk=getattr(page, "pk", None))
        .values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class AutoSlugMixin:
    """Fills an empty slug from the page's own fields, in the admin form and on programmatic saves."""

    @classmethod
    def slug_base(cls, title: str, date: datetime.date | None) -> str:
        return pinyin_initials(title) or "page"

    def _parent_for_slug(self) -> Page | None:
        if self.path:
            return self.get_parent()
        return getattr(self, "_cached_parent_obj", None)

    def full_clean(self, *args, **kwargs):
        if not self.slug and (parent := self._parent_for_slug()) is not None:
            self.slug = unique_child_slug(
                parent, self.slug_base(self.title, getattr(self, "date", None)), self
            )
        return super().full_clean(*args, **kwargs)
