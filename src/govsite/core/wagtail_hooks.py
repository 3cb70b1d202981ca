from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.core.models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("节假日安排")
    add_to_settings_menu = True
    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday"]
    form_fields = ["date", "is_workday", "name"]
    ordering = ["-date"]


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return CalendarDayViewSet("calendar_days")
