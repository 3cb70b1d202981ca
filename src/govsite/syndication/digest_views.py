"""The admin view of the cadence digest: what today's e-mail says to the user, and when it was sent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from govsite.syndication import access
from govsite.syndication.digest import digest_for_user
from govsite.syndication.models import CadenceDigest


class DigestView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "syndication/admin/digest.html"
    header_icon = "date"
    page_title = gettext_lazy("栏目更新提醒")

    def dispatch(self, request, *args, **kwargs):
        if not access.may_use_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        user = self.request.user
        context.update(
            today=today,
            site_alerts=digest_for_user(user, today),
            sent=CadenceDigest.objects.filter(user=user).order_by("-day")[:14],
        )
        return context
