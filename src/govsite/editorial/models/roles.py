"""Editorial roles: which Wagtail group holds which role in which site or column.

The permissions themselves are Wagtail's (``GroupPagePermission`` on the site's root page or on one
column); this table only remembers what each group was made for, so that setup can be rerun
(idempotent) and the review tasks can find a site's reviewers.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site


class Role(models.TextChoices):
    CONTRIBUTOR = "contributor", _("信息员")
    EDITOR = "editor", _("编辑")
    REVIEWER = "reviewer", _("审核")
    SITE_ADMIN = "site_admin", _("网站管理员")


class EditorialRole(models.Model):
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="editorial_role", verbose_name=_("用户组")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="editorial_roles", verbose_name=_("站点")
    )
    column = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="editorial_roles",
        verbose_name=_("栏目"),
        help_text=_("为空表示全站"),
    )

    class Meta:
        verbose_name = _("采编角色")
        verbose_name_plural = _("采编角色")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "role"],
                condition=models.Q(column__isnull=True),
                name="editorial_role_unique_per_site",
            ),
            models.UniqueConstraint(
                fields=["column", "role"],
                condition=models.Q(column__isnull=False),
                name="editorial_role_unique_per_column",
            ),
        ]

    def __str__(self) -> str:
        return self.group.name

    @property
    def scope_page(self) -> Page:
        """The page the group's permissions are granted on: the column, or the site's root."""
        return self.column or self.site.root_page
