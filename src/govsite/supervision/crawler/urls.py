"""URL normalisation and scope: one spelling per resource, and which URLs belong to the site.

A crawler that keeps `/a?x=1&y=2` and `/a?y=2&x=1#top` apart fetches pages twice and counts one broken
link as two, so every URL is normalised before it is compared: scheme and host in lower case, default
port and fragment dropped, dot segments resolved, session ids removed (JSP and PHP sites append them to
every link of a visitor without cookies), query parameters sorted (their values untouched), non-ASCII
characters percent-encoded as UTF-8.

Normalisation runs for every link of every page (≈100 per page), so `normalise` memoises by what the
result depends on: the href alone when it is absolute, the origin for `/path`, the base directory for
a relative path.
"""

import functools
import posixpath
import re
from urllib.parse import quote, urljoin, urlsplit

_SESSION_KEYS = frozenset({"jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "cfid", "cftoken"})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/?#]*", re.IGNORECASE)
_IGNORED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "ftp:", "file:", "sms:", "weixin:")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}
_SAFE_PATH = "/%;=:@!$&'()*+,~-._"
_SAFE_QUERY = _SAFE_PATH + "?"

ATTACHMENT_EXTENSIONS = frozenset(
    {
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "ofd", "ceb", "txt",
        "csv", "rtf", "odt", "ods", "zip", "rar", "7z", "gz", "tar", "apk", "exe", "msi",
        "mp3", "mp4", "avi", "wmv", "flv", "mov", "wav", "swf", "caj",
    }
)  # fmt: skip
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff"})
# Download endpoints without a file extension (…/download.jsp?fileid=…, DownFile.aspx?id=…).
_DOWNLOAD_WORDS = ("download", "downfile", "downloadfile", "getfile", "attachment")


def normalise(href: str, base: str) -> str | None:
    """The absolute, normalised form of `href` found on `base`; None if it is not an http(s) link."""
    return PageResolver(base)(href)


class PageResolver:
    """`normalise` for the links of one page, with what they depend on worked out once."""

    __slots__ = ("_directory", "_origin", "_page", "_path", "_scheme")

    def __init__(self, page: str) -> None:
        self._page = page
        self._path = page.split("#", 1)[0].split("?", 1)[0]  # what "?query" replaces
        self._origin = origin(page)
        self._scheme = page[: page.find(":") + 1]
        self._directory = self._path[: self._path.rfind("/") + 1] or self._path

    def __call__(self, href: str) -> str | None:
        href = href.strip()
        if not href:
            return None
        if "\t" in href or "\n" in href or "\r" in href:
            href = href.replace("\t", "").replace("\n", "").replace("\r", "")  # as browsers do
        first = href[0]
        if first == "/":
            base = self._scheme if href.startswith("//") else self._origin
        elif first == "#":
            return _normalise_absolute(self._page)  # the page itself
        elif first == "?":
            base = self._path
        else:
            lowered = href[:12].lower()
            if lowered.startswith(("http://", "https://")):
                return _normalise_absolute(href)
            if lowered.startswith(_IGNORED_SCHEMES):
                return None
            base = self._directory
        # Cached by what resolving depends on, so all pages of a folder share the entries.
        return _resolve(base, href)


@functools.lru_cache(maxsize=32768)
def _resolve(base_key: str, href: str) -> str | None:
    # Plain joins by hand: urljoin costs ~20 µs, most hrefs are "/path" or "name.html".
    if href.startswith("/") and not href.startswith("//"):
        return _normalise_absolute(base_key + href)
    if base_key.endswith("/") and not href.startswith((".", "?", "/")) and ":" not in href.split("/", 1)[0]:
        return _normalise_absolute(base_key + href)
    return _normalise_absolute(urljoin(base_key, href))


# scheme, host, port, path, query of a URL that needs nothing but its fragment dropped, if that.
_SIMPLE_URL = re.compile(
    r"(https?)://([a-z0-9.\-]+)(?::(\d{1,5}))?(/[^?#;]*)?(?:\?([^#]*))?(?:#.*)?", re.ASCII
)


