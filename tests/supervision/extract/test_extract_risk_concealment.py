"""Concealment: each way attackers hide injected text, and the legitimate hidden content of real pages."""

import pytest
from selectolax.lexbor import LexborHTMLParser

import shared_data
from govsite.indicators.inspection import Concealment
from govsite.supervision.extract.concealment import ConcealmentMap, concealed_items, style_concealment

REALDATA = shared_data.REALDATA


def concealment_of(html: str, selector: str = "#target") -> Concealment:
    tree = LexborHTMLParser(html)
    node = tree.css_first(selector)
    assert node is not None, f"no {selector} in the test page"
    return ConcealmentMap(tree).of(node)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("display:none", Concealment.HIDDEN),
        ("DISPLAY: NONE !important", Concealment.HIDDEN),
        ("visibility:hidden", Concealment.HIDDEN),
        ("opacity:0", Concealment.HIDDEN),
        ("opacity: 0.0", Concealment.HIDDEN),
        ("height:0;overflow:hidden", Concealment.HIDDEN),
        ("width:1px;height:1px;overflow:hidden", Concealment.HIDDEN),
        ("position:absolute;clip:rect(0 0 0 0)", Concealment.HIDDEN),
        ("position:absolute;left:-9999px", Concealment.OFFSCREEN),
        ("position:absolute;top:-3000px;left:10px", Concealment.OFFSCREEN),
        ("position:fixed;left:50000px", Concealment.OFFSCREEN),
        ("text-indent:-9999px", Concealment.OFFSCREEN),
        ("margin-left:-20000px", Concealment.OFFSCREEN),
        ("transform:translateX(-9999px)", Concealment.OFFSCREEN),
        ("font-size:0", Concealment.SAME_COLOUR),
        ("font-size:1px", Concealment.SAME_COLOUR),
        # ordinary styles of real pages
        ("display:block", None),
        ("text-indent:2em", None),  # the paragraph indent of every gov.cn article
        ("position:absolute;left:-10px", None),
        ("left:-9999px", None),  # not positioned: the offset does nothing
        ("opacity:0.5", None),
        ("height:0", None),  # without overflow:hidden the content still shows
        ("font-size:12px", None),
    ],
)
def test_inline_style(style: str, expected: Concealment | None) -> None:
    assert style_concealment(style) == expected


def test_hidden_attribute_and_ancestor_hiding() -> None:
    assert concealment_of('<div hidden><p><a id="target" href="#">x</a></p></div>') is Concealment.HIDDEN
    html = '<div style="display:none"><ul><li><span id="target">x</span></li></ul></div>'
    assert concealment_of(html) is Concealment.HIDDEN


def test_inline_style_overrides_a_hiding_rule() -> None:
    html = (
        "<style>.tab{display:none}</style><div class='tab' style='display:block'><p id='target'>x</p></div>"
    )
    assert concealment_of(html) is Concealment.VISIBLE


def test_class_rule_in_a_style_block_moves_a_div_off_screen() -> None:
    html = """<style>/* injected */ .a1b2 { position: absolute; left: -8000px; top: 0 }</style>
    <p>正文</p><div class="a1b2"><a id="target" href="http://x.vip/">百家乐</a></div>"""
    assert concealment_of(html) is Concealment.OFFSCREEN


def test_rules_inside_media_queries_and_hover_states_are_ignored() -> None:
    html = """<style>@media (max-width: 600px) { .nav { display:none } }
    .menu li:hover ul { display:block } </style>
    <div class="nav"><a id="target" href="/">首页</a></div>"""
    assert concealment_of(html) is Concealment.VISIBLE


def test_tiny_marquee() -> None:
    html = '<marquee width="1" height="1" scrollamount="3000"><a id="target" href="#">x</a></marquee>'
    assert concealment_of(html) is Concealment.OFFSCREEN
    assert concealment_of('<marquee id="target">通知：今天开会</marquee>') is Concealment.VISIBLE


@pytest.mark.parametrize(
    "html",
    [
        '<div style="color:#FFFFFF"><span id="target">百家乐</span></div>',  # white on the default white page
        '<div style="background:#000"><font color="black" id="target">x</font></div>',
        '<table bgcolor="#ffffff"><tr><td><font color="#fefefe" id="target">x</font></td></tr></table>',
        '<style>.x{color:rgb(250,250,250);background-color:#fff}</style><p class="x" id="target">x</p>',
    ],
)
def test_text_the_colour_of_its_background(html: str) -> None:
    assert concealment_of(html) is Concealment.SAME_COLOUR


@pytest.mark.parametrize(
    "html",
    [
        '<div style="background:#003366"><a id="target" style="color:#fff" href="/">首页</a></div>',
        '<div style="background:url(banner.jpg)"><span id="target" style="color:#fff">x</span></div>',
        '<div style="color:#333"><p id="target">正文</p></div>',
    ],
)
def test_readable_colours(html: str) -> None:
    assert concealment_of(html) is Concealment.VISIBLE


def test_concealer_groups_links_by_the_hiding_element() -> None:
    html = (
        '<div id="block" style="display:none"><a id="a" href="#">1</a><p><a id="b" href="#">2</a></p></div>'
    )
    tree = LexborHTMLParser(html)
    concealment = ConcealmentMap(tree)
    first = concealment.concealer(tree.css_first("#a"))
    second = concealment.concealer(tree.css_first("#b"))
    assert first is not None and second is not None
    assert first[1].mem_id == second[1].mem_id == tree.css_first("#block").mem_id


def test_concealed_items_lists_hidden_text_and_links() -> None:
    html = """<p>看得见</p><div style="display:none">藏起来<a href="http://x.com/">链接</a></div>
    <span style="position:absolute;left:-9999px">远处</span>"""
    items = concealed_items(LexborHTMLParser(html))
    assert [(item.text, item.concealment, item.href) for item in items] == [
        ("藏起来", Concealment.HIDDEN, ""),
        ("链接", Concealment.HIDDEN, "http://x.com/"),  # the link, then its text
        ("链接", Concealment.HIDDEN, ""),
        ("远处", Concealment.OFFSCREEN, ""),
    ]


def test_nfra_ng_hide_copies_are_hidden_and_the_visible_titles_are_not() -> None:
    """nfra.gov.cn hides a copy of every list title in span.ng-hide: the copy is hidden, the link shown."""
    folder = REALDATA / "gov_pages" / "nfra_rendered"
    if not folder.is_dir():
        pytest.skip(f"real test data not found at {folder}")
    tree = LexborHTMLParser(
        (folder / "nfra_article_jinfajuezi_2024_36.rendered.html").read_text(encoding="utf-8")
    )
    concealment = ConcealmentMap(tree)
    copies = tree.css("span.ng-hide")
    assert len(copies) > 50
    assert all(concealment.of(copy) is Concealment.HIDDEN for copy in copies)
    links = [link for link in tree.css('a[ng-href], a[href*="ItemDetail"]') if link.text(strip=True)]
    visible = [link for link in links if concealment.of(link) is Concealment.VISIBLE]
    assert len(visible) >= 50
