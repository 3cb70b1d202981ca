"""本站设置: a 网站管理员 keeps their own site's identity and contacts (主办单位, 联系方式, 备案号) up to date.

The cluster's 网站档案 screen works with Django's model permissions, which reach every site at once; this
screen lets a site admin edit the one profile of each site they administer, and nothing structural
(level, parent site, 网站标识码 stay with the platform's administrators).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, UpdateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Site

from govsite.cluster.models import SiteProfile
from govsite.editorial.models import EditorialRole, Role

EDITABLE_FIELDS = [
    "sponsor", "organizer", "contact_phone", "contact_email", "contact_address", "icp_number",
    "police_filing_number",
]  # fmt: skip


def administered_sites(user: AbstractBaseUser) -> list[Site]:
    if not (user.is_authenticated and user.is_active):
        return []
    sites = Site.objects.filter(profile__isnull=False).order_by("hostname")
    if not user.is_superuser:
        roles = EditorialRole.objects.filter(group__user=user, role=Role.SITE_ADMIN, column=None)
        sites = sites.filter(pk__in=roles.values("site_id"))
    return list(sites)


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteProfile
        fields = EDITABLE_FIELDS


class SiteSettingsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/admin/site_settings_index.html"
    page_title = gettext_lazy("本站设置")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        self.sites = administered_sites(request.user)
        if not self.sites:
            raise PermissionDenied
        if len(self.sites) == 1:
            return redirect("editorial:site_settings", self.sites[0].pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "sites": self.sites}


class SiteSettingsView(WagtailAdminTemplateMixin, UpdateView):
    template_name = "editorial/admin/site_settings.html"
    page_title = gettext_lazy("本站设置")
    header_icon = "cogs"
    form_class = SiteSettingsForm

    def get_object(self, queryset=None) -> SiteProfile:
        site_id = self.kwargs["site_id"]
        if site_id not in {site.pk for site in administered_sites(self.request.user)}:
            raise PermissionDenied
        return get_object_or_404(SiteProfile.objects.select_related("site"), site_id=site_id)

    def get_page_subtitle(self) -> str:
        return self.object.name

    def form_valid(self, form: SiteSettingsForm):
        form.save()
        messages.success(self.request, _("“%(site)s”的网站设置已保存。") % {"site": self.object.name})
        return redirect("editorial:site_settings", self.object.site_id)


class SiteSettingsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        # Platform administrators have 网站档案; this is for each site's own administrators.
        return not request.user.is_superuser and bool(administered_sites(request.user))


def menu_item() -> MenuItem:
    return SiteSettingsMenuItem(
        gettext_lazy("本站设置"), reverse("editorial:site_settings_index"), icon_name="cogs", order=110
    )
