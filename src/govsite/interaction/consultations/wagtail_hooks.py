"""意见征集 in the admin: its screens under 互动交流, the admin-home panel, the short-period warning."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path, reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from govsite.cluster.access import sites_for_user
from govsite.interaction.admin_common import StaffMenuItem
from govsite.interaction.consultations import admin_views
from govsite.interaction.consultations.access import can_moderate, comments_for_user
from govsite.interaction.consultations.feedback import consultations_missing_feedback
from govsite.interaction.consultations.models import Comment, ConsultationPage, minimum_period_days
from govsite.interaction.wagtail_hooks import INTERACTION_MENU_HOOK


class ConsultationAdminViewSet(ViewSet):
    name = "consultations_admin"
    url_prefix = "consultations"
    icon = "comment"
    menu_label = gettext_lazy("意见征集")
    menu_order = 300
    menu_hook = INTERACTION_MENU_HOOK

    @cached_property
    def menu_item_class(self):
        return StaffMenuItem

    def get_urlpatterns(self):
        comments = admin_views.CommentIndexView
        return [
            path("", admin_views.ConsultationListView.as_view(), name="index"),
            path("<int:pk>/", admin_views.ConsultationDetailView.as_view(), name="detail"),
            path("<int:pk>/comments.xlsx", admin_views.CommentExportView.as_view(), name="export"),
            path("<int:pk>/offline/", admin_views.OfflineCommentView.as_view(), name="offline"),
            path("comments/", comments.as_view(), name="comments"),
            path("comments/results/", comments.as_view(results_only=True), name="comments_results"),
            path("comments/<int:pk>/", admin_views.CommentModerateView.as_view(), name="moderate"),
        ]


@hooks.register("register_admin_viewset")
def register_consultations_admin():
    return ConsultationAdminViewSet()


@hooks.register(INTERACTION_MENU_HOOK)
def register_comment_queue_menu_item():
    return StaffMenuItem(
        gettext_lazy("意见审核"), reverse_lazy("consultations_admin:comments") + "?status=pending",
        name="consultation-comments", icon_name="tasks", order=301,
    )  # fmt: skip


class ConsultationFeedbackPanel(Component):
    """Admin home: per site of the user, comments waiting for moderation and feedback past its period."""

    name = "consultation_feedback"
    template_name = "consultations/admin/home_panel.html"
    order = 120

    def __init__(self, sites: list[dict]) -> None:
        self.sites = sites

    def get_context_data(self, parent_context):
        return {
            "sites": self.sites,
            "heading": _("意见征集提醒"),
            "index_url": reverse("consultations_admin:index"),
        }


@hooks.register("construct_homepage_panels")
def add_consultation_feedback_panel(request, panels):
    if not can_moderate(request.user):
        return
    pending = comments_for_user(request.user).filter(status=Comment.Status.PENDING)
    rows = []
    for site in sites_for_user(request.user):
        missing = consultations_missing_feedback(site)
        waiting = pending.filter(consultation__path__startswith=site.root_page.path).count()
        if missing or waiting:
            rows.append({"site": site, "missing": missing, "pending": waiting})
    if rows:
        panels.append(ConsultationFeedbackPanel(rows))


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("consultations.approve_comment", _("通过意见"), _("审核通过了一条征集意见"))
    actions.register_action(
        "consultations.reject_comment", _("不予通过意见"), _("将一条征集意见设为不予通过")
    )
    actions.register_action("consultations.adoption", _("标注采纳情况"), _("标注了一条征集意见的采纳情况"))
    actions.register_action(
        "consultations.record_offline_comment", _("录入线下意见"), _("录入了一条线下收到的征集意见")
    )


def warn_if_period_short(request, page) -> None:
    page = page.specific
    if isinstance(page, ConsultationPage) and page.period_is_short:
        messages.warning(
            request,
            _(
                "“%(title)s”的征集期为 %(days).1f 天，少于一般要求的 %(minimum)d 天；如确需缩短，请在起草说明中说明理由。"
            )
            % {"title": page.title, "days": page.period_days, "minimum": minimum_period_days()},
        )


@hooks.register("after_create_page")
def warn_short_period_on_create(request, page):
    warn_if_period_short(request, page)


@hooks.register("after_edit_page")
def warn_short_period_on_edit(request, page):
    warn_if_period_short(request, page)
