"""Polling the subscriptions: new upstream items enter the repost queue once (unique per source and URL),
so polling as often as the beat likes, or twice at once, queues nothing twice."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from govsite.supervision.crawler.limits import CrawlLimits
from govsite.syndication import timeliness
from govsite.syndication.models import RepostItem, RepostSource, TimePrecision
from govsite.syndication.upstream import UpstreamError, UpstreamItem, read_source

logger = logging.getLogger(__name__)


@dataclass
class PollRun:
    sources: int = 0
    queued: int = 0
    failed: list[str] = field(default_factory=list)


def poll_all(*, limits: CrawlLimits | None = None) -> PollRun:
    run = PollRun()
    for source in RepostSource.objects.filter(active=True).select_related("column", "upstream_column"):
        run.sources += 1
        try:
            run.queued += poll_source(source, limits=limits)
        except UpstreamError as error:
            run.failed.append(f"{source}: {error}")
    return run


def poll_source(source: RepostSource, *, limits: CrawlLimits | None = None) -> int:
    """Queue the source's new items; returns how many. A source that cannot be read keeps its error in
    ``last_error`` (shown in the admin) and raises UpstreamError."""
    now = timezone.now()
    try:
        upstream = read_source(source, limits=limits)
    except UpstreamError as error:
        source.last_polled_at, source.last_error = now, str(error)[:300]
        source.save(update_fields=["last_polled_at", "last_error"])
        logger.warning("repost source %s unreadable: %s", source.pk, error)
        raise
    fresh = [item for item in upstream if _after_start(item, source.since)]
    known = set(source.items.filter(url__in=[item.url for item in fresh]).values_list("url", flat=True))
    new = {item.url: item for item in fresh if item.url not in known}  # a feed may list a URL twice
    RepostItem.objects.bulk_create(
        [_queued(source, item, now) for item in new.values()], ignore_conflicts=True
    )  # a concurrent poll that stored the same item first wins; the constraint keeps one
    source.last_polled_at, source.last_error = now, ""
    source.save(update_fields=["last_polled_at", "last_error"])
    return len(new)


def _after_start(item: UpstreamItem, since: datetime.datetime) -> bool:
    if item.precision == TimePrecision.DATE:
        return timezone.localtime(item.published_at).date() >= timezone.localtime(since).date()
    if item.precision == TimePrecision.FOUND:
        return True  # undated: first seen now, which is after any start
    return item.published_at >= since


def _queued(source: RepostSource, item: UpstreamItem, now: datetime.datetime) -> RepostItem:
    return RepostItem(
        source=source,
        title=item.title,
        url=item.url,
        upstream_page_id=item.upstream_page_id,
        summary=item.summary,
        published_at=item.published_at,
        precision=item.precision,
        due_at=timeliness.due_at(item.published_at, item.precision, source.deadline_hours),
        found_at=now,
    )
