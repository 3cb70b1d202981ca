"""How far, how fast and how much the inspector crawls: one frozen value passed everywhere.

The defaults are the official figures where there is one (a page must open within 15 s, SPEC §3) and
polite, bounded ones elsewhere. Tests pass small values (a 0.5 s timeout) to stay fast.
"""

from dataclasses import dataclass
from importlib import metadata


def _version() -> str:
    try:
        return metadata.version("govsite")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0"


# Where a site's operator learns who is crawling; the project has no public address yet (placeholder).
INSPECTOR_INFO_URL = "https://govsite.invalid/inspector"
USER_AGENT = f"GovSite-Inspector/{_version()} (+{INSPECTOR_INFO_URL})"

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class CrawlLimits:
    timeout: float = 15.0  # seconds for one whole fetch, redirects included: the official probe limit
    connect_timeout: float = 10.0  # seconds to open a connection (inside `timeout`)
    max_bytes: int = 5 * MIB  # per page, counted after decompression (a gzip bomb stops here)
    max_redirects: int = 5
    max_pages: int = 2000  # pages fetched per site
    max_depth: int = 8  # clicks from the start page
    concurrency: int = 64  # requests in flight, all sites together
    per_host: int = 8  # requests in flight to one host
    delay: float = 0.0  # seconds between request starts to one host (politeness), e.g. 0.2
    max_link_checks: int = 2000  # external links and attachments checked per site
    link_workers: int = 16  # link checks in flight per site (they go to many hosts)
    max_urls_per_pattern: int = 200  # URLs differing only in one numeric parameter (traps.py)
    calendar_years: int = 2  # calendar pages further than this from today are traps
    max_sites: int = 40  # sites crawled at once by crawl_sites
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        for name in ("timeout", "connect_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("max_bytes", "concurrency", "per_host", "link_workers", "max_sites"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if min(self.max_redirects, self.max_pages, self.max_depth, self.max_link_checks) < 0:
            raise ValueError("caps cannot be negative")
        if self.delay < 0:
            raise ValueError("delay cannot be negative")
