"""Faults in action: the markup attackers inject, planting faults into a model, the preset catalogue.

`Faults` (in `model.py`) is plain data: how many of each problem to plant. `plant_faults` puts them into
a freshly generated model and records each one there, so `truth.py` can state what an inspector must
find. `PRESETS` names sites covering every fault alone and some together; `random_site` makes many.
Every outside address a fault points at is 127.0.0.1 on a port nothing listens on: a generated site
never sends a crawler anywhere but the loopback interface.
"""

import datetime
import itertools
import random
from collections.abc import Callable
from typing import Any

from govsite.demo.corpus import Place
from govsite.indicators.evidence import ColumnKind
from govsite.indicators.inspection import Concealment, ContentRisk

from . import markup
from .model import (
    HANWEB_GROUP,
    HOMEPAGE_ITEMS,
    LONG_KINDS,
    PER_PAGE,
    Attachment,
    Charset,
    ColumnRole,
    Family,
    Faults,
    GeneratedSite,
    Item,
    ItemFault,
    SiteSpec,
    SpamFragment,
    SpamKind,
    rng_for,
)

# Ports on 127.0.0.1 that no service of ours (or of a normal machine) listens on: a link there fails at
# once with "connection refused", which is what a dead outside host looks like to a crawler.
CLOSED_PORTS: tuple[int, ...] = (1, 9, 13, 19)

# Gambling words as injected spam carries them; "k8凯发" and "凯时" are the ones SPEC §7 quotes.
SPAM_TERMS: tuple[str, ...] = ("k8凯发", "凯时娱乐", "澳门葡京", "百家乐", "时时彩", "太阳城", "真人视频")

SPAM_HOST = f"http://127.0.0.1:{CLOSED_PORTS[0]}"


def spam_fragments(kinds: tuple[SpamKind, ...]) -> list[SpamFragment]:
    """The markup each spam kind injects. Deterministic: the same kinds give the same bytes."""
    out: list[SpamFragment] = []
    for kind in kinds:
        if kind is SpamKind.HIDDEN_LINKS:
            terms = SPAM_TERMS[:4]
            links = "".join(f'<a href="{SPAM_HOST}/{i}/">{term}</a>' for i, term in enumerate(terms))
            out.append(
                SpamFragment(
                    kind,
                    f'<div style="display:none">{links}</div>',
                    "body",
                    (ContentRisk.GAMBLING, ContentRisk.INJECTED_LINK),
                    Concealment.HIDDEN,
                    terms,
                )
            )
        elif kind is SpamKind.OFFSCREEN_TEXT:
            terms = SPAM_TERMS[2:5]
            text = "，".join(f"{term}官方网站" for term in terms)
            html = f'<div style="position:absolute;left:-9999px;top:-9999px">{text}</div>'
            out.append(
                SpamFragment(kind, html, "body", (ContentRisk.GAMBLING,), Concealment.OFFSCREEN, terms)
            )
        elif kind is SpamKind.SAME_COLOUR:
            terms = SPAM_TERMS[4:]
            text = "".join(f"{term}注册送彩金" for term in terms)
            html = f'<p style="color:#ffffff;background-color:#ffffff;font-size:12px">{text}</p>'
            out.append(
                SpamFragment(kind, html, "body", (ContentRisk.GAMBLING,), Concealment.SAME_COLOUR, terms)
            )
        elif kind is SpamKind.JS_REDIRECT:
            # Real injections redirect only visitors coming from a search engine, so the webmaster
            # typing the address never sees it.
            html = (
                "<script>var r=document.referrer;if(/baidu|sogou|so\\.com|bing|google/i.test(r))"
                f'{{window.location.href="{SPAM_HOST}/tz/";}}</script>'
            )
            out.append(SpamFragment(kind, html, "head", (ContentRisk.JS_REDIRECT,), Concealment.HIDDEN, ()))
        elif kind is SpamKind.TITLE_HIJACK:
            terms = (SPAM_TERMS[0], SPAM_TERMS[1])
            title = f"{terms[0]}-{terms[1]}-天生赢家一触即发"
            html = f'<meta name="keywords" content="{title}">'
            out.append(
                SpamFragment(
                    kind, html, "head", (ContentRisk.GAMBLING,), Concealment.VISIBLE, terms, title=title
                )
            )
    return out


