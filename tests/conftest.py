"""Shared fixtures: a small cluster built through the same code paths the platform uses."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Page, Site

from govsite.cluster.models import SiteKind, SiteLevel, SiteProfile
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage, HomePage


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that commits (live servers, threads) restores the migrations' rows before it runs.

    Django empties the database after such a test. Without a restore, the next one in the same worker
    finds no Wagtail root page, and after a serialized test not even content types, so whichever of them
    ran second failed depending on how xdist shared them out.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        options = dict(marker.kwargs) if marker is not None else {}
        committing = "live_server" in names or "transactional_db" in names or options.get("transaction")
        if committing and not options.get("serialized_rollback"):
            # pytest-django reads the marker (not the fixture) when it decides which databases to serialize.
            item.add_marker(
                pytest.mark.django_db(**{**options, "transaction": True, "serialized_rollback": True})
            )


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    """The public's attachments go to the test's own folder, never to var/."""
    settings.GOVSITE_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _inline_embedded_runs(settings):
    """Batches started from the admin run inside the request, so tests can assert on their results."""
    settings.SUPERVISION_EMBEDDED_RUNS = "inline"


@pytest.fixture
def home(db) -> HomePage:
    """A site's home page as the single default site, with its profile."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="西地省人民政府", slug="home"))
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="西地省人民政府门户网站",
    )
    SiteProfile.objects.create(
        site=site, level=SiteLevel.PROVINCE, kind=SiteKind.PORTAL, site_code="4300000001",
        sponsor="西地省人民政府办公厅", contact_phone="0000-00000000", icp_number="湘ICP备05000001号",
        police_filing_number="湘公网安备43010002000001号",
    )  # fmt: skip
    return home


@pytest.fixture
def make_column(home):
    def make(title: str = "工作动态", kind: str = "news", parent: Page | None = None, **fields) -> ColumnPage:
        column = ColumnPage(title=title, kind=kind, show_in_menus=True, **fields)
        return (parent or home).add_child(instance=column)

    return make


@pytest.fixture
def make_article():
    def make(
        column: Page,
        title: str = "省政府召开常务会议",
        date: datetime.date | None = None,
        cls=ArticlePage,
        **fields,
    ) -> ArticlePage:
        fields.setdefault("body", "<p>会议研究部署了近期重点工作。</p>")
        return column.add_child(instance=cls(title=title, date=date or datetime.date(2026, 11, 20), **fields))

    return make
