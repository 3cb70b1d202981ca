"""Sanitising HTML that reaches the public, with nh3 (ammonia): an allowlist, never a blocklist."""

import nh3

# Wagtail stores internal links and embeds as <a linktype="page" id="3"> and <embed embedtype="image" ...>;
# they are rewritten at render time, so the sanitiser must keep them.
_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "sub", "sup", "blockquote",
    "ul", "ol", "li", "a", "hr", "table", "thead", "tbody", "tr", "th", "td", "caption", "span", "div",
    "embed", "img", "code", "pre",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "p": {"align"},
}


def clean_rich_text(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        link_rel="noopener noreferrer",
        url_schemes={"http", "https", "mailto", "tel"},
    )
