"""Who may see and handle which disclosure requests (least privilege).

- A member of a ``Department`` sees and handles the requests assigned to that department: membership is
  the grant, as for letters.
- Other staff need a Django permission on requests ("view" to read, "change" to handle) and see only the
  requests of the sites they may work in (``sites_for_user``). Page permissions alone never show anyone an
  applicant's personal data.
- Superusers see everything.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govsite.cluster.access import sites_for_user
from govsite.cluster.models import Department
from govsite.interaction.disclosure.models import DisclosureRequest

VIEW = "disclosure.view_disclosurerequest"
CHANGE = "disclosure.change_disclosurerequest"


def is_department_member(user) -> bool:
    return user.is_authenticated and Department.objects.filter(members=user).exists()


def can_use_inbox(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(VIEW) or user.has_perm(CHANGE) or is_department_member(user)


def visible_sites(user) -> list:
    """Sites whose whole request list the user sees (not counting department assignments)."""
    if not (user.has_perm(VIEW) or user.has_perm(CHANGE)):
        return []
    return sites_for_user(user)


def requests_for_user(user) -> QuerySet[DisclosureRequest]:
    requests = DisclosureRequest.objects.all()
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if user.is_superuser:
        return requests
    site_ids = [site.pk for site in visible_sites(user)]
    return requests.filter(
        Q(site_id__in=site_ids) | Q(department__in=Department.objects.filter(members=user))
    )


def can_view(user, request: DisclosureRequest) -> bool:
    return requests_for_user(user).filter(pk=request.pk).exists()


def can_handle(user, request: DisclosureRequest) -> bool:
    """Take workflow steps: "change" permission on a site the user works in, or the assigned department."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if request.department_id and request.department.members.filter(pk=user.pk).exists():
        return True
    return user.has_perm(CHANGE) and any(site.pk == request.site_id for site in sites_for_user(user))
