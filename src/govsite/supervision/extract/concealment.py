"""What a visitor cannot see on a page: the hiding places of injected spam (暗链, 隐藏文字).

Attackers who compromise a government site append gambling links and keywords the visitor must not
notice but search engines index: ``display:none`` blocks, text pushed 9999px off-screen, white text on
a white page, a 1-pixel ``<marquee>``. This module reads a parsed page's inline styles, ``hidden``
attributes, presentational attributes (``<font color>``, ``bgcolor``) and the page's own ``<style>``
rules, and tells for any node how it is concealed.

Hidden content is not in itself a finding: real government pages hide mobile menus, tab panels,
screen-reader labels and Angular ``ng-hide`` copies of every title (nfra.gov.cn). The caller decides
what matters (hidden risky terms, hidden links to outside sites); this module only says "hidden how".

Limits, on purpose: external stylesheets are not fetched, specificity is approximated by source order
(inline style last), and rules inside ``@media`` blocks are ignored (they hide things on phones only).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from govsite.indicators.inspection import Concealment

__all__ = ["ConcealedItem", "ConcealmentMap", "concealed_items", "style_concealment"]

# Class names whose hiding rule lives in a framework stylesheet the page links to (Angular, Bootstrap,
# common "sr-only" helpers), so the rule itself is rarely in the page.
_HIDING_CLASSES = frozenset(
    ("ng-hide", "hidden", "hide", "d-none", "sr-only", "visually-hidden", "invisible")
)
_NO_TEXT_TAGS = frozenset(("script", "style", "template", "noscript", "head", "-document"))
# A box this far out of the page (in px) is out of every screen; -999px is the usual attacker value.
_OFFSCREEN_PX = 999.0
_TINY_PX = 1.0  # font-size or box height at or under this is unreadable
_NEAR_COLOUR = 24  # max per-channel difference (0..255) at which two colours are "the same"
_WHITE = (255, 255, 255)
_BLACK = (0, 0, 0)
_BG_IMAGE = (-1, -1, -1)  # a background picture: the text colour cannot be judged against it

_NAMED_COLOURS = {
    "white": _WHITE, "black": _BLACK, "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
    "whitesmoke": (245, 245, 245), "snow": (255, 250, 250), "ivory": (255, 255, 240),
}  # fmt: skip
_HEX_COLOUR = re.compile(r"#([0-9a-f]{6}|[0-9a-f]{3})\b")
_RGB_COLOUR = re.compile(r"rgba?\(\s*(\d+)\D+?(\d+)\D+?(\d+)(?:\D+?([\d.]+))?\s*\)")
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|em|rem)?$")
_TRANSLATE = re.compile(r"translate[xy3d]*\(\s*(-?\d+(?:\.\d+)?)px")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Properties a rule needs to touch to matter here; display/visibility also matter when they un-hide.
_RELEVANT = re.compile(
    r"display|visibility|opacity|font-size|height|overflow|position|left|top|margin|text-indent|clip"
    r"|transform|color|background"
)


@dataclass(frozen=True, slots=True)
class ConcealedItem:
    """A text or a link on the page that a visitor does not see, and how it hides."""

    text: str
    concealment: Concealment
    href: str = ""  # set for links


def style_concealment(style: str) -> Concealment | None:
    """How one element's declarations (an inline ``style`` value) hide it, if they do."""
    return _verdict(_declarations(style))


