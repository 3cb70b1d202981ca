"""Which columns an editor should act on, per site the editor can work in (the admin dashboard)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.cluster.access import sites_for_user
from govsite.columns.evidence import column_statuses
from govsite.columns.models import ColumnPage
from govsite.indicators import ColumnState, ColumnStatus

ACTIONABLE = (ColumnState.OVERDUE, ColumnState.DUE_SOON, ColumnState.EMPTY)


@dataclass(frozen=True)
class ColumnAlert:
    column: ColumnPage
    status: ColumnStatus

    @property
    def days_overdue(self) -> int | None:
        days_left = self.status.days_left
        return -days_left if days_left is not None and days_left < 0 else None

    @property
    def sort_key(self) -> int:
        # Undated columns have no due date and are the most overdue of all.
        return self.status.days_left if self.status.days_left is not None else -(10**6)


@dataclass
class SiteAlerts:
    site: Site
    overdue: list[ColumnAlert] = field(default_factory=list)
    due_soon: list[ColumnAlert] = field(default_factory=list)
    empty: list[ColumnAlert] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.site.site_name or self.site.hostname

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.empty)


def alerts_for_user(user: AbstractBaseUser, today: datetime.date | None = None) -> list[SiteAlerts]:
    """Overdue, due-soon and empty columns the user may add items to, grouped by site."""
    policy = PagePermissionPolicy()
    result = []
    for site in sites_for_user(user, policy):
        alerts = SiteAlerts(site)
        for column, status in column_statuses(site, today):
            if status.state not in ACTIONABLE:
                continue
            if not user.is_superuser and not policy.user_has_permission_for_instance(user, "add", column):
                continue
            bucket = {
                ColumnState.OVERDUE: alerts.overdue,
                ColumnState.DUE_SOON: alerts.due_soon,
                ColumnState.EMPTY: alerts.empty,
            }[status.state]
            bucket.append(ColumnAlert(column, status))
        alerts.overdue.sort(key=lambda alert: alert.sort_key)
        alerts.due_soon.sort(key=lambda alert: alert.sort_key)
        result.append(alerts)
    return result
