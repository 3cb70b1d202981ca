"""One parse per page, shared by every extractor that reads it.

The inspector hands each fetched page to a dozen extractors one after another, each of which used to
parse the HTML again (7.3 parses a page, measured). ``parse`` keeps the tree of the page being read,
keyed by the identity of its text: the same ``str`` object is the same page, and another page replaces
it. Extractors only read the shared tree; one that edits a tree (``text.visible_tree``) parses its own.

``per_page`` does the same for a derived result (the page's links, its item lists): the last call's
result is kept for the same page and arguments. Results must be treated as read-only.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from selectolax.lexbor import LexborHTMLParser

P = ParamSpec("P")
R = TypeVar("R")

_last = threading.local()  # threads (admin batches, tests) each read their own pages


def parse(html: str) -> LexborHTMLParser:
    """The parsed tree of ``html``, shared with the other extractors reading the same page. Read only."""
    kept = getattr(_last, "page", None)
    if kept is not None and kept[0] is html:
        return kept[1]
    tree = LexborHTMLParser(html)
    _last.page = (html, tree)
    return tree


def per_page(function: Callable[P, R]) -> Callable[P, R]:
    """Keep ``function(html, *args)``'s last result for the same page text and arguments."""
    kept = threading.local()

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        html, rest = args[0], args[1:]
        if not isinstance(html, str):
            return function(*args, **kwargs)
        key = (rest, tuple(sorted(kwargs.items())))
        last = getattr(kept, "call", None)
        if last is not None and last[0] is html and last[1] == key:
            return last[2]
        result = function(*args, **kwargs)
        kept.call = (html, key, result)
        return result

    return wrapper


@per_page
def compact_text(html: str) -> str:
    """The page body's text with every space removed ("办 理 地 点" → "办理地点"), for quick tests of
    whether a costly extractor can find anything. It includes script text and hidden text: a test on
    it may say yes in vain, never no in vain."""
    body = parse(html).body
    return "".join((body.text() if body is not None else "").split())
