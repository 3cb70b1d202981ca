"""The letters app in the admin: the inbox under 互动交流, its screens, permissions and the home panel."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from govsite.interaction.letters import access, admin_views, alerts, report_views
from govsite.interaction.wagtail_hooks import INTERACTION_MENU_HOOK


class LettersViewSet(ViewSet):
    name = "letters"
    icon = "mail"

    def get_urlpatterns(self):
        return [
            path("", admin_views.InboxView.as_view(), name="index"),
            path("results/", admin_views.InboxView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", admin_views.LetterDetailView.as_view(), name="detail"),
            path("<int:pk>/act/<str:action>/", admin_views.LetterActionView.as_view(), name="action"),
            path("<int:pk>/attachment/", admin_views.AttachmentView.as_view(), name="attachment"),
            path("report/", report_views.ReportView.as_view(), name="report"),
            path("report.xlsx", report_views.ReportXlsxView.as_view(), name="report_xlsx"),
            path("overdue/", report_views.OverdueView.as_view(), name="overdue"),
        ]


@hooks.register("register_admin_viewset")
def register_letters_viewset():
    return LettersViewSet()


class LettersMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.may_use_letters(request.user)


@hooks.register(INTERACTION_MENU_HOOK)
def register_letters_menu_item():
    return LettersMenuItem(
        _("来信办理"), reverse("letters:index"), icon_name="mail", name="letters", order=100
    )


@hooks.register("register_permissions")
def register_letter_permissions():
    """Assessing/assigning and reviewing are granted per group (设置 → 用户组)."""
    return Permission.objects.filter(
        content_type__app_label="letters", codename__in=["dispatch_letter", "review_reply"]
    )


class LetterAlertsPanel(Component):
    """Admin home: per site, letters overdue, due within 2 working days, and consultation letters
    unanswered for more than 2 months (the veto line is 3)."""

    name = "letter_alerts"
    template_name = "letters/admin/alerts_panel.html"
    order = 55

    def __init__(self, site_alerts: list[alerts.SiteLetterAlerts]) -> None:
        self.site_alerts = site_alerts

    def get_context_data(self, parent_context):
        return {"site_alerts": self.site_alerts, "heading": _("来信办理提醒"), "shown": alerts.SHOWN}


@hooks.register("construct_homepage_panels")
def add_letter_alerts_panel(request, panels):
    if not access.may_use_letters(request.user):
        return
    panels.append(LetterAlertsPanel(alerts.alerts_for_user(request.user)))
