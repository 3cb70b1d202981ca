"""The morning cadence digest: to each column's owners, their overdue, due-soon and empty columns.

A column's owners are the users whose groups hold an add or change permission on it or on a page above
it (the site's editors hold it on the site root). Superusers are not owners by being superusers: a
platform administrator would otherwise get every column of the cluster every day.

The states come from ``columns.evidence.column_statuses`` (the indicators' own rule, one query per site,
computed once per site however many owners it has); the digest only sorts them by owner. One digest per
user and day is recorded before it is sent, so the job can run as often as it likes.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Site

from govsite.columns.alerts import ACTIONABLE, ColumnAlert, SiteAlerts
from govsite.columns.evidence import column_statuses
from govsite.indicators import ColumnState, load_ruleset
from govsite.syndication.models import CadenceDigest

OWNER_PERMISSIONS = ("add_page", "change_page")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestRun:
    sent: int = 0
    already_sent: int = 0
    nothing_to_report: int = 0
    no_address: int = 0
    failed: int = 0


def owned_paths() -> dict[int, list[str]]:
    """User id → paths of the pages whose subtree the user owns (group add/change permissions)."""
    User = get_user_model()
    rows = GroupPagePermission.objects.filter(permission__codename__in=OWNER_PERMISSIONS).values_list(
        "group_id", "page__path"
    )
    paths_by_group: dict[int, set[str]] = defaultdict(set)
    for group_id, path in rows:
        paths_by_group[group_id].add(path)
    owners: dict[int, set[str]] = defaultdict(set)
    memberships = User.groups.through.objects.filter(group_id__in=paths_by_group, user__is_active=True)
    for user_id, group_id in memberships.values_list("user_id", "group_id"):
        owners[user_id] |= paths_by_group[group_id]
    return {user_id: sorted(paths) for user_id, paths in owners.items()}


class SiteStatuses:
    """Each site's actionable columns, computed once per site and day."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self._sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "site_name"))
        self._alerts: dict[int, list[ColumnAlert]] = {}

    def sites_under(self, paths: list[str]) -> list[Site]:
        return [
            site for site in self._sites
            if any(site.root_page.path.startswith(p) or p.startswith(site.root_page.path) for p in paths)
        ]  # fmt: skip

    def alerts(self, site: Site) -> list[ColumnAlert]:
        if site.pk not in self._alerts:
            self._alerts[site.pk] = [
                ColumnAlert(column, status)
                for column, status in column_statuses(site, self.today)
                if status.state in ACTIONABLE
            ]
        return self._alerts[site.pk]


def digest_for(user_paths: list[str], statuses: SiteStatuses) -> list[SiteAlerts]:
    """The owner's actionable columns by site (sites with none left out)."""
    result = []
    for site in statuses.sites_under(user_paths):
        alerts = SiteAlerts(site)
        for alert in statuses.alerts(site):
            if not any(alert.column.path.startswith(path) for path in user_paths):
                continue
            {
                ColumnState.OVERDUE: alerts.overdue,
                ColumnState.DUE_SOON: alerts.due_soon,
                ColumnState.EMPTY: alerts.empty,
            }[alert.status.state].append(alert)
        alerts.overdue.sort(key=lambda a: a.sort_key)
        alerts.due_soon.sort(key=lambda a: a.sort_key)
        if alerts.total:
            result.append(alerts)
    return result


def digest_for_user(user, today: datetime.date | None = None) -> list[SiteAlerts]:
    paths = owned_paths().get(user.pk, [])
    return digest_for(paths, SiteStatuses(today or timezone.localdate())) if paths else []


def send_digests(today: datetime.date | None = None) -> DigestRun:
    today = today or timezone.localdate()
    owners = owned_paths()
    statuses = SiteStatuses(today)
    users = get_user_model().objects.filter(pk__in=owners, is_active=True).order_by("pk")
    sent = already = nothing = no_address = failed = 0
    for user in users:
        if CadenceDigest.objects.filter(user=user, day=today).exists():
            already += 1
            continue
        site_alerts = digest_for(owners[user.pk], statuses)
        if not site_alerts:
            nothing += 1
            continue
        if not user.email:
            no_address += 1
            continue
        try:
            with transaction.atomic():
                CadenceDigest.objects.create(
                    user=user, day=today,
                    overdue=sum(len(a.overdue) for a in site_alerts),
                    due_soon=sum(len(a.due_soon) for a in site_alerts),
                    empty=sum(len(a.empty) for a in site_alerts),
                )  # fmt: skip
                message(user, site_alerts, today).send()
        except IntegrityError:
            already += 1  # another run recorded it a moment ago
            continue
        except (OSError, smtplib.SMTPException):
            # Not recorded (the transaction rolled back), so the next run tries again; the others go on.
            logger.exception("column digest to user %s not sent", user.pk)
            failed += 1
            continue
        sent += 1
    return DigestRun(sent, already, nothing, no_address, failed)


def message(user, site_alerts: list[SiteAlerts], today: datetime.date) -> EmailMessage:
    counts = {
        "overdue": sum(len(a.overdue) for a in site_alerts),
        "due_soon": sum(len(a.due_soon) for a in site_alerts),
        "empty": sum(len(a.empty) for a in site_alerts),
    }
    subject = _(
        "【栏目更新提醒】%(day)s 超期 %(overdue)d 个，%(soon)d天内到期 %(due_soon)d 个，空白 %(empty)d 个"
    ) % {"day": f"{today:%Y-%m-%d}", "soon": load_ruleset(settings.GOVSITE_RULESET).due_soon_days, **counts}
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    lines = [_("%(name)s：") % {"name": user.get_full_name() or user.get_username()}, ""]
    lines.append(_("您负责的以下栏目需要更新（按《政府网站与政务新媒体检查指标》的更新要求计算）："))
    for alerts in site_alerts:
        lines += ["", f"■ {alerts.name}"]
        for alert in alerts.overdue:
            overdue = alert.days_overdue
            lines.append(
                _("  [超期] %(title)s（%(kind)s，最近更新 %(last)s%(late)s）")
                % {
                    "title": alert.column.title,
                    "kind": alert.status.column.kind.label,
                    "last": alert.status.column.last_update or _("无日期"),
                    "late": _("，已超期 %(n)d 天") % {"n": overdue} if overdue else "",
                }
            )
        for alert in alerts.due_soon:
            lines.append(
                _("  [即将到期] %(title)s（%(kind)s，应在 %(due)s 前更新，剩 %(n)d 天）")
                % {
                    "title": alert.column.title,
                    "kind": alert.status.column.kind.label,
                    "due": alert.status.due,
                    "n": alert.status.days_left,
                }
            )
        for alert in alerts.empty:
            lines.append(
                _("  [空白] %(title)s（%(kind)s，尚无任何信息）")
                % {"title": alert.column.title, "kind": alert.status.column.kind.label}
            )
    lines += ["", _("处理入口：%(url)s") % {"url": base + reverse("syndication_digest:index")}]
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])
