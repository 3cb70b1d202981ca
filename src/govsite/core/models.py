from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day of the official holiday schedule entered by an administrator: a new year's schedule once the
    State Council announces it (the library knows up to its own release), or a correction. Entering any
    day of a year makes that year's schedule known, so deadlines in it stop being provisional."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("调休上班"), default=False, help_text=_("勾选表示该日上班（调休），不勾选表示放假。")
    )
    name = models.CharField(_("节日名称"), max_length=40, blank=True, help_text=_("例如：春节、国庆节"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name or ''}{'（上班）' if self.is_workday else '（放假）'}"
