"""在线访谈 in the admin: the 互动交流 menu item, the console's URLs, buttons on interview pages, log actions."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from govsite.cluster.access import sites_for_user
from govsite.interaction.interviews import console
from govsite.interaction.interviews.access import can_manage
from govsite.interaction.interviews.models import InterviewPage


class InterviewsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return bool(sites_for_user(request.user))


@hooks.register("register_admin_urls")
def register_console_urls():
    return [
        path("interviews/", include((console.urlpatterns, "interviews_admin"), namespace="interviews_admin"))
    ]


@hooks.register("register_interaction_menu_item")
def register_interviews_menu_item():
    return InterviewsMenuItem(
        _("在线访谈"), reverse("interviews_admin:index"), name="interviews", icon_name="group", order=500
    )


def _console_button(page, user, priority: int):
    specific_class = page.specific_class
    if specific_class and issubclass(specific_class, InterviewPage) and can_manage(user, page):
        yield Button(
            _("直播控制台"), url=reverse("interviews_admin:console", args=[page.pk]), icon_name="group",
            priority=priority,
        )  # fmt: skip


@hooks.register("register_page_header_buttons")
def interview_header_button(page, user, view_name, next_url=None):
    yield from _console_button(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def interview_listing_button(page, user, next_url=None):
    yield from _console_button(page, user, priority=3)


@hooks.register("register_log_actions")
def register_interview_log_actions(actions):
    actions.register_action("interviews.start", _("开始直播"), _("开始了在线访谈的文字直播"))
    actions.register_action("interviews.finish", _("结束直播"), _("结束了在线访谈的文字直播"))
    actions.register_action("interviews.resume", _("恢复直播"), _("恢复了在线访谈的文字直播"))
    actions.register_action("interviews.withdraw", _("撤回直播内容"), _("撤回了一条直播内容"))
