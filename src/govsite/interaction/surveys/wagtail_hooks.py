"""网上调查 in the admin: its screens under 互动交流."""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from govsite.interaction.admin_common import StaffMenuItem
from govsite.interaction.surveys import admin_views
from govsite.interaction.wagtail_hooks import INTERACTION_MENU_HOOK


class SurveyAdminViewSet(ViewSet):
    name = "surveys_admin"
    url_prefix = "surveys"
    icon = "list-ol"
    menu_label = gettext_lazy("网上调查")
    menu_order = 310
    menu_hook = INTERACTION_MENU_HOOK

    @cached_property
    def menu_item_class(self):
        return StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.SurveyListView.as_view(), name="index"),
            path("<int:pk>/", admin_views.SurveyResultsView.as_view(), name="results"),
            path("<int:pk>/responses.xlsx", admin_views.SurveyExportView.as_view(), name="export"),
        ]


@hooks.register("register_admin_viewset")
def register_surveys_admin():
    return SurveyAdminViewSet()
