"""Which pages a group's page permissions reach: a grant on a page covers the page and its subtree.

The review tasks use this to keep a reviewer to their own site or column, although one task (初审, …)
serves every site of the cluster: being in the task's groups is not enough, one of those groups must
also hold a page permission on the page or one of its ancestors.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth.models import Group
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import GroupPagePermission, Page


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of a page and of all its ancestors (treebeard materialised paths)."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def groups_covering(page: Page, groups: QuerySet[Group]) -> QuerySet[Group]:
    """Those of ``groups`` that hold a page permission on ``page`` or one of its ancestors."""
    return groups.filter(page_permissions__page__path__in=ancestor_paths(page.path)).distinct()


def granted_paths(groups: QuerySet[Group]) -> list[str]:
    """Tree paths of the pages the groups hold permissions on, without paths inside another one."""
    paths = sorted(
        set(GroupPagePermission.objects.filter(group__in=groups).values_list("page__path", flat=True))
    )
    kept: list[str] = []
    for path in paths:  # sorted, so an ancestor comes before its descendants
        if not any(path.startswith(outer) for outer in kept):
            kept.append(path)
    return kept


def page_ids_under(paths: list[str]) -> QuerySet:
    """Ids (as text, the way workflow states store them) of the pages within any of ``paths``."""
    if not paths:
        return Page.objects.none().values("pk")
    within = reduce(or_, (Q(path__startswith=path) for path in paths))
    return Page.objects.filter(within).annotate(key=Cast("pk", CharField())).values("key")
