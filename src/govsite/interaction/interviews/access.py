"""Who may run an interview's live console: staff of the site the interview belongs to (least privilege).

A member of staff works in the sites ``govsite.cluster.access.sites_for_user`` gives them (a page
permission on the site's root or one of its columns); an interview belongs to the site whose root page
is its ancestor. Staff of another site get a refusal, not a view of someone else's questions and phones.

Moderating is not broadcasting: what is posted to (or withdrawn from) a session's live text speaks for the
page, so it also takes the right to edit that page in Wagtail. A moderator whose page permissions cover
one column of the site cannot post into another column's interview.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from govsite.cluster.access import sites_for_user
from govsite.interaction.interviews.models import InterviewPage


def _site_roots(user: AbstractBaseUser) -> list[str]:
    return [site.root_page.path for site in sites_for_user(user)]


def can_manage(user: AbstractBaseUser, page: Page) -> bool:
    return user.is_active and any(page.path.startswith(root) for root in _site_roots(user))


def can_broadcast(user: AbstractBaseUser, page: Page) -> bool:
    """May ``user`` post entries to (and withdraw them from) ``page``'s live text broadcast?"""
    return can_manage(user, page) and page.permissions_for_user(user).can_edit()


def interviews_for_user(user: AbstractBaseUser) -> QuerySet[InterviewPage]:
    roots = _site_roots(user) if user.is_active else []
    if not roots:
        return InterviewPage.objects.none()
    where = Q()
    for root in roots:
        where |= Q(path__startswith=root)
    return InterviewPage.objects.filter(where)


def site_of(page: Page, sites: list[Site]) -> Site | None:
    """The innermost of ``sites`` whose root is ``page`` or one of its ancestors."""
    matching = [site for site in sites if page.path.startswith(site.root_page.path)]
    return max(matching, key=lambda site: len(site.root_page.path), default=None)