@functools.lru_cache(maxsize=32768)
def _normalise_absolute(url: str) -> str | None:
    simple = _SIMPLE_URL.fullmatch(url)
    if simple is None or not url.isascii():
        return _normalise_general(url)
    scheme, host, port, path, query = simple.groups()
    if port is not None and (f":{port}" == _DEFAULT_PORTS[scheme] or int(port) > 65535):
        return _normalise_general(url)
    netloc = f"{host.rstrip('.')}:{port}" if port else host.rstrip(".")
    path = path or "/"
    if "/." in path:
        path = _remove_dot_segments(path)
    if " " in path:
        path = path.replace(" ", "%20")
    query = _normalise_query(query) if query else ""
    return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


def _normalise_general(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        host = _host(parts.hostname)
        port = parts.port
    except (ValueError, UnicodeError):  # bad port, bad IPv6 literal, unencodable host
        return None
    netloc = host if port is None or f":{port}" == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = parts.path or "/"
    if ";" in path:
        path = _PATH_SESSION.sub("", path)
    if "/." in path:
        path = _remove_dot_segments(path)
    if not path.isascii():
        path = quote(path, safe=_SAFE_PATH)
    query = _normalise_query(parts.query) if parts.query else ""
    return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


def _host(hostname: str) -> str:
    if ":" in hostname:
        return f"[{hostname}]"  # an IPv6 literal keeps its brackets
    if hostname.isascii():
        return hostname.rstrip(".")
    return hostname.rstrip(".").encode("idna").decode("ascii")  # 中国政府网.政务 → xn--…


def _remove_dot_segments(path: str) -> str:
    resolved = posixpath.normpath(path)
    if resolved.startswith("//"):  # normpath keeps a leading double slash
        resolved = "/" + resolved.lstrip("/")
    if path.endswith(("/", "/.", "/..")) and resolved != "/":
        resolved += "/"
    return resolved


def _normalise_query(query: str) -> str:
    if "&" not in query and "=" in query and not _is_session_key(query.split("=", 1)[0].lower()):
        return query if query.isascii() else quote(query, safe=_SAFE_QUERY)
    pairs = [pair for pair in query.split("&") if pair and not _is_session_key(pair.split("=", 1)[0].lower())]
    pairs.sort(key=lambda pair: pair.split("=", 1)[0])  # stable: repeated keys keep their order
    joined = "&".join(pairs)
    return joined if joined.isascii() else quote(joined, safe=_SAFE_QUERY)


def _is_session_key(key: str) -> bool:
    return key in _SESSION_KEYS or key.startswith("aspsessionid")


def host_of(url: str) -> str:
    """`host[:port]` of a normalised URL."""
    return url.split("/", 3)[2]


def origin(url: str) -> str:
    """`scheme://host[:port]` of an absolute URL."""
    scheme_end = url.find("://")
    if scheme_end == -1:
        return url
    path_start = url.find("/", scheme_end + 3)
    return url if path_start == -1 else url[:path_start]


def site_key(host: str) -> str:
    """Hosts that are one site: `www.example.gov.cn` and `example.gov.cn` (not other subdomains)."""
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, site: str) -> bool:
    """Whether normalised `url` belongs to the site whose `site_key` is `site`."""
    return site_key(host_of(url)) == site


def _file_name(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path[path.rfind("/") + 1 :]


def extension(url: str) -> str:
    """Lower-case file extension of the URL's last path segment, "" if none."""
    name = _file_name(url)
    dot = name.rfind(".")
    return name[dot + 1 :].lower() if dot != -1 else ""


def is_attachment(url: str) -> bool:
    """A document, form, archive or media file to download rather than a page to read."""
    name = _file_name(url).lower()
    dot = name.rfind(".")
    return (dot != -1 and name[dot + 1 :] in ATTACHMENT_EXTENSIONS) or name.startswith(_DOWNLOAD_WORDS)


def is_image(url: str) -> bool:
    return extension(url) in IMAGE_EXTENSIONS
