"""依申请公开 in the admin: the inbox and statistics under 互动交流, permissions, and an admin-home panel."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from govsite.interaction.disclosure import access, admin_views
from govsite.interaction.wagtail_hooks import INTERACTION_MENU_HOOK


class InboxMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.can_use_inbox(request.user)


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return bool(access.can_use_inbox(request.user) and access.visible_sites(request.user))


class DisclosureViewSet(ViewSet):
    name = "disclosure"
    icon = "doc-full"
    menu_label = _("依申请公开")
    menu_hook = INTERACTION_MENU_HOOK
    menu_order = 200

    @cached_property
    def menu_item_class(self):
        return InboxMenuItem

    def get_urlpatterns(self):
        inbox = admin_views.InboxView
        return [
            path("", inbox.as_view(), name="index"),
            path("results/", inbox.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", admin_views.RequestDetailView.as_view(), name="detail"),
            path("<int:pk>/files/<str:which>/", admin_views.AttachmentView.as_view(), name="attachment"),
            path("documents/<int:pk>/", admin_views.DocumentView.as_view(), name="document"),
            path("statistics/", admin_views.StatisticsView.as_view(), name="statistics"),
            path("statistics.xlsx", admin_views.StatisticsXlsxView.as_view(), name="statistics_xlsx"),
        ]


@hooks.register("register_admin_viewset")
def register_disclosure_viewset():
    return DisclosureViewSet()


@hooks.register(INTERACTION_MENU_HOOK)
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("依申请公开年度统计"), reverse("disclosure:statistics"), icon_name="table", name="disclosure-statistics",
        order=201,
    )  # fmt: skip


@hooks.register("register_permissions")
def register_disclosure_permissions():
    """ "Can view" reads the requests of one's sites; "can change" also takes workflow steps."""
    return Permission.objects.filter(
        content_type__app_label="disclosure",
        codename__in=["view_disclosurerequest", "change_disclosurerequest"],
    )


class DisclosureSummaryPanel(Component):
    name = "disclosure_summary"
    template_name = "disclosure/admin/summary_panel.html"
    order = 70

    def __init__(self, summary: dict[str, int]) -> None:
        self.summary = summary

    def get_context_data(self, parent_context):
        return {"summary": self.summary, "index": reverse("disclosure:index")}


@hooks.register("construct_homepage_panels")
def add_disclosure_panel(request, panels):
    if access.can_use_inbox(request.user):
        summary = admin_views.summary_for(request.user)
        if summary["open"]:
            panels.append(DisclosureSummaryPanel(summary))
