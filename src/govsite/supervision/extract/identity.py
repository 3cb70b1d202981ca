"""Footer identity (SPEC §2) of any government page: who runs the site and under which codes.

Codes are returned as the page shows them (spacing removed) even when malformed: a malformed code is
itself a finding, which `identity_problems` names with the platform's own validators.
"""

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govsite.core.identifiers import (
    PROVINCE_ABBREVIATIONS,
    icp_problem,
    police_filing_problem,
    site_code_problem,
)
from govsite.indicators.inspection import Identity

from .text import block_text, fold_width, squash_spaces, visible_tree
from .tree import parse

__all__ = ["extract_identity", "identity_problems"]

_P = PROVINCE_ABBREVIATIONS
# "网站标识码：1100000088", "政府网站标识码 bm01000001"; a wrong code is captured too, to be reported.
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<code>[A-Za-z]{0,2}\d[\dA-Za-z]{3,15})")
_ICP = re.compile(rf"(?P<p>[{_P}])\s*ICP\s*备\s*(?P<n>\d{{3,12}})\s*(?P<hao>号?)\s*(?P<sub>-\s*\d{{1,3}})?")
_POLICE = re.compile(rf"(?P<p>[{_P}])\s*公网安备\s*(?P<n>\d{{8,16}})\s*(?P<hao>号?)")
# Without the province prefix the label is the only clue: "公安机关备案号：15081599004-00001".
_POLICE_LABELLED = re.compile(r"公安(?:机关)?备案号?\s*[:：]\s*(?P<n>[\w-]{5,30})")
_SPONSOR_LABELLED = re.compile(r"主办(?:单位)?\s*[:：]\s*(?P<name>[^\s|｜,，;；:：]{2,40})")
_SPONSOR_SUFFIXED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,40})\s*[（(]主办[)）]")
# Words that follow the sponsor's name when the page puts no space between the fields.
_AFTER_SPONSOR = re.compile(r"(?:承办|协办|联系|电话|地址|邮编|技术支持|维护|网站标识码|备案).*$")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜| - | — |－|-{2,})\s*")

_ACCESSIBILITY_WORDS = (
    "无障碍",
    "长者模式",
    "长者版",
    "适老化",
    "读屏",
    "关怀版",
    "关怀模式",
    "老年版",
    "助老",
)
# The common accessibility toolbars load a script or tag their switch: wza (无障碍), aria.js and
# the cniil.com service.
_ACCESSIBILITY_MARKUP = re.compile(
    r"""(?:src|href|class|id)\s*=\s*["'][^"']*(?:wza|aria\.js|cniil|assist\.js|toolbarSwitch)""",
    re.IGNORECASE,
)
_SEARCH_WORDS = re.compile(r"search|sousuo|搜索|检索|keyword|searchword", re.IGNORECASE)
_SEARCH_LINK_TEXT = ("搜索", "站内搜索", "检索", "全站搜索")


def extract_identity(html: str) -> Identity:
    """The identity a page shows: read its footer or, failing that, the whole page."""
    raw_tree = parse(html)  # scripts kept: toolbars and the 纠错 script live there
    tree = visible_tree(html)
    body = tree.body
    text = fold_width(block_text(body)) if body is not None else ""
    attribute_text = fold_width(" ".join(_attribute_texts(tree)))
    meta_code = _meta(raw_tree, "SiteIDCode")
    return Identity(
        site_name=_meta(raw_tree, "SiteName") or _site_name_from_title(raw_tree),
        site_code=_site_code(text, attribute_text, meta_code, raw_tree),
        sponsor=_sponsor(text),
        icp_number=_icp(text) or _icp(attribute_text),
        police_filing_number=_police(text) or _police(attribute_text),
        has_search=_has_search(tree),
        has_accessibility=_has_accessibility(tree, html),
    )


def identity_problems(identity: Identity) -> dict[str, str]:
    """What is wrong with the identity, by field: missing or malformed codes (Chinese, for reports)."""
    problems: dict[str, str] = {}
    if not identity.site_code:
        problems["site_code"] = "未找到网站标识码"
    elif problem := site_code_problem(identity.site_code):
        problems["site_code"] = problem
    if not identity.sponsor:
        problems["sponsor"] = "未找到主办单位"
    if not identity.icp_number:
        problems["icp_number"] = "未找到ICP备案号"
    elif problem := icp_problem(identity.icp_number):
        problems["icp_number"] = problem
    if not identity.police_filing_number:
        problems["police_filing_number"] = "未找到公安机关备案号"
    elif problem := police_filing_problem(identity.police_filing_number):
        problems["police_filing_number"] = problem
    return problems


