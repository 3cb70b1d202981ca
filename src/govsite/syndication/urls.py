"""Public addresses of the app: column feeds, the site's sitemap and the read-only API (``api/v2/``)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from govsite.syndication.api import api_router
from govsite.syndication.feeds import ColumnAtomFeed, ColumnRssFeed


def column_rss(request: HttpRequest, page_id: int) -> HttpResponse:
    return ColumnRssFeed()(request, page_id=page_id)  # a Feed keeps its request: one per request


def column_atom(request: HttpRequest, page_id: int) -> HttpResponse:
    return ColumnAtomFeed()(request, page_id=page_id)


urlpatterns = [
    path("feeds/<int:page_id>/rss.xml", column_rss, name="column_feed_rss"),
    path("feeds/<int:page_id>/atom.xml", column_atom, name="column_feed_atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v2/", api_router.urls),
]
