from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from govsite.columns.alerts import alerts_for_user


class ColumnAlertsPanel(Component):
    """Admin home: per site, the columns that are overdue, due within days, or empty."""

    name = "column_alerts"
    template_name = "columns/admin/column_alerts_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"site_alerts": alerts_for_user(request.user), "heading": _("栏目更新提醒")}


@hooks.register("construct_homepage_panels")
def add_column_alerts_panel(request, panels):
    panels.insert(0, ColumnAlertsPanel())