# --- Column faults: which columns go stale or empty ------------------------------------------------

# A planned column: (name, key, kind, shown on the homepage, role).
ColumnPlan = tuple[str, str, ColumnKind, bool, ColumnRole]


def words(text: str) -> tuple[str, ...]:
    """Space-separated words: long lists of Chinese names stay readable on a few lines."""
    return tuple(text.split())


def _named(kind: ColumnKind, text: str) -> tuple[tuple[str, str, ColumnKind], ...]:
    """Columns of one kind written as "名称=key …"."""
    return tuple((name, key, kind) for name, key in (entry.split("=") for entry in words(text)))


def _interleave(*pools: tuple[tuple[str, str, ColumnKind], ...]) -> tuple[tuple[str, str, ColumnKind], ...]:
    # Take kinds in turn, so that a few extra columns are of several kinds, not all of the first.
    return tuple(column for group in itertools.zip_longest(*pools) for column in group if column)


# Further columns taken when a fault needs more columns of a kind than the base set has.
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str, ColumnKind], ...]] = {
    "news": _named(
        ColumnKind.NEWS, "图片新闻=tpxw 基层动态=jcdt 媒体关注=mtgz 工作动态=gzdt 区县动态=qxdt 领导活动=ldhd"
    ),
    "notice_policy": _interleave(
        _named(ColumnKind.NOTICE, "招考招聘=zkzp 征求意见=zqyj 行政处罚公示=xzcf 停水停电通知=tstd"),
        _named(ColumnKind.POLICY, "政府令=zfl 部门文件=bmwj 办公室文件=bgswj 政府文件=zfwj"),
    ),
    "long": _interleave(
        _named(ColumnKind.PERSONNEL, "公务员招录=gwyzl 人才引进=rcyj"),
        _named(ColumnKind.PLAN, "工作总结=gzzj 年度计划=ndjh 专项规划=zxgh"),
        _named(ColumnKind.STATISTICS, "统计公报=tjgb 经济运行=jjyx"),
        _named(ColumnKind.FINANCE, "三公经费=sgjf 专项资金=zxzj"),
        _named(ColumnKind.PROCUREMENT, "招标投标=zbtb 采购意向=cgyx"),
        _named(ColumnKind.INTERPRETATION, "图解政策=tjzc"),
    ),
    "empty": _named(
        ColumnKind.OTHER,
        "食品安全=spaq 环境保护=hjbh 安全生产=aqsc 教育信息=jyxx 医疗卫生=ylws 社会救助=shjz "
        "征地补偿=zdbc 保障住房=bzzf 乡村振兴=xczx 就业创业=jycy 养老服务=ylfw 交通出行=jtcx",
    ),
}


