"""Page bytes to text for Chinese government pages: GB2312/GBK/GB18030, UTF-8, Big5. Never raises.

Order: byte-order mark, the HTTP Content-Type charset, a `<meta>` charset (or XML declaration) in the
first 4 KB, then detection; `errors="replace"` is the last resort and `Decoded` says what was used.

- GB2312 and GBK labels decode as GB18030, a superset: pages declared gb2312 carry GBK characters
  (names such as 镕 or 喆) that a strict GB2312 codec rejects.
- Big5 labels decode as Big5-HKSCS, a superset, as browsers do.
- A latin-1/ASCII label on a page with non-ASCII bytes is a server default (Tomcat sends ISO-8859-1
  for GBK pages), so it is skipped like no label at all.
- Labels lie both ways (header utf-8 over a GBK body; gb2312 copied into a UTF-8 template), so a
  declared legacy encoding loses to a body that is valid UTF-8, and a declared UTF-8 that fails falls
  back to detection. Valid UTF-8 with non-ASCII bytes is almost never anything else; GB18030 accepts
  almost any bytes, so UTF-8 must be tried first.

Detection is a trial: strict UTF-8, then strict GB18030 (with a Big5 check), then "mostly UTF-8",
then GB18030 with replacement. Measured against charset-normalizer 3.5.2 (median, 54–60 KB list pages
a third Chinese): trial 0.05 ms UTF-8 / 0.33 ms GBK / 0.58 ms Big5, charset-normalizer 0.5 / 1.1 /
1.5 ms; on 90 short snippets (20 characters) the trial decoded 90 right, charset-normalizer 89. Pages
that declare their encoding (nearly all) skip detection and cost one strict decode.
"""

import codecs
import re
from dataclasses import dataclass

META_WINDOW = 4096  # bytes searched for a <meta> charset; browsers prescan 1,024 but pages put comments first

# Labels seen on Chinese sites → the codec that decodes every page so labelled.
_CODEC_FOR_LABEL: dict[str, str] = {
    **dict.fromkeys(
        (
            "gb2312", "gb_2312", "gb_2312-80", "csgb2312", "gbk", "x-gbk", "cp936", "ms936",
            "windows-936", "chinese", "iso-ir-58", "euc-cn", "x-euc-cn", "gb18030", "gb-18030",
        ),
        "gb18030",
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "big5hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950"), "big5hkscs"),
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"), "utf-8"),
}  # fmt: skip
# Western defaults that servers attach to pages without knowing their encoding.
_WEAK_CODECS = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:\-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:\-]+)""",
    re.IGNORECASE,
)
_ASCII = bytes(range(0x80))
_DOUBLE_BYTE = re.compile(rb"[\x81-\xfe][\x40-\xfe]")
_GB2312_TRAILS = bytes(range(0xA1, 0x100))  # GB text keeps trail bytes here; Big5 uses 0x40-0x7E too
_BIG5_TRAIL_SHARE = 0.15  # measured: GB text ≈ 0–3 % low trail bytes, Big5 text ≈ 30–45 %
_BIG5_SAMPLE = 8192  # bytes from the first non-ASCII one: enough pairs, bounded cost
_FIRST_NON_ASCII = re.compile(rb"[\x80-\xff]")
_MOSTLY_UTF8 = 0.05  # replacement characters per non-ASCII byte; GBK read as UTF-8 gives ≈ 0.5


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the Python codec used
    source: str  # "bom", "header", "meta", "detected" or "empty"
    replaced: bool = False  # some bytes were invalid and became U+FFFD


def codec_for_label(label: str) -> str | None:
    """The codec for a charset label, or None for a label Python does not know."""
    label = label.strip().strip("\"'").lower()
    if codec := _CODEC_FOR_LABEL.get(label):
        return codec
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type or "charset" not in content_type.lower():
        return None
    match = _HEADER_CHARSET.search(content_type)
    return codec_for_label(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body, 0, META_WINDOW)
    if not match:
        return None
    codec = codec_for_label((match.group(1) or match.group(2)).decode("ascii"))
    # A meta tag claiming UTF-16 was read as ASCII, so it cannot be true (HTML standard: use UTF-8).
    return "utf-8" if codec in {"utf-16", "utf-16-le", "utf-16-be"} else codec


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a page the way a careful reader would; never raises."""
    if not body:
        return Decoded("", "utf-8", "empty")
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _decode_or_replace(body, codec, "bom")
    has_non_ascii = not body.isascii()
    for source, codec in (
        ("header", charset_from_content_type(content_type)),
        ("meta", charset_from_meta(body)),
    ):
        if codec is None or (codec in _WEAK_CODECS and has_non_ascii):
            continue
        return _decode_declared(body, codec, source)
    return _detect(body)


def _decode_declared(body: bytes, codec: str, source: str) -> Decoded:
    if codec != "utf-8" and not body.isascii() and (text := _strict(body, "utf-8")) is not None:
        return Decoded(text, "utf-8", "detected")  # the label is a template leftover
    if (text := _strict(body, codec)) is not None:
        return Decoded(text, codec, source)
    if codec == "utf-8":
        if _mostly_utf8(body):
            return _decode_or_replace(body, "utf-8", source)
        return _detect(body)  # header says UTF-8, body is GBK: a common server misconfiguration
    return _decode_or_replace(body, codec, source)


def _detect(body: bytes) -> Decoded:
    if (text := _strict(body, "utf-8")) is not None:
        return Decoded(text, "utf-8", "detected")
    if (text := _strict(body, "gb18030")) is not None:
        if _looks_like_big5(body) and (big5 := _strict(body, "big5hkscs")) is not None:
            return Decoded(big5, "big5hkscs", "detected")
        return Decoded(text, "gb18030", "detected")
    if _mostly_utf8(body):
        return _decode_or_replace(body, "utf-8", "detected")
    return _decode_or_replace(body, "gb18030", "detected")


def _strict(body: bytes, codec: str) -> str | None:
    """Strict decoding that forgives a character cut in half at the end (the page was capped)."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(body, final=False)
    except UnicodeDecodeError:
        return None


def _decode_or_replace(body: bytes, codec: str, source: str) -> Decoded:
    if (text := _strict(body, codec)) is not None:
        return Decoded(text, codec, source)
    return Decoded(body.decode(codec, errors="replace"), codec, source, replaced=True)


def _mostly_utf8(body: bytes) -> bool:
    """UTF-8 with a few bad bytes (a GBK snippet pasted into a UTF-8 template), not a GB page."""
    non_ascii = len(body.translate(None, _ASCII))
    replaced = body.decode("utf-8", errors="replace").count("\ufffd")
    return replaced <= non_ascii * _MOSTLY_UTF8


def _looks_like_big5(body: bytes) -> bool:
    first = _FIRST_NON_ASCII.search(body)
    start = first.start() if first else 0
    trails = b"".join(_DOUBLE_BYTE.findall(body, start, start + _BIG5_SAMPLE))[1::2]
    if not trails:
        return False
    low_trails = len(trails.translate(None, _GB2312_TRAILS))
    return low_trails / len(trails) > _BIG5_TRAIL_SHARE
