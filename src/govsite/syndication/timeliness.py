"""The repost clock: from upstream publication, ``deadline_hours`` (24 for State Council key information).

Where only the publication day is known (crawled lists, feeds without times), the clock starts at the
end of that day: the latest moment the item can have appeared, so no repost is called late that may
not have been. Inspectors compare the dates the two pages show, and a repost dated the next day passes.
Where nothing is known, the clock starts when the poller first saw the item.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.syndication.models import RepostItem, RepostState, TimePrecision


def clock_start(published_at: datetime.datetime, precision: str) -> datetime.datetime:
    if precision == TimePrecision.DATE:
        day = timezone.localtime(published_at).date() + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return published_at


def due_at(published_at: datetime.datetime, precision: str, hours: int) -> datetime.datetime:
    return clock_start(published_at, precision) + datetime.timedelta(hours=hours)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def clock_text(item: RepostItem, now: datetime.datetime | None = None) -> str:
    """What the queue shows about the clock: hours left, hours late, or how long the repost took."""
    now = now or timezone.now()
    if item.state == RepostState.IGNORED:
        return ""
    if item.state == RepostState.REPOSTED and item.handled_at is not None:
        took = _hours(item.handled_at - clock_start(item.published_at, item.precision))
        if item.is_late():
            return _("超时转载（用时 %(hours)s 小时）") % {"hours": took}
        return _("按时转载（用时 %(hours)s 小时）") % {"hours": took}
    left = item.due_at - now
    if left.total_seconds() < 0:
        return _("已超时 %(hours)s 小时") % {"hours": _hours(-left)}
    return _("剩余 %(hours)s 小时") % {"hours": _hours(left)}


def _hours(span: datetime.timedelta) -> str:
    hours = max(span.total_seconds(), 0) / 3600
    return f"{hours:.0f}" if hours >= 10 else f"{hours:.1f}"


@dataclass
class ColumnTimeliness:
    """One subscription's record over a period, for the report."""

    source_id: int
    site: str
    column: str
    source: str
    deadline_hours: int
    reposted: int = 0
    on_time: int = 0
    late: int = 0
    ignored: int = 0
    pending: int = 0
    overdue: int = 0  # pending past the deadline

    @property
    def late_total(self) -> int:
        return self.late + self.overdue


def report(
    items: list[RepostItem], now: datetime.datetime | None = None
) -> tuple[list[ColumnTimeliness], list[RepostItem]]:
    """Per subscription counts, and every late item (reposted late, or still waiting past the deadline)."""
    now = now or timezone.now()
    rows: dict[int, ColumnTimeliness] = {}
    late_items: list[RepostItem] = []
    for item in items:
        source = item.source
        row = rows.get(source.pk)
        if row is None:
            site = source.column.get_site()
            row = rows[source.pk] = ColumnTimeliness(
                source.pk,
                site.site_name if site else "",
                source.column.title,
                source.name,
                source.deadline_hours,
            )
        late = item.is_late(now)
        if item.state == RepostState.REPOSTED:
            row.reposted += 1
            row.late += late
            row.on_time += not late
        elif item.state == RepostState.IGNORED:
            row.ignored += 1
        else:
            row.pending += 1
            row.overdue += late
        if late:
            late_items.append(item)
    return sorted(rows.values(), key=lambda r: (r.site, r.column, r.source)), late_items
