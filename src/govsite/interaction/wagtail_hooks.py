"""The admin's 互动交流 menu: each interaction app adds its items with the hook below."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

INTERACTION_MENU_HOOK = "register_interaction_menu_item"
interaction_menu = Menu(register_hook_name=INTERACTION_MENU_HOOK)


@hooks.register("register_admin_menu_item")
def register_interaction_menu():
    return SubmenuMenuItem(_("互动交流"), interaction_menu, icon_name="mail", name="interaction", order=260)
