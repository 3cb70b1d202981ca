"""What an inspection could not check, as the rules read it from `SiteEvidence.unchecked`.

A rule that finds nothing must tell "none found" from "not looked at": an empty `channels` tuple is
a veto only if channel discovery ran. Evidence builders say that a whole part of a site was not
checked with an `Unchecked` entry whose `what` is one of the `Area` values below; entries for single
items ("page", "link", "column") are reported in the verdict but decide nothing on their own.
"""

import enum

from .inspection import SiteEvidence

UNREACHABLE_REASON = "检查时网站无法访问"


class Area(enum.StrEnum):
    """A part of a site that an inspection may fail to check as a whole (`Unchecked.what`)."""

    HOMEPAGE = "homepage"  # the homepage page itself: its items, identity, links
    PROBES = "probes"  # the availability monitoring
    COLUMNS = "columns"  # column discovery
    LINKS = "links"  # link checking
    CHANNELS = "channels"  # interaction channel discovery (领导信箱, 政务咨询 …)
    LETTERS = "letters"  # letter listings
    SERVICES = "services"  # the service zone as a whole
    GUIDES = "guides"  # service guides
    SYSTEMS = "systems"  # online application and query systems
    CONTENT = "content"  # content scanning (gambling spam, defacement …)
    ARTICLES = "articles"  # full article pages (twins, metadata)


def not_checked(site: SiteEvidence, *areas: Area) -> str | None:
    """Why none of `areas` could be checked, in Chinese; None when they were checked.

    A site that could not be reached in the inspection had none of its pages checked, except the
    availability probes, which are gathered apart from the crawl.
    """
    if not site.reachable and any(area is not Area.PROBES for area in areas):
        return UNREACHABLE_REASON
    wanted = {area.value for area in areas}
    for entry in site.unchecked:
        if entry.what in wanted:
            return entry.reason or "未说明原因"
    return None
