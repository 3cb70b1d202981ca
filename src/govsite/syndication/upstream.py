"""Reading an upstream source into items: a column of this platform, an RSS/Atom feed, a crawled list page.

Remote sources are fetched with the inspector's bounded fetch (15 s for the whole fetch, 5 MB after
decompression, 5 redirects), never with feedparser's own unbounded urllib client. Feeds are parsed by
feedparser, list pages by the extractor the inspector uses to find a column's items.
"""

from __future__ import annotations

import asyncio
import calendar
import datetime
import io
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import feedparser
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.supervision.crawler.fetch import FetchResult, fetch, make_session
from govsite.supervision.crawler.limits import CrawlLimits
from govsite.supervision.extract.lists import ItemList, find_item_lists
from govsite.syndication.models import RepostSource, SourceKind, TimePrecision

FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
        "application/xml", "text/xml", "text/plain", "text/html", "",
    }
)  # fmt: skip
MAX_ITEMS = 100  # per poll and source: a first poll of a long archive queues no more than this
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


class UpstreamError(Exception):
    """The source could not be read; the message is Chinese, for the subscription's status."""


@dataclass(frozen=True)
class UpstreamItem:
    title: str
    url: str
    published_at: datetime.datetime
    precision: str = TimePrecision.TIME
    summary: str = ""
    upstream_page_id: int | None = None


def read_source(source: RepostSource, *, limits: CrawlLimits | None = None) -> list[UpstreamItem]:
    """The source's current items (newest first where the source orders them); raises UpstreamError."""
    if source.kind == SourceKind.COLUMN:
        return column_items(source)
    result = fetch_text(source.url, limits or CrawlLimits(), feed=source.kind == SourceKind.FEED)
    if source.kind == SourceKind.FEED:
        return feed_items(result.text or "", result.final_url)
    return list_page_items(result.text or "", result.final_url)


# --- a column of this platform ----------------------------------------------------------------------


def column_items(source: RepostSource) -> list[UpstreamItem]:
    column = source.upstream_column
    if column is None or not column.live:
        raise UpstreamError(_("上游栏目不存在或未发布"))
    pages = column.specific.items().public().filter(first_published_at__gte=source.since)[:MAX_ITEMS]
    return [
        UpstreamItem(
            title=page.title,
            url=page.get_full_url(),
            published_at=page.first_published_at,
            summary=page.search_description,
            upstream_page_id=page.pk,
        )
        for page in pages
    ]


# --- remote sources ---------------------------------------------------------------------------------


def fetch_text(url: str, limits: CrawlLimits, *, feed: bool) -> FetchResult:
    result = asyncio.run(_fetch_one(url, limits, feed=feed))
    if result.error is not None:
        raise UpstreamError(result.error_detail or _("无法访问"))
    if result.text is None:
        raise UpstreamError(_("内容类型不是网页或订阅源：%(type)s") % {"type": result.content_type or "?"})
    return result


async def _fetch_one(url: str, limits: CrawlLimits, *, feed: bool) -> FetchResult:
    async with make_session(limits) as session:
        if feed:
            return await fetch(session, url, limits, accept=FEED_TYPES)
        return await fetch(session, url, limits)


def feed_items(text: str, base_url: str) -> list[UpstreamItem]:
    """Entries of an RSS or Atom document. The fetch already decoded it (header, BOM, XML declaration,
    trial), so the declaration's encoding is dropped and feedparser reads UTF-8."""
    data = _XML_ENCODING.sub(r"\1", text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": "application/xml; charset=utf-8", "content-location": base_url},
    )
    if not parsed.version and not parsed.entries:
        raise UpstreamError(_("不是有效的 RSS/Atom 订阅源"))
    found = timezone.now()
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        url, title = entry.get("link", ""), " ".join(entry.get("title", "").split())
        if not title or not is_web_url(url):
            continue
        moment = entry.get("published_parsed") or entry.get("updated_parsed")
        if moment:
            published = datetime.datetime.fromtimestamp(calendar.timegm(moment), tz=datetime.UTC)
            precision = TimePrecision.TIME
        else:
            published, precision = found, TimePrecision.FOUND
        content = entry.get("content") or []
        summary = content[0].get("value", "") if content else entry.get("summary", "")
        items.append(UpstreamItem(title[:300], url[:500], published, precision, summary))
    return items


def list_page_items(html: str, base_url: str) -> list[UpstreamItem]:
    """Items of the page's main list: the visible list with the most dated items (a column page's own
    list, not its navigation or a sidebar of links)."""
    today = timezone.localdate()
    lists = find_item_lists(html, base_url, today=today)
    best = max((found for found in lists if not found.hidden), key=_list_weight, default=None)
    if best is None or not best.items:
        raise UpstreamError(_("页面中没有找到信息列表"))
    found = timezone.now()
    items = []
    for item in best.items[:MAX_ITEMS]:
        if not is_web_url(item.url):
            continue
        if item.published is not None:
            published = timezone.make_aware(datetime.datetime.combine(item.published, datetime.time.min))
            precision = TimePrecision.DATE
        else:
            published, precision = found, TimePrecision.FOUND
        items.append(UpstreamItem(item.title[:300], item.url[:500], published, precision))
    return items


def is_web_url(url: str) -> bool:
    """Only http(s) links are queued: a feed may carry javascript: or file: links."""
    return urlsplit(url).scheme in ("http", "https")


def _list_weight(found: ItemList) -> tuple[int, int]:
    return found.dated_count, len(found.items)