def assign_column_faults(plans: list[ColumnPlan], faults: Faults) -> list[ColumnPlan]:
    """Give columns the roles the faults ask for, adding columns from the pools when too few exist."""
    plans = list(plans)

    def assign(count: int, group: str, kinds: set[ColumnKind], role: ColumnRole) -> None:
        # Homepage columns stay as they are (only the homepage faults age them); extras fill the count.
        healthy = (ColumnRole.FRESH, ColumnRole.AT_LIMIT)
        chosen = [i for i, p in enumerate(plans) if p[2] in kinds and not p[3] and p[4] in healthy][:count]
        for i in chosen:
            plans[i] = (*plans[i][:4], role)
        extras = iter(EXTRA_COLUMNS[group])
        plans.extend((*next(extras), False, role) for _ in range(count - len(chosen)))

    assign(faults.stale_news, "news", {ColumnKind.NEWS}, ColumnRole.STALE)
    assign(
        faults.stale_notice_policy, "notice_policy", {ColumnKind.NOTICE, ColumnKind.POLICY}, ColumnRole.STALE
    )
    assign(faults.long_stale, "long", set(LONG_KINDS), ColumnRole.STALE)
    assign(faults.empty_columns, "empty", set(), ColumnRole.EMPTY)
    # A zombie site ages every column, a stale homepage the homepage's; their cadence then decides.
    aged = [faults.frozen_days is not None or (p[3] and bool(faults.homepage_stale_days)) for p in plans]
    return [
        (*p[:4], ColumnRole.AGED) if old and p[4] is not ColumnRole.EMPTY else p
        for p, old in zip(plans, aged, strict=True)
    ]


# --- Planting: the generator builds a healthy site, then these put the faults into its model.

TEMPLATE_BROKEN_PATH = "/zwgk/zfxxgkzn/index.html"  # 政府信息公开指南, moved and never re-linked
CALENDAR_PATH = "/calendar/"
PATH_TRAP_PREFIX = "/zt/hdzt/"
REDIRECT_PATHS = ("/old/index.html", "/old/default.html")
GZIP_BOMB_PATH = "/uploadfiles/tjnj/index.html"


def plant_faults(site: GeneratedSite, place: Place) -> None:
    """Plant the spec's item-level and site-level faults into a freshly generated model."""
    faults, family = site.faults, site.spec.family
    rng = rng_for(site.spec, "faults")
    # Candidates: items listed on a column's first list page (Hanweb: in the page's own records), never
    # a column's newest item nor one on the homepage, so a planted fault changes no column's freshness.
    first_page = PER_PAGE[family] * (HANWEB_GROUP if family is Family.HANWEB else 1)
    pool = [
        item
        for column in site.columns
        for index, item in enumerate(column.items[:first_page])
        if index >= (HOMEPAGE_ITEMS if column.on_homepage else 1)
    ]
    rng.shuffle(pool)

    def take(count: int, wanted: Callable[[Item], bool] = lambda item: True) -> list[Item]:
        chosen = [item for item in pool if wanted(item)][:count]
        for item in chosen:
            pool.remove(item)
        return chosen

    for item in take(faults.broken_links):
        item.fault = ItemFault.DELETED
    for fault, count in (
        (ItemFault.ERROR, faults.server_errors),
        (ItemFault.SLOW, faults.slow_pages),
        (ItemFault.HUGE, faults.huge_pages),
    ):
        for item in take(count):
            item.fault = fault
    for item in take(faults.broken_attachments):
        if not item.attachments:
            day = item.published
            item.attachments.append(
                Attachment(f"/attach/{day:%Y%m}/{item.id}_1.pdf", f"附件：{item.title[:18]}.pdf")
            )
        item.attachments[0].dead = True
    for number, item in enumerate(take(faults.broken_external_links)):
        url = f"http://127.0.0.1:{CLOSED_PORTS[number % len(CLOSED_PORTS)]}/link{number + 1}/index.html"
        item.extra_links.append((url, "相关链接"))
        site.external_broken.append((url, item.path))
    for item in take(faults.date_mismatches, lambda item: item.written is not None):
        assert item.written is not None
        item.signed = item.written - datetime.timedelta(days=rng.randint(5, 40))
    for twin in take(faults.twin_pairs, lambda item: item.corpus_kind == "news"):
        # The original must answer (no fault) and stay itself: taken out of the pool of candidates too.
        originals = [item for item in pool if item.corpus_kind == "news" and item.fault is None
                     and item.published != twin.published]  # fmt: skip
        if not originals:  # a small site may run out; the truth lists the pairs actually planted
            break
        original = rng.choice(originals)
        pool.remove(original)
        twin.twin_of = original.id
        twin.renames = _renames(place, original.published, twin.published)
        site.twin_pairs.append((original, twin))
    if faults.broken_template_link:
        site.template_broken_link = TEMPLATE_BROKEN_PATH
    site.spam = spam_fragments(faults.spam)
    site.calendar_path = CALENDAR_PATH if faults.calendar_trap else ""
    site.path_trap_prefix = PATH_TRAP_PREFIX if faults.path_trap else ""
    site.redirect_paths = REDIRECT_PATHS if faults.redirect_loop else None
    site.gzip_bomb_path = GZIP_BOMB_PATH if faults.gzip_bomb else ""


