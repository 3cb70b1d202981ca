"""Evidence about our own columns, read from the database for the indicators package.

One aggregate query per site: an item's parent is the page whose tree path is the item's path minus one
step, so grouping items by that prefix yields every column's count and newest date at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.indicators import ColumnEvidence, ColumnKind, ColumnStatus, assess_columns, load_ruleset

STEP = Page.steplen


def site_columns(site: Site) -> QuerySet[ColumnPage]:
    return ColumnPage.objects.live().descendant_of(site.root_page).order_by("path")


def column_evidence(site: Site) -> list[tuple[ColumnPage, ColumnEvidence]]:
    columns = list(site_columns(site))
    if not columns:
        return []
    stats = {
        row["parent_path"]: row
        for row in ArticlePage.objects.live()
        .filter(path__startswith=site.root_page.path)
        .annotate(parent_path=Substr("path", 1, Length("path") - STEP))
        .order_by()  # an ordering would join the GROUP BY and split the groups
        .values("parent_path")
        .annotate(count=Count("pk"), latest=Max("date"))
    }
    # A column that only groups sub-columns, or other apps' entries (领导信箱, 办事指南 …), is navigation,
    # not a place where items are expected.
    parents_of_columns = {column.path[:-STEP] for column in columns}
    parents_of_columns |= set(
        Page.objects.live()
        .filter(path__startswith=site.root_page.path, depth__gt=site.root_page.depth + 1)
        .not_type(ArticlePage, ColumnPage)
        .annotate(parent_path=Substr("path", 1, Length("path") - STEP))
        .order_by()
        .values_list("parent_path", flat=True)
        .distinct()
    )
    evidence = []
    for column in columns:
        row = stats.get(column.path, {})
        if not row and column.path in parents_of_columns:
            continue
        evidence.append(
            (
                column,
                ColumnEvidence(
                    key=str(column.pk),
                    name=column.title,
                    kind=ColumnKind(column.kind),
                    item_count=row.get("count", 0),
                    last_update=row.get("latest"),
                    url=column.url_path,
                    historical=column.historical,
                ),
            )
        )
    return evidence


def column_statuses(site: Site, today: datetime.date | None = None) -> list[tuple[ColumnPage, ColumnStatus]]:
    """Each live column of ``site`` with its state under the configured rule set."""
    pairs = column_evidence(site)
    statuses = assess_columns(
        [ev for _, ev in pairs], today or timezone.localdate(), load_ruleset(settings.GOVSITE_RULESET)
    )
    return [(column, status) for (column, _), status in zip(pairs, statuses, strict=True)]
