"""Small helpers shared by the extractors: width folding, whitespace clean-up, the visible DOM.

Chinese pages mix full-width and half-width forms freely (２０２６年, 索引号：); folding them once lets every
pattern be written in plain ASCII.
"""

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Full-width ASCII block (！..～) maps 1:1 onto half-width; the ideographic space onto a space.
# The mapping keeps string length, so positions found in the folded text hold in the original.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH[0xA0] = 0x20  # &nbsp; as parsed


_FOLDABLE = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def fold_width(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces as their ASCII forms (same length)."""
    # translate() looks every character up in a dict; most texts have nothing to fold, and a regular
    # expression finds that out many times faster.
    return text.translate(_FULL_WIDTH) if _FOLDABLE.search(text) else text


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")


def squash_spaces(text: str) -> str:
    """Runs of spaces as one space, trimmed; line breaks kept."""
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str) -> str:
    """Each line trimmed and space-squashed, empty lines dropped: paragraphs one per line."""
    lines = (squash_spaces(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def compact(text: str) -> str:
    """All whitespace removed (Chinese labels are often padded: "索 引 号")."""
    return re.sub(r"[\s\u00a0\u3000\u200b\ufeff]+", "", text)


# Elements whose text a visitor never reads as content.
_INVISIBLE_TAGS = ["script", "style", "noscript", "template"]
# Elements hidden in the markup itself (stylesheets are not read): the hidden twin of every title on
# Angular pages (span.ng-hide), unused templates, collapsed share menus.
_HIDDEN = (
    "[hidden], .ng-hide, [style*='display:none' i], [style*='display: none' i], "
    "[style*='visibility:hidden' i], [style*='visibility: hidden' i]"
)


def visible_tree(html: str, *, drop_hidden: bool = True) -> LexborHTMLParser:
    """``html`` parsed, without scripts, styles, comments and (unless asked) elements hidden inline.

    Pages keep old layouts inside comments and write rows from scripts (the Jilin disclosure page holds
    its metadata three times, twice commented out): only what a visitor sees is evidence."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE_TAGS)
    root = tree.root
    if root is None:
        return tree
    doomed = [node for node in root.traverse(include_text=True) if node.is_comment_node]
    if drop_hidden:
        doomed += root.css(_HIDDEN)
    # Innermost first, so no node is freed before a descendant of it.
    for node in sorted(doomed, key=_depth, reverse=True):
        node.decompose()
    return tree


def _depth(node: LexborNode) -> int:
    depth = 0
    while (node := node.parent) is not None:
        depth += 1
    return depth


# Tags that start a new line of text; table cells are separated by a space within their row.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
})  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})


def block_text(node: LexborNode) -> str:
    """The text of ``node`` with one line per paragraph, block or table row (clean_lines applied)."""
    parts: list[str] = []
    # An explicit stack: real pages nest deep enough to make recursion a risk.
    stack: list[tuple[LexborNode, str]] = [(node, "")]
    while stack:
        current, closing = stack.pop()
        if closing:
            parts.append(closing)
            continue
        if current.is_text_node:
            parts.append(current.text(deep=False))
            continue
        tag = current.tag
        if tag == "br":
            parts.append("\n")
            continue
        separator = "\n" if tag in _BLOCK_TAGS else " " if tag in _CELL_TAGS else ""
        if separator:
            parts.append(separator)
            stack.append((current, separator))
        stack.extend((child, "") for child in reversed(list(current.iter(include_text=True))))
    return clean_lines("".join(parts))
