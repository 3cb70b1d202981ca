"""The app in the admin: a 内容保障 menu (转载队列, 转载订阅, 报送收件箱, 我的报送, 栏目更新提醒), its screens,
and a 报送上级 button on published items of sites that have a parent site."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button

from govsite.content.models import ArticlePage
from govsite.syndication import access, digest_views, repost_views, submission_views, submissions

MENU_HOOK = "register_syndication_menu_item"
syndication_menu = Menu(register_hook_name=MENU_HOOK)
source_viewset = repost_views.RepostSourceViewSet()


class RepostViewSet(ViewSet):
    name = "syndication_reposts"
    url_prefix = "syndication/reposts"
    icon = "rss"

    def get_urlpatterns(self):
        return [
            path("", repost_views.QueueView.as_view(), name="index"),
            path("results/", repost_views.QueueView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", repost_views.ItemDetailView.as_view(), name="detail"),
            path("<int:pk>/act/<str:action>/", repost_views.ItemActionView.as_view(), name="action"),
            path("sources/<int:pk>/poll/", repost_views.PollNowView.as_view(), name="poll"),
            path("report/", repost_views.ReportView.as_view(), name="report"),
        ]


class SubmissionViewSet(ViewSet):
    name = "syndication_submissions"
    url_prefix = "syndication/submissions"
    icon = "download"

    def get_urlpatterns(self):
        return [
            path("", submission_views.InboxView.as_view(), name="inbox"),
            path("results/", submission_views.InboxView.as_view(results_only=True), name="inbox_results"),
            path("sent/", submission_views.SentView.as_view(), name="sent"),
            path("sent/results/", submission_views.SentView.as_view(results_only=True), name="sent_results"),
            path("<int:pk>/", submission_views.SubmissionDetailView.as_view(), name="detail"),
            path(
                "<int:pk>/act/<str:action>/", submission_views.SubmissionActionView.as_view(), name="action"
            ),
            path("submit/<int:page_id>/", submission_views.SubmitView.as_view(), name="submit"),
        ]


class DigestViewSet(ViewSet):
    name = "syndication_digest"
    url_prefix = "syndication/digest"
    icon = "date"

    def get_urlpatterns(self):
        return [path("", digest_views.DigestView.as_view(), name="index")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [source_viewset, RepostViewSet(), SubmissionViewSet(), DigestViewSet()]


@hooks.register("register_admin_menu_item")
def register_syndication_menu():
    return SubmenuMenuItem(_("内容保障"), syndication_menu, icon_name="rss", name="syndication", order=250)


class ShownIf(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request) -> bool:
        return self.check(request.user)


def _may_manage_sources(user) -> bool:
    return source_viewset.permission_policy.user_has_any_permission(user, ["add", "change", "delete"])


@hooks.register(MENU_HOOK)
def queue_menu_item():
    return ShownIf(_("转载队列"), reverse("syndication_reposts:index"), icon_name="rss", name="reposts",
                   order=100, check=access.may_use_reposts)  # fmt: skip


@hooks.register(MENU_HOOK)
def sources_menu_item():
    return ShownIf(_("转载订阅"), reverse("syndication_sources:index"), icon_name="link", name="repost-sources",
                   order=110, check=_may_manage_sources)  # fmt: skip


@hooks.register(MENU_HOOK)
def inbox_menu_item():
    return ShownIf(_("报送收件箱"), reverse("syndication_submissions:inbox"), icon_name="download",
                   name="submission-inbox", order=200, check=access.may_use_submissions)  # fmt: skip


@hooks.register(MENU_HOOK)
def sent_menu_item():
    return ShownIf(_("我的报送"), reverse("syndication_submissions:sent"), icon_name="upload",
                   name="submission-sent", order=210, check=access.may_use_submissions)  # fmt: skip


@hooks.register(MENU_HOOK)
def digest_menu_item():
    return ShownIf(_("栏目更新提醒"), reverse("syndication_digest:index"), icon_name="date",
                   name="cadence-digest", order=300, check=access.may_use_admin)  # fmt: skip


@hooks.register("register_permissions")
def register_source_permissions():
    return Permission.objects.filter(
        content_type__app_label="syndication",
        codename__in=["add_repostsource", "change_repostsource", "delete_repostsource"],
    )


def _submit_button(page, user, priority: int) -> list[Button]:
    # Cheap checks only: the listing asks for every row. The view checks the site's parent.
    if not page.live or not issubclass(page.specific_class or object, ArticlePage):
        return []
    if not submissions.may_submit(user, page):
        return []
    url = reverse("syndication_submissions:submit", args=[page.pk])
    return [Button(_("报送上级"), url, icon_name="upload", priority=priority)]


@hooks.register("register_page_header_buttons")
def page_header_submit_button(page, user, next_url=None, view_name=None):
    return _submit_button(page, user, priority=60)


@hooks.register("register_page_listing_more_buttons")
def page_listing_submit_button(page, user, next_url=None):
    return _submit_button(page, user, priority=60)
