"""The site cluster: every Wagtail Site carries a profile with its place in the tree and its identity."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from govsite.cluster.validators import (
    validate_icp_number,
    validate_police_filing_number,
    validate_site_code,
)


class SiteLevel(models.TextChoices):
    STATE_DEPARTMENT = "state_department", _("国务院部门")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇")


class SiteKind(models.TextChoices):
    PORTAL = "portal", _("门户网站")
    DEPARTMENT = "department", _("部门网站")
    SUBSITE = "subsite", _("子站")


class SiteProfile(models.Model):
    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="profile", verbose_name=_("站点")
    )
    level = models.CharField(_("层级"), max_length=20, choices=SiteLevel.choices)
    kind = models.CharField(_("网站类型"), max_length=20, choices=SiteKind.choices, default=SiteKind.PORTAL)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级网站"),
    )
    site_code = models.CharField(
        _("网站标识码"), max_length=10, unique=True, validators=[validate_site_code],
        help_text=_("地方网站为10位数字，国务院部门网站为“bm”加8位数字"),
    )  # fmt: skip
    sponsor = models.CharField(_("主办单位"), max_length=100)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=40, blank=True, validators=[validate_icp_number])
    police_filing_number = models.CharField(
        _("公安机关备案号"), max_length=40, blank=True, validators=[validate_police_filing_number]
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("网站档案")
        verbose_name_plural = _("网站档案")
        ordering = ["sort_order", "site_code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.site.site_name or self.site.hostname

    @property
    def police_filing_code(self) -> str:
        """The 14 digits of the public-security filing number (the beian.gov.cn query key)."""
        return "".join(ch for ch in self.police_filing_number if ch.isdigit())

    def clean(self) -> None:
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("上级网站不能是本网站或其下级网站")})
            ancestor = ancestor.parent
        if self.kind == SiteKind.PORTAL and self.parent and self.parent.level == self.level:
            raise ValidationError({"level": _("门户网站的层级应低于其上级网站")})

    def ancestors(self) -> list[SiteProfile]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


def site_tree(profiles: list[SiteProfile]) -> list[tuple[SiteProfile, int]]:
    """Profiles in depth-first order with their depth, roots first, for the admin tree view."""
    children: dict[int | None, list[SiteProfile]] = {}
    known = {p.pk for p in profiles}
    for profile in profiles:
        parent_id = profile.parent_id if profile.parent_id in known else None
        children.setdefault(parent_id, []).append(profile)
    ordered: list[tuple[SiteProfile, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered


def profile_for_path(path: str) -> SiteProfile | None:
    """Profile of the innermost site whose root page is ``path`` or one of its ancestors.

    Works from the tree path alone, so a page being created (no URL path yet) can find its site.
    """
    from wagtail.models import Page

    prefixes = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    return (
        SiteProfile.objects.select_related("site")
        .filter(site__root_page__path__in=prefixes)
        .order_by("-site__root_page__depth")
        .first()
    )


class Department(models.Model):
    """A department of a site's government (办公室, 发改委, 教育局 …) that handles letters and requests.

    Members are the staff who may see and answer what is assigned to the department: interaction apps
    scope their admin lists by it (least privilege), and overdue lists are kept per department.
    """

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="departments", verbose_name=_("站点")
    )
    name = models.CharField(_("部门名称"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments", verbose_name=_("办理人员")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["site_id", "sort_order", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="department_unique_name_per_site")
        ]

    def __str__(self) -> str:
        return self.name
