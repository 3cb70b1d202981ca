"""Page types that must go through a review workflow, and the items whose withdrawal needs a reason.

A policy document (政策文件) is never published directly, whoever asks, superusers included: Wagtail
lets anyone with publish permission skip a workflow, so every admin path that publishes without one
(the editor's 发布, bulk publish, copying with 发布副本) is refused by the hooks in ``wagtail_hooks``.
The workflow's own publication (after 终审) and scheduled go-live of what it approved are not affected.

The types are a setting, ``GOVSITE_WORKFLOW_REQUIRED_PAGE_TYPES`` (default: policy documents).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from wagtail.models import Page

DEFAULT_WORKFLOW_REQUIRED = ("content.PolicyDocumentPage",)
ITEM_MODEL = "content.ArticlePage"  # the base of every dated item: withdrawals and corrections apply


def workflow_required_models() -> tuple[type[Page], ...]:
    labels = getattr(settings, "GOVSITE_WORKFLOW_REQUIRED_PAGE_TYPES", DEFAULT_WORKFLOW_REQUIRED)
    return tuple(apps.get_model(label) for label in labels)


def _page_class(page_or_class: Page | type[Page]) -> type[Page] | None:
    if isinstance(page_or_class, type):
        return page_or_class
    return page_or_class.specific_class


def requires_workflow(page_or_class: Page | type[Page]) -> bool:
    page_class = _page_class(page_or_class)
    return page_class is not None and issubclass(page_class, workflow_required_models())


def is_item(page_or_class: Page | type[Page]) -> bool:
    page_class = _page_class(page_or_class)
    return page_class is not None and issubclass(page_class, apps.get_model(ITEM_MODEL))


def workflow_required_within(page: Page, *, drafts_only: bool = False) -> bool:
    """Whether the page or any page below it is of a type that must go through a workflow."""
    pages = Page.objects.descendant_of(page, inclusive=True).type(*workflow_required_models())
    if drafts_only:
        pages = pages.not_live()
    return pages.exists()