class ConcealmentMap:
    """Concealment of every node of one parsed page, computed lazily and cached per element."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._tree = tree
        self._rules = list(_style_rules(tree))
        self._rule_decls: dict[int, dict[str, str]] | None = None  # element mem_id → merged rule decls
        self._own: dict[int, Concealment | None] = {}

    def of(self, node: LexborNode) -> Concealment:
        """How the node (an element or a text node) is hidden by itself or any ancestor."""
        hiding = self.concealer(node)
        return hiding[0] if hiding else Concealment.VISIBLE

    def concealer(self, node: LexborNode) -> tuple[Concealment, LexborNode] | None:
        """The nearest element that hides the node, with how; None when the node is visible.

        Callers group hidden links by this element: twenty links hidden by one ``<div>`` are one block.
        """
        for element in _self_and_ancestors(node):
            own = self._own_concealment(element)
            if own is not None:
                return own, element
        if _same_colour(self._colours(node)):
            return Concealment.SAME_COLOUR, node if node.tag != "-text" else node.parent or node
        return None

    def _own_concealment(self, element: LexborNode) -> Concealment | None:
        key = element.mem_id
        if key not in self._own:
            self._own[key] = self._compute_own(element)
        return self._own[key]

    def _compute_own(self, element: LexborNode) -> Concealment | None:
        attrs = element.attributes
        if "hidden" in attrs:
            return Concealment.HIDDEN
        classes = attrs.get("class") or ""
        if classes and not _HIDING_CLASSES.isdisjoint(classes.split()):
            return Concealment.HIDDEN
        if element.tag == "marquee" and _tiny_marquee(attrs):
            return Concealment.OFFSCREEN  # text scrolls through a box too small to read
        return _verdict(self._declarations_of(element))

    def _declarations_of(self, element: LexborNode) -> dict[str, str]:
        merged = dict(self._matched_rules().get(element.mem_id, {}))
        merged.update(_declarations(element.attributes.get("style") or ""))
        return merged

    def _matched_rules(self) -> dict[int, dict[str, str]]:
        """Declarations of the page's own ``<style>`` rules, merged per matched element in source order."""
        if self._rule_decls is None:
            self._rule_decls = {}
            for selector, decls in self._rules:
                try:
                    matched = self._tree.css(selector)
                except SelectolaxError:
                    continue  # a selector lexbor does not support cannot hide what we read
                for element in matched:
                    self._rule_decls.setdefault(element.mem_id, {}).update(decls)
        return self._rule_decls

    def _colours(self, node: LexborNode) -> tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]:
        """The text colour and the background colour the node is painted with, as far as the page says."""
        foreground = background = None
        for element in _self_and_ancestors(node):
            decls = self._declarations_of(element)
            attrs = element.attributes
            if foreground is None:
                foreground = _colour(
                    decls.get("color") or (attrs.get("color") if element.tag == "font" else None)
                )
            if background is None:
                background = _background(decls) or _colour(attrs.get("bgcolor"))
            if foreground is not None and background is not None:
                break
        return foreground, background


def concealed_items(tree: LexborHTMLParser, concealment: ConcealmentMap | None = None) -> list[ConcealedItem]:
    """Every non-blank text and every link of the page that a visitor does not see."""
    concealment = concealment or ConcealmentMap(tree)
    items: list[ConcealedItem] = []
    root = tree.body or tree.root
    if root is None:
        return items
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parent = node.parent
            text = (node.text_content or "").strip()
            if text and parent is not None and parent.tag not in _NO_TEXT_TAGS:
                how = concealment.of(node)
                if how is not Concealment.VISIBLE:
                    items.append(ConcealedItem(text, how))
        elif node.tag == "a" and node.attributes.get("href"):
            how = concealment.of(node)
            if how is not Concealment.VISIBLE:
                items.append(ConcealedItem(node.text(strip=True), how, node.attributes.get("href") or ""))
    return items


def _self_and_ancestors(node: LexborNode) -> Iterator[LexborNode]:
    current: LexborNode | None = node if node.tag != "-text" else node.parent
    while current is not None and current.tag not in ("html", "-document", "-undef"):
        yield current
        current = current.parent


def _style_rules(tree: LexborHTMLParser) -> Iterator[tuple[str, dict[str, str]]]:
    """(selector, relevant declarations) for the top-level rules of every ``<style>`` in the page."""
    for style in tree.css("style"):
        css = _CSS_COMMENT.sub("", style.text() or "")
        for selectors, body in _top_level_rules(css):
            if not _RELEVANT.search(body):
                continue
            decls = _declarations(body)
            for selector in selectors.split(","):
                selector = selector.strip()
                # State and pseudo-element rules (:hover menus, ::before icons) do not apply to the
                # page as first shown.
                if selector and ":" not in selector:
                    yield selector, decls