def _renames(place: Place, old: datetime.date, new: datetime.date) -> tuple[tuple[str, str], ...]:
    """Swap every place and leader name for another one, and the date: a "twin report" (SPEC §7)."""
    names = list(place.localities) or [place.name]
    leaders = [name for name, _title in place.leaders]
    pairs = [(a, b) for group in (names, leaders) for a, b in zip(group, group[1:] + group[:1], strict=True)]
    pairs.append((f"{old.month}月{old.day}日", f"{new.month}月{new.day}日"))
    return tuple((a, b) for a, b in pairs if a != b)


# --- The preset catalogue: every fault alone, and some together -------------------------------------


def _preset(name: str, seed: int, family: Family, charset: Charset = Charset.UTF8, **faults: Any) -> SiteSpec:
    return SiteSpec(name, seed=seed, family=family, charset=charset, faults=Faults(**faults))


_TRS, _HANWEB, _TABLE = Family.TRS, Family.HANWEB, Family.TABLE
PRESETS: dict[str, SiteSpec] = {
    spec.name: spec
    for spec in (
        _preset("clean-portal", 101, _TRS),  # must pass
        _preset("clean-hanweb", 102, _HANWEB),  # must pass, though most links live in script records
        _preset("zombie", 103, _TABLE, frozen_days=430, unanswered_letters=2),
        _preset("hijacked", 104, _TRS, spam=tuple(SpamKind), spam_everywhere=True),
        _preset("hanweb-records", 105, _HANWEB, broken_links=4, broken_attachments=1),
        _preset("gbk-unlabelled", 106, _TABLE, Charset.GBK, charset_label=False),
        _preset("trap-laden", 107, _TRS, calendar_trap=True, path_trap=True, redirect_loop=True,
                gzip_bomb=True, huge_pages=2),
        _preset("slow-site", 108, _TABLE, Charset.GB2312, slow_pages=3, slow_delay=20.0, server_errors=3),
        _preset("stale-homepage", 109, _HANWEB, homepage_stale_days=15),  # one day past the 2 weeks
        _preset("undated-homepage", 110, _TRS, homepage_undated=True),
        _preset("columns-below-veto", 111, _TRS, stale_news=2, stale_notice_policy=2, long_stale=9,
                empty_columns=4),
        _preset("columns-at-veto", 112, _TABLE, stale_news=3, stale_notice_policy=2, long_stale=10,
                empty_columns=5),
        _preset("silent-mailbox", 113, _TRS, unanswered_letters=3, mailbox_image_only=True),
        _preset("no-channels", 114, _TABLE, no_channels=True),
        _preset("bare-footer", 117, _TABLE, Charset.GB2312, no_identity=True, no_search=True, no_accessibility=True),
        _preset("hollow-services", 115, _HANWEB, empty_guides=3, guides_missing_elements=5, dead_forms=2,
                dead_online_system=True),
        _preset("dead-online-system", 118, _TABLE, dead_online_system=True),
        _preset("sloppy-content", 116, _TRS, broken_template_link=True, broken_links=3, broken_attachments=2,
                broken_external_links=2, twin_pairs=2, date_mismatches=1, dead_forms=1),
    )
}  # fmt: skip

