"""Who sees which part of the app: editors see the queues of the columns they can add items to."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.cluster.access import sites_for_user
from govsite.columns.models import ColumnPage
from govsite.syndication.models import RepostItem, RepostSource


def may_use_admin(user) -> bool:
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def columns_for(user) -> QuerySet[ColumnPage]:
    """Columns the user may add items to."""
    columns = ColumnPage.objects.all()
    if user.is_superuser:
        return columns
    allowed = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return columns.filter(pk__in=allowed.values("pk"))


def visible_sources(user) -> QuerySet[RepostSource]:
    return RepostSource.objects.filter(column__in=columns_for(user).values("pk"))


def visible_items(user) -> QuerySet[RepostItem]:
    return RepostItem.objects.filter(source__column__in=columns_for(user).values("pk"))


def may_use_reposts(user) -> bool:
    return may_use_admin(user) and (user.is_superuser or visible_sources(user).exists())


def may_use_submissions(user) -> bool:
    return may_use_admin(user) and bool(sites_for_user(user))
