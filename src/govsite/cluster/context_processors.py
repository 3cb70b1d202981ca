from django.http import HttpRequest
from wagtail.models import Site

from govsite.cluster.models import SiteProfile


def current_profile(request: HttpRequest) -> SiteProfile | None:
    """The profile of the site serving this request, looked up once per request."""
    if not hasattr(request, "_govsite_profile"):
        site = Site.find_for_request(request)
        profile = None
        if site is not None:
            profile = SiteProfile.objects.select_related("site", "parent__site").filter(site=site).first()
        request._govsite_profile = profile
    return request._govsite_profile


def site_identity(request: HttpRequest) -> dict[str, object]:
    """Footer identity (SPEC §2) for every public page: name, sponsor, codes and filings."""
    if request.path.startswith("/admin/"):
        return {}
    return {"site_profile": current_profile(request)}