# Random sites: each count fault draws from its tuple (the zeros say how often it is absent) ...
_RANDOM_COUNTS: dict[str, tuple[int, ...]] = {
    "stale_news": (0, 0, 0, 1, 2, 3, 5), "stale_notice_policy": (0, 0, 0, 1, 2),
    "long_stale": (0, 0, 0, 3, 9, 10), "empty_columns": (0, 0, 0, 2, 4, 5),
    "unanswered_letters": (0, 0, 0, 0, 1, 3), "dead_forms": (0, 0, 1, 2), "broken_links": (0, 0, 1, 3),
    "broken_attachments": (0, 0, 1), "broken_external_links": (0, 0, 1, 2), "twin_pairs": (0, 0, 1, 2),
    "date_mismatches": (0, 0, 1), "slow_pages": (0,) * 9 + (1,), "huge_pages": (0,) * 9 + (1,),
    "server_errors": (0, 0, 0, 1, 2),
}  # fmt: skip
# ... and each yes/no fault is present with its probability.
_RANDOM_FLAGS: dict[str, float] = {
    "homepage_undated": 0.05, "mailbox_image_only": 0.1, "dead_online_system": 0.08, "spam_everywhere": 0.5,
    "broken_template_link": 0.3, "gzip_bomb": 0.05, "redirect_loop": 0.1, "calendar_trap": 0.1,
    "path_trap": 0.1, "no_identity": 0.05, "no_search": 0.05, "no_accessibility": 0.1,
}  # fmt: skip


def random_site(seed: int, pages: int = 300) -> SiteSpec:
    """A site with a random family, charset and mix of faults, clear of the grey zones of the rules."""
    rng = random.Random(f"random-site:{seed}")
    faults: dict[str, Any] = {name: rng.choice(values) for name, values in _RANDOM_COUNTS.items()}
    faults |= {name: rng.random() < chance for name, chance in _RANDOM_FLAGS.items()}
    faults["homepage_stale_days"] = rng.choice((15, 20, 60, 400)) if rng.random() < 0.1 else None
    faults["spam"] = tuple(kind for kind in SpamKind if rng.random() < 0.5) if rng.random() < 0.1 else ()
    faults["charset_label"] = rng.random() < 0.8
    # Incomplete guides: at most one, or all of them; "in bulk" has no official number (truth.py).
    if rng.random() < 0.15:
        faults |= {"empty_guides": 1, "guides_missing_elements": max(6, round(pages * 0.04)) - 1}
    else:
        faults["guides_missing_elements"] = rng.choice((0, 0, 1))
    charset = rng.choices(list(Charset), weights=(7, 2, 1))[0]
    return SiteSpec(
        f"site{seed:04d}", seed, pages, rng.choice(list(Family)), charset, faults=Faults(**faults)
    )


# --- Trap pages: what a crawler must recognise and stop following --------------------------------


def calendar_page(site: GeneratedSite, day: datetime.date) -> str:
    """A calendar trap: every day links to the next day and month, forever."""
    path = site.calendar_path
    later = [
        (day + datetime.timedelta(days=1), "下一天"),
        (day + datetime.timedelta(days=31), "下个月"),
        (day - datetime.timedelta(days=1), "上一天"),
    ]
    links = " ".join(f'<a href="{path}?d={d.isoformat()}">{text}</a>' for d, text in later)
    body = f"<h2>活动日历 {markup.full_date(day, 'cn')}</h2><p>当日暂无活动安排。</p><p>{links}</p>"
    return markup.page(
        site,
        "活动日历",
        [("活动日历", f"{path}?d={site.today.isoformat()}")],
        body,
    )


def path_trap_page(site: GeneratedSite, path: str) -> str:
    """A repeating-path trap: a relative link that lengthens the path on every visit."""
    depth = path.count("xq/")
    body = f'<h2>专题活动</h2><p>第{depth + 1}期活动回顾。</p><p><a href="xq/">查看详情</a></p>'
    return markup.page(site, "专题活动", [("专题活动", site.path_trap_prefix)], body)
