"""Every link a page offers, absolutised and normalised, as a crawler and a link checker need them.

Government pages link in many ways besides ``<a href>``: image maps, iframes, stylesheets, and
``onclick="window.open('…')"`` buttons. Links are kept in document order, each with where it came
from, whether the visitor can see it, and what it points at (a page, a document to download, an image).
"""

import functools
import posixpath
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.indicators.inspection import LinkKind

from .tree import parse, per_page

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "Link",
    "LinkSource",
    "extract_links",
    "hides",
    "is_hidden",
    "is_title_text",
    "link_kind",
    "link_title",
    "normalise_url",
    "one_line",
    "script_targets",
]

# Documents a government page offers for download (WPS/ET are Kingsoft Office, OFD the national
# e-document format).
ATTACHMENT_EXTENSIONS = frozenset(
    ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "zip", "rar", "7z", "txt", "csv")
)


class LinkSource(StrEnum):
    """Where on the page a link was written; only anchors, areas and scripted opens are navigation."""

    ANCHOR = "a"
    AREA = "area"
    SCRIPT = "onclick"  # window.open('…') or location.href='…' in an onclick handler
    IFRAME = "iframe"
    STYLESHEET = "stylesheet"
    IMAGE = "img"


_NAVIGATION_SOURCES = frozenset((LinkSource.ANCHOR, LinkSource.AREA, LinkSource.SCRIPT))


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str = ""
    kind: LinkKind = LinkKind.PAGE
    source: LinkSource = LinkSource.ANCHOR
    hidden: bool = False  # inside an element hidden by an inline style or the hidden attribute

    @property
    def is_page(self) -> bool:
        """A page a visitor can go to (what a crawler follows); iframes and stylesheets are not."""
        return self.kind is LinkKind.PAGE and self.source in _NAVIGATION_SOURCES


@per_page
def extract_links(html: str | LexborHTMLParser, base_url: str) -> list[Link]:
    """The page's links in document order, duplicates kept (a checker groups them by URL itself)."""
    tree = parse(html) if isinstance(html, str) else html
    base_url = _document_base(tree, base_url)
    links: list[Link] = []
    selector = "a[href], area[href], [onclick], iframe[src], link[rel][href], img[src]"
    for node in tree.css(selector):
        for source, raw in _raw_targets(node):
            url = normalise_url(raw, base_url)
            if url is None:
                continue
            kind = LinkKind.IMAGE if source is LinkSource.IMAGE else link_kind(url)
            text = _link_text(node) if source is not LinkSource.IMAGE else (node.attributes.get("alt") or "")
            links.append(Link(url, one_line(text), kind, source, is_hidden(node)))
    return links


def _raw_targets(node: LexborNode) -> list[tuple[LinkSource, str]]:
    attrs = node.attributes
    tag = node.tag
    found: list[tuple[LinkSource, str]] = []
    if tag == "a" and attrs.get("href") is not None:
        found.append((LinkSource.ANCHOR, attrs["href"] or ""))
    elif tag == "area" and attrs.get("href") is not None:
        found.append((LinkSource.AREA, attrs["href"] or ""))
    elif tag == "iframe":
        found.append((LinkSource.IFRAME, attrs.get("src") or ""))
    elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split():
        found.append((LinkSource.STYLESHEET, attrs.get("href") or ""))
    elif tag == "img":
        found.append((LinkSource.IMAGE, attrs.get("src") or ""))
    onclick = attrs.get("onclick")
    if onclick:
        found.extend((LinkSource.SCRIPT, target) for target in script_targets(onclick))
    return found


# window.open('url'), location.href = "url", window.location='url', location.assign('url').
_SCRIPT_TARGET = re.compile(
    r"""(?:window\.open\s*\(|location(?:\.href)?\s*=|location\.(?:assign|replace)\s*\()\s*(["'])(?P<url>[^"']+)\1"""
)


def script_targets(script: str) -> list[str]:
    """URLs a snippet of inline script navigates to."""
    return [match["url"] for match in _SCRIPT_TARGET.finditer(script)]


def _link_text(node: LexborNode) -> str:
    text = node.text(deep=True)
    if text.strip():
        return text
    attrs = node.attributes
    if attrs.get("title"):
        return attrs["title"] or ""
    image = node.css_first("img[alt]")
    return (image.attributes.get("alt") or "") if image is not None else ""


def _document_base(tree: LexborHTMLParser, base_url: str) -> str:
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    return urljoin(base_url, href.strip()) if href else base_url


_NOT_LINKS = ("javascript:", "mailto:", "tel:", "sms:", "data:", "about:", "#")
# Template placeholders a page shipped unrendered: Angular/Vue {{x.docId}}, JSP/JS ${x}, ASP <%= %>.
_TEMPLATE = re.compile(r"\{\{|\}\}|\$\{|<%|%>|\{[a-zA-Z_.]+\}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@functools.lru_cache(maxsize=32768)  # a site repeats its navigation on every page
def normalise_url(raw: str, base_url: str) -> str | None:
    """``raw`` made absolute against ``base_url`` and normalised; None when it is not a link."""
    raw = raw.strip().replace("\\", "/")
    if not raw or raw[:11].lower().startswith(_NOT_LINKS) or _TEMPLATE.search(raw):
        return None
    if "\n" in raw or "\r" in raw or "\t" in raw:
        raw = re.sub(r"[\t\r\n]", "", raw)
    try:
        parts = urlsplit(_absolute(raw, base_url))
        port = parts.port
    except ValueError:  # a malformed IPv6 host or port: not a link anyone can follow
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, _clean_path(parts.path), parts.query, ""))


