"""Scripts and meta tags that send visitors elsewhere: the redirect half of a hijacked page.

Attackers who want a government domain's search ranking without the site's staff noticing redirect
only visitors who arrive from a search engine (``if (document.referrer.indexOf("baidu") > -1)
location.href = "http://…"``), add a ``<meta http-equiv="refresh">``, or write a ``<script src>`` from
their own host into the page. Real government pages are full of harmless ``location`` reads and
``document.write`` calls (statistics counters, share buttons), so only a redirect to an outside,
non-government host, or a script from a spam-looking host, is a finding.

Judged from the raw bytes around the hints that ``content_risks`` found, without parsing the page.
"""

import base64
import binascii
import re
from urllib.parse import unquote, urlsplit

from govsite.indicators.inspection import Concealment, ContentFlag, ContentRisk

from . import risk_hosts
from .links import normalise_url

__all__ = ["cloaked", "deobfuscate", "redirect_flags", "written_html"]

_CLOAKED = 0.95  # only search-engine visitors are sent away: there is no innocent reading of that
_TO_SPAM_HOST = 0.9
_FROM_SPAM_HOST = 0.85  # a script or frame loaded from a spam-looking host
_TO_OUTSIDE = 0.6  # a plain redirect to a non-government host: to be looked at, not a veto
_EXCERPT_CHARS = 120
_SCAN_BACK = 65_536  # how far before a hint an enclosing <script> may start

_CONDITION = re.compile(r"document\s*\.\s*referrer|navigator\s*\.\s*useragent", re.IGNORECASE)
_SEARCH_ENGINES = re.compile(
    r"baidu|sogou|so\.com|haosou|360|google|bing|sm\.cn|yahoo|youdao|soso|toutiao|spider|bot", re.IGNORECASE
)
# Starts with the literal "location" so the regex engine can skip ahead to it.
_LOCATION_SET = re.compile(
    r"location(?:(?:\s*\.\s*href)?\s*=(?!=)\s*([^;\n]{0,300})|\s*\.\s*(?:replace|assign)\s*\(\s*([^)\n]{0,300}))"
)
_HANDLER = re.compile(r"""\bon\w+\s*=\s*["']([^"']*)""", re.IGNORECASE)
_URL_LITERAL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)["'`]""")
_IDENTIFIER = re.compile(r"^\s*([A-Za-z_$][\w$]*)\s*\)?\s*$")
_META_URL = re.compile(r"""url\s*=\s*['"]?([^"'>\s;]+)""", re.IGNORECASE)
_TAG_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_WRITTEN_TAG = re.compile(r"<\s*(script|iframe)\b[^>]*>", re.IGNORECASE)
_STRING = re.compile(r"""(["'])((?:\\.|(?!\1).){1,2000})\1""", re.DOTALL)
_JOIN = re.compile(r"""(["'])\s*\+\s*\1""")
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
_FROM_CHAR_CODE = re.compile(r"String\.fromCharCode\(([\d\s,]+)\)")
_ATOB = re.compile(r"""atob\(\s*["']([A-Za-z0-9+/=]{8,})["']\s*\)""")


def redirect_flags(raw: bytes, positions: list[int], url: str, site: str) -> list[ContentFlag]:
    """Flags for the scripts and tags around the byte positions of the raw pass's script hints."""
    flags: list[ContentFlag] = []
    judged_until = -1
    capitals = b"<SCRIPT" in raw  # old pages write tags in capitals; most pages need not look for them
    for position in sorted(positions):
        if position < judged_until or not _worth_judging(raw, position):
            continue  # another hint of a script already judged whole, or a harmless read
        end, tag, code = _around(raw, position, capitals)
        judged_until = end
        flags += _judge_tag(tag, url, site)
        if code:
            flags += _judge_script(code, url, site)
    return flags


# What makes a hint worth decoding its script for: a location written (not read), a write of markup
# that loads something, a meta tag, or an obfuscation call.
_LOCATION_WRITE = re.compile(rb"location(?:\s*\.\s*href)?\s*=(?!=)|location\s*\.\s*(?:replace|assign)\s*\(")
_LOADS = (b"src", b"%3c", b"\\x3c", b"\\u003c", b"iframe", b"fromcharcode", b"atob", b"eval")
_WINDOW = 400  # bytes after a document.write hint in which what it writes is looked for


def _worth_judging(raw: bytes, position: int) -> bool:
    if raw.startswith(b"location", position):
        return _LOCATION_WRITE.match(raw, position) is not None
    if raw.startswith((b"document.write", b"innerHTML"), position):
        window = raw[position : position + _WINDOW].lower()
        return any(token in window for token in _LOADS)
    return True  # refresh, fromCharCode, atob, eval, a spam host's src


def written_html(script: str) -> str:
    """The HTML a script writes into the page (``document.write``, ``innerHTML``), deobfuscated."""
    if "write" not in script and "innerHTML" not in script and "%3C" not in script.upper():
        return ""
    plain = deobfuscate(script)
    return " ".join(match.group(2) for match in _STRING.finditer(plain))


def cloaked(code: str) -> bool:
    """Whether a script acts only for search engines: it tests the referrer or the user agent for one."""
    return ("referrer" in code or "userAgent" in code) and bool(
        _CONDITION.search(code) and _SEARCH_ENGINES.search(code)
    )


def deobfuscate(code: str) -> str:
    """Undo the cheap tricks of injected scripts: "<scr"+"ipt", \\x escapes, unescape('%3C'),
    String.fromCharCode(…) and atob('…')."""
    if "+" in code:
        code = _JOIN.sub("", code)
    if "\\x" in code or "\\u" in code:
        code = _ESCAPE.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)), code)
    if "%" in code and ("unescape" in code or "decodeURI" in code):
        code = unquote(code)
    code = _FROM_CHAR_CODE.sub(lambda match: repr("".join(_chars(match.group(1)))), code)
    return _ATOB.sub(lambda match: repr(_base64(match.group(1))), code)


