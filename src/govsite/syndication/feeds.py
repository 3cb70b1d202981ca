"""RSS 2.0 and Atom 1.0 for each column (and each shared column), served only by the column's own site."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.syndication.pages import SharedColumnPage

FEED_ITEMS = 20


class ColumnRssFeed(Feed):
    """Instantiated per request (see ``urls``): it keeps the request and site it serves."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"  # the feed's own code (RFC 5646 as readers expect), not Django's "zh-hans"

    def get_object(self, request: HttpRequest, page_id: int) -> Page:
        page = Page.objects.live().public().filter(pk=page_id).first()
        site = Site.find_for_request(request)
        if page is None or site is None or not page.path.startswith(site.root_page.path):
            raise Http404  # another site's column is read from that site's own address
        page = page.specific
        if not isinstance(page, ColumnPage | SharedColumnPage):
            raise Http404
        self.request = request
        self.site = site
        return page

    def title(self, column: Page) -> str:
        return f"{column.title} - {self.site.site_name or self.site.hostname}"

    def link(self, column: Page) -> str:
        return column.get_full_url(self.request) or "/"

    def description(self, column: Page) -> str:
        return _("%(site)s“%(column)s”栏目最新信息") % {"site": self.site.site_name, "column": column.title}

    def author_name(self) -> str:
        return self.site.site_name or self.site.hostname

    def items(self, column: Page) -> list[ArticlePage]:
        return list(column.items().public()[:FEED_ITEMS])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_description(self, item: ArticlePage) -> str:
        return expand_db_html(item.body)

    def item_pubdate(self, item: ArticlePage) -> datetime.datetime:
        """The published moment when it falls on the item's date, else the start of that date."""
        moment = item.first_published_at
        if moment is not None and timezone.localtime(moment).date() == item.date:
            return moment
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item: ArticlePage) -> datetime.datetime:
        return max(item.last_published_at or self.item_pubdate(item), self.item_pubdate(item))

    def item_author_name(self, item: ArticlePage) -> str:
        return item.source or self.author_name()

    def item_categories(self, item: ArticlePage) -> list[str]:
        return []


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, column: Page) -> str:
        return self.description(column)
