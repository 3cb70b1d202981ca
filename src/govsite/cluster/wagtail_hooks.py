from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.cluster.models import Department, SiteProfile
from govsite.cluster.views import SiteTreeView


class SiteProfileViewSet(ModelViewSet):
    model = SiteProfile
    icon = "site"
    menu_label = _("网站档案")
    add_to_settings_menu = True
    list_display = ["site", "level", "kind", "site_code", "sponsor", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["site_code", "sponsor", "site__site_name", "site__hostname"]
    form_fields = [
        "site", "level", "kind", "parent", "site_code", "sponsor", "organizer",
        "contact_phone", "contact_email", "contact_address", "icp_number", "police_filing_number", "sort_order",
    ]  # fmt: skip


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("部门")
    add_to_settings_menu = True
    list_display = ["name", "site", "phone", "is_active", "sort_order"]
    list_filter = ["site", "is_active"]
    search_fields = ["name"]
    form_fields = ["site", "name", "phone", "members", "is_active", "sort_order"]


@hooks.register("register_admin_viewset")
def register_departments():
    return DepartmentViewSet("departments")


@hooks.register("register_admin_viewset")
def register_site_profiles():
    return SiteProfileViewSet("site_profiles")


@hooks.register("register_admin_urls")
def register_site_tree_url():
    return [path("cluster/tree/", SiteTreeView.as_view(), name="cluster_site_tree")]


@hooks.register("register_admin_menu_item")
def register_site_tree_menu_item():
    return MenuItem(_("站群结构"), reverse("cluster_site_tree"), icon_name="site", order=150)
