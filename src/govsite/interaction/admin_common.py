"""What the interaction apps' staff screens share: scoping to the user's sites, the site filter, the
access gate, breadcrumbs and .xlsx downloads.

Staff who work in a site (``sites_for_user``: a page permission on its root or one of its columns) see
that site's pages and nothing of any other site. An app's screens let in anyone who works in at least one
site; its querysets (``within_sites``) then keep each user to their own sites.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page, Site

from govsite.cluster.access import sites_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- site scoping ------------------------------------------------------------------------------------


def works_in_a_site(user: AbstractBaseUser) -> bool:
    return bool(user.is_authenticated and user.is_active and sites_for_user(user))


def within_sites(pages: QuerySet, sites: Iterable[Site]) -> QuerySet:
    """The pages that lie in the tree of any of ``sites`` (none when there are no sites)."""
    in_any = Q()
    for site in sites:
        in_any |= Q(path__startswith=site.root_page.path)
    return pages.filter(in_any) if in_any else pages.none()


def site_of(page: Page, sites: Iterable[Site]) -> Site | None:
    """The deepest of ``sites`` whose tree holds ``page``."""
    holding = [site for site in sites if page.path.startswith(site.root_page.path)]
    return max(holding, key=lambda site: len(site.root_page.path), default=None)


@dataclass(frozen=True)
class SiteFilter:
    """The list screens' 网站 filter: every site the user works in, and the one chosen with ``?site=``."""

    sites: list[Site]
    chosen: str  # the raw ``?site=`` value, echoed back to the select box

    @classmethod
    def from_request(cls, request: HttpRequest) -> SiteFilter:
        return cls(sites_for_user(request.user), request.GET.get("site", ""))

    @property
    def chosen_site(self) -> Site | None:
        return next((site for site in self.sites if str(site.pk) == self.chosen), None)

    @property
    def shown(self) -> list[Site]:
        """The chosen site; all of the user's sites when none (or one not theirs) is chosen."""
        chosen = self.chosen_site
        return [chosen] if chosen else self.sites

    def context(self) -> dict[str, Any]:
        return {"sites": self.sites, "chosen_site": self.chosen}


# -- the access gate ---------------------------------------------------------------------------------


class StaffOnlyMixin:
    """Refuse a view to users who work in no site."""

    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not works_in_a_site(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffMenuItem(MenuItem):
    """A menu item shown only to users who work in a site (the same users ``StaffOnlyMixin`` lets in)."""

    def is_shown(self, request) -> bool:
        return works_in_a_site(request.user)


def admin_breadcrumbs(*items: tuple[str, str]) -> list[dict[str, Any]]:
    """The admin home, then ``(url, label)`` pairs (an empty url for the current page)."""
    return [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        *({"url": url, "label": label} for url, label in items),
    ]


# -- downloads ---------------------------------------------------------------------------------------


def xlsx_response(workbook: bytes, filename: str) -> HttpResponse:
    """An .xlsx workbook as a download; the Chinese file name survives (RFC 6266 ``filename*``)."""
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
