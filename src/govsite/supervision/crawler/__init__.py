"""The inspector's crawler: fetch pages and check links of any government site, bounded and polite.

No Django or Wagtail here: the command-line inspector runs without a database. Pages go to a caller's
`on_page` as they arrive; what the crawler returns is evidence (`LinkEvidence`, `Unchecked`, `Probe`).
"""

from .charset import Decoded, decode_html
from .crawl import CrawlResult, Gates, crawl_site, crawl_sites, probe
from .fetch import FetchResult, check_link, fetch, make_session
from .limits import USER_AGENT, CrawlLimits
from .traps import Trap, TrapDetector
from .urls import is_attachment, is_image, normalise, same_site, site_key

__all__ = [
    "USER_AGENT",
    "CrawlLimits",
    "CrawlResult",
    "Decoded",
    "FetchResult",
    "Gates",
    "Trap",
    "TrapDetector",
    "check_link",
    "crawl_site",
    "crawl_sites",
    "decode_html",
    "fetch",
    "is_attachment",
    "is_image",
    "make_session",
    "normalise",
    "probe",
    "same_site",
    "site_key",
]
