"""Admin view of the cluster as a tree of sites with their identity and column health."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from govsite.cluster.models import SiteProfile, site_tree


class SiteTreeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cluster/admin/site_tree.html"
    page_title = _("站群结构")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profiles = list(SiteProfile.objects.select_related("site", "site__root_page", "parent"))
        context["rows"] = site_tree(profiles)
        return context
