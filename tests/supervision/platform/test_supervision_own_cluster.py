"""The inspector on our own demo cluster, served by a real server: what it finds about each site's
columns must be what the CMS itself tells that site's editors (overdue and empty columns alike)."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Site

from govsite.columns.evidence import column_statuses
from govsite.indicators import load_ruleset
from govsite.indicators.rules.columns import ColumnState, assess_columns
from govsite.supervision.inspect import inspect_site
from govsite.supervision.models import MonitoredSite

TODAY = datetime.date(2026, 11, 23)
FLAGGED = {ColumnState.OVERDUE, ColumnState.EMPTY}


@pytest.fixture
def demo_cluster(live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    call_command("load_demo", scale="small", today=TODAY.isoformat(), port=port, verbosity=0)
    return live_server


def cms_flags(site: Site) -> dict[str, str]:
    return {
        column.title: str(status.state)
        for column, status in column_statuses(site, TODAY)
        if status.state in FLAGGED
    }


def test_crawl_of_each_demo_site_flags_the_columns_the_cms_flags(demo_cluster):
    ruleset = load_ruleset("gov2019")
    monitored = {m.own_site_id: m for m in MonitoredSite.objects.filter(own_site__isnull=False)}
    sites = list(Site.objects.all())
    assert len(sites) == 5 and set(monitored) == {site.pk for site in sites}
    flagged_somewhere = 0
    for site in sites:
        result = inspect_site(monitored[site.pk].url, today=TODAY)
        assert result.evidence.reachable and result.evidence.pages_fetched > 20, site.site_name
        crawled = {
            status.column.name: str(status.state)
            for status in assess_columns(result.evidence.columns, TODAY, ruleset)
            if status.state in FLAGGED
        }
        assert crawled == cms_flags(site), site.site_name
        flagged_somewhere += bool(crawled)
        # Below the veto lines the report still names the columns to update.
        if crawled:
            (warning,) = [f for f in result.verdict.findings if f.rule == "columns_not_updated"]
            assert all(name in warning.summary for name in list(crawled)[:5])
    assert flagged_somewhere >= 2  # the demo's deliberately stale and empty columns were seen
