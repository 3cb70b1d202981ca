"""How the editorial app plugs into the admin: its screens, the page buttons, and the publish guards."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from govsite.editorial import admin_urls, site_settings
from govsite.editorial.forms import CorrectionNoteForm
from govsite.editorial.guards import (
    is_item,
    requires_workflow,
    workflow_required_models,
    workflow_required_within,
)
from govsite.editorial.publication import save_correction
from govsite.editorial.views import can_view_accountability


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [path("editorial/", include((admin_urls.urlpatterns, "editorial"), namespace="editorial"))]


@hooks.register("register_settings_menu_item")
def register_site_settings_menu_item():
    return site_settings.menu_item()


# -- buttons on a page ------------------------------------------------------------------------------


class AccountabilityButton(PageMenuItem):
    label = gettext_lazy("发布责任记录")
    icon_name = "doc-full"
    url_name = "editorial:accountability"

    def is_shown(self, user) -> bool:
        return is_item(self.page) and can_view_accountability(user, self.page)


class WithdrawButton(PageMenuItem):
    label = gettext_lazy("撤稿")
    icon_name = "download"
    url_name = "editorial:withdraw"

    def is_shown(self, user) -> bool:
        return is_item(self.page) and self.page.permissions_for_user(user).can_unpublish()


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield AccountabilityButton(page=page, priority=66)
    yield WithdrawButton(page=page, priority=61)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield AccountabilityButton(page=page, priority=51)
    yield WithdrawButton(page=page, priority=41)


class WithdrawMenuItem(ActionMenuItem):
    """Takes the place of Wagtail's 取消发布 for items: a withdrawal needs a reason."""

    label = gettext_lazy("撤稿")
    name = "action-withdraw"
    icon_name = "download"

    def get_url(self, parent_context) -> str:
        return reverse("editorial:withdraw", args=[parent_context["page"].pk])


def _page_class_in_menu(request: HttpRequest, context: dict) -> type[Page] | None:
    if page := context.get("page"):
        return page.specific_class
    # The create view's menu knows only the parent: the new page's type is in the URL.
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    from django.contrib.contenttypes.models import ContentType

    try:
        content_type = ContentType.objects.get_by_natural_key(
            kwargs.get("content_type_app_name", ""), kwargs.get("content_type_model_name", "")
        )
    except ContentType.DoesNotExist:
        return None
    return content_type.model_class()


@hooks.register("construct_page_action_menu")
def adjust_action_menu(menu_items: list, request: HttpRequest, context: dict) -> None:
    page_class = _page_class_in_menu(request, context)
    if page_class is None:
        return
    if requires_workflow(page_class):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    if is_item(page_class):
        for index, item in enumerate(menu_items):
            if item.name == "action-unpublish":
                menu_items[index] = WithdrawMenuItem(order=item.order)


# -- guards ------------------------------------------------------------------------------------------


def _refuse(request: HttpRequest, message: str, fallback: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(get_valid_next_url_from_request(request) or fallback)


def _workflow_required_label() -> str:
    return "、".join(str(model._meta.verbose_name) for model in workflow_required_models())


@hooks.register("before_publish_page")
def guard_direct_publication(request: HttpRequest, page: Page):
    """A policy document is published only by its workflow; the edits are kept as a draft."""
    _save_correction_from(request, page)
    if not requires_workflow(page):
        return None
    if request.resolver_match and request.resolver_match.view_name == "wagtailadmin_pages:add":
        # The create view added the page as live before asking; it has never been published.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(
        request,
        _("%(types)s须经审核流程（初审、保密审查、终审）发布，不能直接发布。内容已保存为草稿，请提交审核。")
        % {"types": _workflow_required_label()},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def guard_bulk_actions(request: HttpRequest, action_type: str, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type == "publish":
        with_drafts_below = bool(request.POST.get("include_descendants"))
        if any(
            requires_workflow(page)
            or (with_drafts_below and workflow_required_within(page, drafts_only=True))
            for page in pages
        ):
            return _refuse(
                request,
                _("所选页面含%(types)s，须逐篇经审核流程发布，不能批量发布。")
                % {"types": _workflow_required_label()},
                reverse("wagtailadmin_explore_root"),
            )
    if action_type == "unpublish" and any(is_item(page) for page in pages):
        return _refuse(
            request, _("撤稿须逐篇填写理由，不能批量取消发布。"), reverse("wagtailadmin_explore_root")
        )
    return None


@hooks.register("before_copy_page")
def guard_copy_with_publication(request: HttpRequest, page: Page):
    if request.method == "POST" and request.POST.get("publish_copies") and workflow_required_within(page):
        return _refuse(
            request,
            _("复制的页面含%(types)s，副本须经审核流程发布：请取消“发布副本”后再复制。")
            % {"types": _workflow_required_label()},
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
        )
    return None


@hooks.register("before_unpublish_page")
def withdrawal_needs_a_reason(request: HttpRequest, page: Page):
    if is_item(page):
        messages.warning(request, _("撤稿须填写理由。"))
        return redirect("editorial:withdraw", page.pk)
    return None


# -- correction notes --------------------------------------------------------------------------------


@hooks.register("after_edit_page")
def save_correction_after_edit(request: HttpRequest, page: Page) -> None:
    _save_correction_from(request, page)


def _save_correction_from(request: HttpRequest, page: Page) -> None:
    """Store the 更正说明 fields of the item editor (validated by its form) with the edit just saved."""
    if request.method != "POST" or "correction_text" not in request.POST or not is_item(page):
        return
    if not (page.live or page.first_published_at or page.live_revision_id):
        return  # never published: nothing to correct publicly
    save_correction(page, CorrectionNoteForm(request.POST).note, request.user)
