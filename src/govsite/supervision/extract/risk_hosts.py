"""Which hosts a government page may link to without suspicion, and which look like spam hosts.

Used by ``content_risks`` for injected links and redirects. A link is "outside" when its host is not
the inspected site's registrable domain and not a government domain: a county site linking to its
province, or hiding a mobile menu of links to other gov.cn sites, is ordinary.
"""

import functools
import re
from urllib.parse import unquote, urlsplit

__all__ = ["host_evidence", "is_share_link", "registrable", "risky", "trusted"]

# Second-level labels under which a registrable domain has three labels (nmg.gov.cn, xinhua.org.cn).
_SECOND_LEVEL = frozenset(("com", "net", "org", "gov", "edu", "ac", "mil"))
# Government and party-government domains: *.gov.cn, and conac.cn, which issues the 党政机关网站标识
# every government footer links to.
_GOVERNMENT_SUFFIXES = (".gov.cn", ".gov", ".gov.hk", ".gov.mo", ".conac.cn")
_GOVERNMENT_HOSTS = frozenset(("gov.cn", "conac.cn"))
# Top-level domains spam networks favour (seo8.vip in real hijacked titles); supporting evidence only.
_SPAM_TLDS = frozenset(
    ("vip", "xyz", "bet", "casino", "poker", "win", "top", "club", "icu", "cc", "pw", "buzz")
)
# Gambling and porn words as they appear in spam hosts, at the start of a label (so tibet.cn and
# sussex.ac.uk stay clean): bet365, xpj (新葡京), vns (威尼斯人), hg0088 (皇冠), 5566.com.
_SPAM_HOST_WORDS = re.compile(
    r"(?:^|[.\-\d])(?:bet|casino|poker|bocai|duchang|caipiao|yule|xpj|vns|jinsha|kaiyun|leyu|yabo|huangguan"
    r"|baijiale|porn|seo|k8)|(?:^|[.\-])hg\d{3,}|(?:^|\.)\d{4,}\."
)
_IP_ADDRESS = re.compile(r"^[\d.]+$|^\[?[0-9a-f:]+\]?$")
_RISKY_HOST_VISIBLE = 0.45  # alone under the report floor: a visible link to an odd host is not a finding
_RISKY_HOST_HIDDEN = 0.75


def registrable(host: str) -> str:
    """The domain a site owner registers: www.nmg.gov.cn → nmg.gov.cn, www.baidu.com → baidu.com."""
    host = host.lower().strip().rstrip(".").split(":")[0]
    if _IP_ADDRESS.match(host):
        return host
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def government(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in _GOVERNMENT_HOSTS or host.endswith(_GOVERNMENT_SUFFIXES)


@functools.lru_cache(maxsize=4096)
def trusted(host: str, site: str) -> bool:
    """The inspected site itself (``site`` is its registrable domain) or a government host."""
    host = host.lower().strip().rstrip(".").split(":")[0]
    return registrable(host) == site or government(host)


@functools.lru_cache(maxsize=4096)
def risky(host: str) -> bool:
    """A host that looks like a spam network's: a favoured TLD or a gambling word in its name."""
    host = host.lower().split(":")[0]
    return host.rsplit(".", 1)[-1] in _SPAM_TLDS or _SPAM_HOST_WORDS.search(host) is not None


def host_evidence(host: str, *, hidden: bool) -> float:
    if not risky(host):
        return 0.0
    return _RISKY_HOST_HIDDEN if hidden else _RISKY_HOST_VISIBLE


def is_share_link(url: str, site: str) -> bool:
    """A "share to Weibo/QQ" button: an outside link that carries this site's own page address."""
    query = unquote(urlsplit(url).query).lower()
    return bool(site) and site in query
