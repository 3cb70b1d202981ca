"""Demo content assurance: the portal's shared column 市县动态, each subsite's 通知公告 subscribed to its
parent's (with the queue filled by a first poll), and one submission waiting in each parent's inbox.

Deterministic for a seed and a day: times come from ``options.today``; the poll reads the pages the
builder made, whose publication times come from the same day.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Page

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.syndication.models import RepostSource, SourceKind, Submission
from govsite.syndication.pages import SharedColumnPage, SharedColumnSource
from govsite.syndication.polling import poll_source

SHARED_TITLE = "市县动态"
SUBSCRIPTION_DAYS = 10  # the subscription started this long before the demo's day


def populate_site(demo_site) -> None:
    profile = demo_site.profile
    if profile.parent is None:
        section = _column(demo_site.home, "政务动态")
        if section is not None:
            section.add_child(instance=SharedColumnPage(title=SHARED_TITLE, slug="sxdt", show_in_menus=True))
        return
    parent_home = profile.parent.site.root_page
    _join_shared_column(demo_site, parent_home)
    _subscribe(demo_site, parent_home, profile.parent.site.site_name)
    _submit(demo_site, profile.parent.site)


def _column(home: Page, title: str) -> ColumnPage | None:
    return ColumnPage.objects.descendant_of(home).filter(title=title).order_by("path").first()


def _join_shared_column(demo_site, parent_home: Page) -> None:
    shared = SharedColumnPage.objects.descendant_of(parent_home).filter(title=SHARED_TITLE).first()
    news = _column(demo_site.home, "工作动态")
    if shared is None or news is None or demo_site.spec.kind != "portal":
        return
    SharedColumnSource.objects.create(page=shared, column=news, sort_order=shared.sources.count())


def _subscribe(demo_site, parent_home: Page, parent_name: str) -> None:
    target, upstream = _column(demo_site.home, "通知公告"), _column(parent_home, "通知公告")
    if target is None or upstream is None:
        return
    start = datetime.datetime.combine(
        demo_site.options.today - datetime.timedelta(days=SUBSCRIPTION_DAYS), datetime.time.min
    )
    source = RepostSource.objects.create(
        column=target, name=parent_name, kind=SourceKind.COLUMN, upstream_column=upstream,
        since=timezone.make_aware(start),
    )  # fmt: skip
    poll_source(source)


def _submit(demo_site, parent_site) -> None:
    news = _column(demo_site.home, "工作动态")
    item = ArticlePage.objects.live().child_of(news).order_by("-date", "-pk").first() if news else None
    if item is None:
        return
    moment = datetime.datetime.combine(demo_site.options.today, datetime.time(hour=9))
    Submission.objects.create(
        page=item, title=item.title, from_site=demo_site.profile.site, to_site=parent_site,
        note="请上级网站审阅采用", submitted_at=timezone.make_aware(moment),
    )  # fmt: skip
