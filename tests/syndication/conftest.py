"""A two-level cluster (province portal over a city site) and editors of each, for the syndication tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from govsite.cluster.models import SiteKind, SiteLevel, SiteProfile
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage, HomePage

CITY_HOST = "city.localhost"


@dataclass
class Cluster:
    province: HomePage
    city: HomePage
    province_site: Site
    city_site: Site


def add_site(parent_profile: SiteProfile | None, title: str, hostname: str, code: str, slug: str) -> HomePage:
    home = Page.get_first_root_node().add_child(instance=HomePage(title=title, slug=slug))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)
    SiteProfile.objects.create(
        site=site, level=SiteLevel.CITY, kind=SiteKind.PORTAL, site_code=code, sponsor=f"{title}办公室",
        parent=parent_profile,
    )  # fmt: skip
    return home


@pytest.fixture
def cluster(home) -> Cluster:
    province_site = home.get_site()
    city = add_site(province_site.profile, "云川市人民政府", CITY_HOST, "4301000001", "yunchuan")
    return Cluster(home, city, province_site, city.get_site())


def editor_of(page: Page, username: str, *, actions=("add", "change", "publish"), email: str = "") -> object:
    """A staff user whose group holds ``actions`` on ``page`` and everything below it."""
    user = get_user_model().objects.create_user(username, email or f"{username}@example.cn", "pw")
    group = Group.objects.create(name=f"{username} 组")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for action in actions:
        GroupPagePermission.objects.create(group=group, page=page, permission_type=action)
    user.groups.add(group)
    return user


@pytest.fixture
def make_editor():
    return editor_of


def publish_article(
    column: Page, title: str, *, at: datetime.datetime | None = None, **fields
) -> ArticlePage:
    """A published item; ``at`` backdates its first publication (the upstream clock's start)."""
    fields.setdefault("body", f"<p>{title}的正文。</p>")
    at = at or timezone.now()
    fields.setdefault("date", timezone.localdate(at))
    page = column.add_child(instance=ArticlePage(title=title, **fields))
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=at, last_published_at=at)
    page.refresh_from_db()
    return page


def column_of(home: Page, title: str, kind: str = "news") -> ColumnPage:
    existing = ColumnPage.objects.child_of(home).filter(title=title).first()
    return existing or home.add_child(instance=ColumnPage(title=title, kind=kind))