def _absolute(raw: str, base_url: str) -> str:
    if raw.startswith(("http://", "https://", "HTTP://", "HTTPS://")):
        return raw
    if raw.startswith("/") and not raw.startswith("//"):
        return _origin(base_url) + raw  # the common root-relative href, without urljoin's cost
    return urljoin(base_url, raw)


@functools.lru_cache(maxsize=256)
def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def _clean_path(path: str) -> str:
    if not path:
        return "/"
    if "/." not in path and "//" not in path:
        return path if path.startswith("/") else "/" + path
    cleaned = posixpath.normpath(path)
    cleaned = re.sub(r"^/(?:\.\./?)+", "/", cleaned)  # ../ above the root stays at the root
    if cleaned == ".":
        cleaned = "/"
    if path.endswith("/") and not cleaned.endswith("/"):
        cleaned += "/"
    return cleaned if cleaned.startswith("/") else "/" + cleaned


def link_kind(url: str) -> LinkKind:
    """A document to download when the path (or a file-name parameter) ends in a document extension."""
    parts = urlsplit(url)
    if _extension(parts.path) in ATTACHMENT_EXTENSIONS:
        return LinkKind.ATTACHMENT
    # Download scripts name the file in a parameter: downfile.jsp?filename=表格.doc
    for _, value in parse_qsl(parts.query) if "." in parts.query else ():
        if _extension(value) in ATTACHMENT_EXTENSIONS:
            return LinkKind.ATTACHMENT
    return LinkKind.PAGE


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Angular's ng-hide is display:none!important by the framework's own stylesheet; nfra repeats every
# list title in an ng-hide span, so reading it as visible would double every item.
_HIDING_CLASSES = frozenset(("ng-hide", "hidden", "hide", "d-none"))


def hides(node: LexborNode) -> bool:
    """Whether this element itself hides its content (not its ancestors)."""
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style and _HIDING_STYLE.search(style):
        return True
    classes = attrs.get("class")
    return bool(classes) and not _HIDING_CLASSES.isdisjoint(classes.split())


def is_hidden(node: LexborNode) -> bool:
    """Whether the element or one of its ancestors hides it."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("html", "-undef"):
        if hides(current):
            return True
        current = current.parent
    return False


# Words of navigation and paging, never an item's title however long the decoration around them.
_NAVIGATION_TEXT = re.compile(
    r"^(?:首页|上一页|下一页|上页|下页|尾页|末页|更多|查看更多|更多内容|更多信息|返回|返回顶部|返回首页|"
    r"设为首页|加入收藏|关闭窗口|打印本页|网站地图|无障碍浏览|长者模式|登录|注册|English)\W*$"
    r"|^分享到",  # share buttons: 分享到新浪微博
    re.IGNORECASE,
)
# Footer identity links (京ICP备…, 京公网安备…, 网站标识码) are long but are no items; a title that
# names ICP filing ("关于加强ICP备案管理的通知") is one.
_IDENTITY_TEXT = re.compile(
    r"^(?:\w{0,2}ICP[备证]|\w{0,2}公网安备|网站标识码|版权所有|Copyright|©)", re.IGNORECASE
)
_LETTERS = re.compile(r"[A-Za-z\u4e00-\u9fff]")
MIN_TITLE_CHARS = 6


def is_title_text(text: str) -> bool:
    """Long enough to be an item's title (>= 6 characters), with words in it, and not navigation."""
    text = text.strip()
    if len(text) < MIN_TITLE_CHARS or _NAVIGATION_TEXT.match(text) or _IDENTITY_TEXT.search(text):
        return False
    # A bare date or number ("2026-11-20", "2026年11月20日") is a date column, not a title.
    return len(_LETTERS.findall(text.replace("年", "").replace("月", "").replace("日", ""))) >= 2


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# A line break between two Chinese characters is a template's wrapping ("政府信息\n公开指南"), not a space.
_BREAK_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")


def one_line(text: str) -> str:
    """Text on one line: wrapped Chinese rejoined, every other run of whitespace one space."""
    if "\n" in text:
        text = _BREAK_IN_CJK.sub("", text)
    return " ".join(text.split())


_ELLIPSIS = re.compile(r"(?:\.{2,}|…+|。。+)$")


def _shown_text(node: LexborNode) -> bool:
    return node.tag == "-text" and node.parent is not None and node.parent.tag not in ("script", "style")


def link_title(anchor: LexborNode) -> str:
    """The title an anchor shows, whitespace squashed; its ``title`` attribute when the text is cut
    short ("关于做好…") or empty (an image link)."""
    text = one_line(anchor.text(deep=True))
    if "{" in text or ";" in text:  # an inline script inside the anchor is not its text
        text = one_line(
            " ".join(n.text(deep=False) for n in anchor.traverse(include_text=True) if _shown_text(n))
        )
    full = one_line(anchor.attributes.get("title") or "")
    if not full or "<" in full:  # some templates put raw HTML in the title attribute
        return text
    if not text:
        return full
    shown = _ELLIPSIS.sub("", text)
    if len(full) > len(shown) and full.startswith(shown[: max(1, len(shown) - 1)]):
        return full
    return text
