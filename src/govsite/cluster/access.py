"""Which sites and departments a member of staff may work in (least privilege per site).

A page-permission grant on a site's root or on one of its columns gives access to that site; a grant
above a site's root reaches every site below it. Department membership gives access to the department's
own work (letters, requests) without any page permission.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.cluster.models import Department


def sites_for_user(user: AbstractBaseUser, policy: PagePermissionPolicy | None = None) -> list[Site]:
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "site_name"))
    if user.is_superuser:
        return sites
    if not user.is_authenticated:
        return []
    policy = policy or PagePermissionPolicy()
    granted = [perm.page for perm in policy.get_cached_permissions_for_user(user)]
    return [
        site for site in sites
        if any(page.path.startswith(site.root_page.path) or site.root_page.path.startswith(page.path)
               for page in granted)
    ]  # fmt: skip


def departments_for_user(user: AbstractBaseUser) -> QuerySet[Department]:
    """Departments whose work the user may see: all of their sites' departments, plus their own."""
    departments = Department.objects.select_related("site")
    if user.is_superuser:
        return departments
    if not user.is_authenticated:
        return departments.none()
    site_ids = [site.pk for site in sites_for_user(user)]
    return departments.filter(site_id__in=site_ids) | departments.filter(members=user)