def _around(raw: bytes, position: int, capitals: bool) -> tuple[int, str, str]:
    """(where it ends, the enclosing start tag, the enclosing inline script's or handler's code) of a
    hint, searched in the bytes directly."""
    low = max(0, position - _SCAN_BACK)
    script_open = raw.rfind(b"<script", low, position)
    script_close = raw.rfind(b"</script", low, position)
    if capitals:
        script_open = max(script_open, raw.rfind(b"<SCRIPT", low, position))
        script_close = max(script_close, raw.rfind(b"</SCRIPT", low, position))
    tag_start = raw.rfind(b"<", low, position)
    if script_open > script_close:  # the hint is inside a script element, or in its start tag
        opening_end = raw.find(b">", script_open)
        if 0 <= opening_end < position:  # inside the script's code
            close = raw.find(b"</script", position)
            upper = raw.find(b"</SCRIPT", position, close if close >= 0 else len(raw))
            close = upper if upper >= 0 else close if close >= 0 else len(raw)
            code = raw[opening_end + 1 : close].decode("utf-8", "ignore")
            return close, raw[script_open : opening_end + 1].decode("utf-8", "ignore"), code
        tag_start = script_open
    tag_end = raw.find(b">", position)
    end = tag_end + 1 if tag_end >= 0 else len(raw)
    tag = raw[max(tag_start, 0) if tag_start >= 0 else position : end].decode("utf-8", "ignore")
    return end, tag, _event_handlers(tag)


def _event_handlers(tag: str) -> str:
    """Inline handler code of a tag (``<body onload="location.href='…'">``)."""
    return " ".join(_HANDLER.findall(tag)) if " on" in tag.lower() else ""


def _judge_tag(tag: str, url: str, site: str) -> list[ContentFlag]:
    lowered = tag.lower()
    if lowered.startswith("<meta") and "refresh" in lowered and "http-equiv" in lowered:
        target = _META_URL.search(tag)
        return _redirect(target.group(1) if target else "", url, site, conditioned=False, excerpt=tag)
    if lowered.startswith(("<script", "<iframe")):
        source = _TAG_SRC.search(tag)
        return _loaded_from(source.group(1) if source else "", url, site, tag)
    return []


def _judge_script(code: str, url: str, site: str) -> list[ContentFlag]:
    plain = deobfuscate(code)
    flags: list[ContentFlag] = []
    if "location" in plain:
        conditioned = cloaked(plain)
        for match in _LOCATION_SET.finditer(plain):
            excerpt = plain[
                max(0, match.start() - _EXCERPT_CHARS // 2) :
            ]  # the condition is usually just before
            for target in _targets(match.group(1) or match.group(2) or "", plain, conditioned):
                flags += _redirect(target, url, site, conditioned=conditioned, excerpt=excerpt)
    if "script" in plain or "iframe" in plain or "SCRIPT" in plain or "IFRAME" in plain:
        for written in _WRITTEN_TAG.finditer(plain):
            source = _TAG_SRC.search(written.group(0))
            if source:
                flags += _loaded_from(source.group(1), url, site, written.group(0))
    return flags


def _targets(assigned: str, code: str, conditioned: bool) -> list[str]:
    """The URLs a location assignment may send to: a literal, a variable's literal value, or, in a
    referrer-conditioned script, every URL the script holds."""
    literal = _URL_LITERAL.search(assigned)
    if literal:
        return [literal.group(1)]
    variable = _IDENTIFIER.match(assigned)
    if variable:
        pattern = re.escape(variable.group(1)) + r"""\s*=\s*["'`]((?:https?:)?//[^"'`\s]+)"""
        values = [match.group(1) for match in re.finditer(pattern, code)]
        if values:
            return values
    return [match.group(1) for match in _URL_LITERAL.finditer(code)] if conditioned else []


def _redirect(target: str, url: str, site: str, *, conditioned: bool, excerpt: str) -> list[ContentFlag]:
    host = _outside_host(target, url, site)
    if host is None:
        return []
    score = _CLOAKED if conditioned else _TO_SPAM_HOST if risk_hosts.risky(host) else _TO_OUTSIDE
    how = Concealment.HIDDEN if conditioned else Concealment.VISIBLE
    return [ContentFlag(url, ContentRisk.JS_REDIRECT, _squash(excerpt), (host,), how, score)]


def _loaded_from(source: str, url: str, site: str, excerpt: str) -> list[ContentFlag]:
    host = _outside_host(source, url, site)
    if host is None or not risk_hosts.risky(host):
        return []  # statistics counters and share buttons load scripts from outside hosts every day
    return [
        ContentFlag(
            url, ContentRisk.JS_REDIRECT, _squash(excerpt), (host,), Concealment.HIDDEN, _FROM_SPAM_HOST
        )
    ]


def _outside_host(target: str, url: str, site: str) -> str | None:
    absolute = normalise_url(target, url) if target else None
    host = urlsplit(absolute).hostname if absolute else None
    return host if host and not risk_hosts.trusted(host, site) else None


def _squash(text: str) -> str:
    return " ".join(text.split())[:_EXCERPT_CHARS]


def _chars(numbers: str) -> list[str]:
    return [
        chr(int(number))
        for number in numbers.replace(" ", "").split(",")
        if number.isdigit() and int(number) < 0x110000
    ]


def _base64(text: str) -> str:
    try:
        return base64.b64decode(text, validate=True).decode("utf-8", "ignore")
    except (binascii.Error, ValueError):
        return text