def _top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selectors, declarations) pairs outside any @-block (@media, @keyframes, @font-face…)."""
    position, depth, start, selectors = 0, 0, 0, ""
    at_block = False
    while position < len(css):
        char = css[position]
        if char == "{":
            if depth == 0:
                selectors = css[start:position].strip()
                at_block = selectors.startswith("@")
                start = position + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                if not at_block:
                    yield selectors, css[start:position]
                start = position + 1
            depth = max(depth, 0)
        position += 1


def _declarations(style: str) -> dict[str, str]:
    decls: dict[str, str] = {}
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            decls[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return decls


def _verdict(decls: dict[str, str]) -> Concealment | None:
    """Concealment by one element's own declarations."""
    if not decls:
        return None
    if decls.get("display") == "none" or decls.get("visibility") in ("hidden", "collapse"):
        return Concealment.HIDDEN
    opacity = decls.get("opacity")
    if opacity is not None and _number(opacity.rstrip("%")) == 0:
        return Concealment.HIDDEN
    clips = "rect(0" in decls.get("clip", "") or "inset(50%" in decls.get("clip-path", "")
    clipped_box = "hidden" in decls.get("overflow", "") and any(
        _is_tiny(decls.get(side)) for side in ("height", "max-height", "width", "max-width")
    )
    if clips or clipped_box:
        return Concealment.HIDDEN
    if _offscreen(decls):
        return Concealment.OFFSCREEN
    if _is_tiny(decls.get("font-size")):
        return Concealment.SAME_COLOUR  # the enum groups unreadably small text with same-colour text
    return None


def _offscreen(decls: dict[str, str]) -> bool:
    positioned = decls.get("position") in ("absolute", "fixed", "relative")
    offsets = [decls.get("margin-left"), decls.get("margin-top"), decls.get("text-indent")]
    if positioned:
        offsets += [decls.get("left"), decls.get("top"), decls.get("right")]
    for value in offsets:
        pixels = _pixels(value)
        if pixels is not None and (pixels <= -_OFFSCREEN_PX or pixels >= 10 * _OFFSCREEN_PX):
            return True
    shift = _TRANSLATE.search(decls.get("transform", ""))
    return shift is not None and float(shift.group(1)) <= -_OFFSCREEN_PX


def _tiny_marquee(attrs: dict[str, str | None]) -> bool:
    sizes = [_pixels(attrs.get(side)) for side in ("width", "height")]
    decls = _declarations(attrs.get("style") or "")
    sizes += [_pixels(decls.get(side)) for side in ("width", "height")]
    return any(size is not None and size <= 5 for size in sizes)


def _is_tiny(value: str | None) -> bool:
    pixels = _pixels(value)
    return pixels is not None and pixels <= _TINY_PX


def _pixels(value: str | None) -> float | None:
    if not value:
        return None
    match = _LENGTH.match(value.strip())
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    return number * {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0}[unit]


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _colour(value: str | None) -> tuple[int, int, int] | None:
    if not value:
        return None
    value = value.strip().lower()
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    if hex_match := _HEX_COLOUR.search(value):
        digits = hex_match.group(1)
        if len(digits) == 3:
            digits = "".join(digit * 2 for digit in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    if rgb_match := _RGB_COLOUR.search(value):
        alpha = rgb_match.group(4)
        if alpha is not None and float(alpha) == 0:
            return None  # fully transparent paints nothing
        red, green, blue = (min(int(rgb_match.group(i)), 255) for i in (1, 2, 3))
        return red, green, blue
    return None


def _background(decls: dict[str, str]) -> tuple[int, int, int] | None:
    for name in ("background-color", "background"):
        value = decls.get(name)
        if value:
            colour = _colour(value)
            if colour is not None:
                return colour
            if "url(" in value or "gradient" in value:
                return _BG_IMAGE
    if "background-image" in decls and "url(" in decls["background-image"]:
        return _BG_IMAGE
    return None


def _same_colour(colours: tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]) -> bool:
    foreground, background = colours
    if foreground is None or background == _BG_IMAGE:
        return False
    # A page that sets no background is shown white: white text on it is the classic injection.
    background = background or _WHITE
    return max(abs(a - b) for a, b in zip(foreground, background, strict=True)) <= _NEAR_COLOUR