def _meta(tree: LexborHTMLParser, name: str) -> str:
    for node in tree.css("meta[name]"):
        if (node.attributes.get("name") or "").strip().lower() == name.lower():
            return (node.attributes.get("content") or "").strip()
    return ""


def _attribute_texts(tree: LexborHTMLParser) -> list[str]:
    # Footers often show codes and badges as images: their alt and title say what they are.
    return [
        value
        for node in tree.css("img[alt], img[title], a[title], span[title]")
        for value in (node.attributes.get("alt"), node.attributes.get("title"))
        if value
    ]


def _site_code(text: str, attribute_text: str, meta_code: str, raw_tree: LexborHTMLParser) -> str:
    for source in (text, attribute_text):
        if match := _SITE_CODE.search(source):
            return match["code"]
    if meta_code:
        return meta_code
    # The national error-report (纠错) widget carries the code: <script id="_jiucuo_" sitecode=…>.
    for node in raw_tree.css("script[sitecode], [data-sitecode]"):
        if code := node.attributes.get("sitecode") or node.attributes.get("data-sitecode"):
            return code.strip()
    return ""


def _icp(text: str) -> str:
    match = _ICP.search(text)
    if match is None:
        return ""
    sub = re.sub(r"\s+", "", match["sub"] or "")
    return f"{match['p']}ICP备{match['n']}{match['hao']}{sub}"


def _police(text: str) -> str:
    if match := _POLICE.search(text):
        return f"{match['p']}公网安备{match['n']}{match['hao']}"
    if match := _POLICE_LABELLED.search(text):
        return match["n"]
    return ""


def _sponsor(text: str) -> str:
    match = _SPONSOR_LABELLED.search(text) or _SPONSOR_SUFFIXED.search(text)
    if match is None:
        return ""
    name = _AFTER_SPONSOR.sub("", match["name"])
    # "主办单位：内蒙古自治区人民政府主办" repeats the label at the end.
    return name.removesuffix("主办").strip() if len(name) > 4 else name.strip()


def _site_name_from_title(tree: LexborHTMLParser) -> str:
    title = tree.css_first("title")
    if title is None:
        return ""
    parts = [part for part in _TITLE_SEPARATORS.split(squash_spaces(title.text())) if part]
    return parts[-1] if parts else ""  # "文章标题_站点名": the site is last; a homepage title is the name


def _has_search(tree: LexborHTMLParser) -> bool:
    for form in tree.css("form"):
        if form.css_first("input[type=text], input[type=search], input:not([type])") is not None:
            return True
    for node in tree.css("input"):
        kind = (node.attributes.get("type") or "text").lower()
        if kind in ("text", "search") and _mentions_search(node):
            return True
    for link in tree.css("a[href]"):
        href = link.attributes.get("href") or ""
        if _SEARCH_WORDS.search(href) or squash_spaces(link.text()) in _SEARCH_LINK_TEXT:
            return True
    return False


def _mentions_search(node: LexborNode) -> bool:
    attributes = " ".join(
        value or "" for key, value in node.attributes.items() if key in ("name", "id", "class", "placeholder")
    )
    return bool(_SEARCH_WORDS.search(attributes)) or "关键" in attributes


def _has_accessibility(tree: LexborHTMLParser, html: str) -> bool:
    if _ACCESSIBILITY_MARKUP.search(html):
        return True
    # An entrance is a short link or button; an article about 无障碍设施 is not one.
    for node in tree.css("a, button, [role=button], span, li, img"):
        for label in (node.text(deep=True), node.attributes.get("alt"), node.attributes.get("title")):
            short = label.strip() if label and len(label.strip()) <= _ENTRANCE_LENGTH else ""
            if short and any(word in short for word in _ACCESSIBILITY_WORDS):
                return True
    return False


_ENTRANCE_LENGTH = 15
