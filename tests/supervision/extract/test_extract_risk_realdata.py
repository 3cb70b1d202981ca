"""scan_page measured on real data (shared/realdata, README §5): real government texts as negatives,
real black-hat SEO titles and attacks injected into real gov pages as positives, and the speed.

The realdata lexicons are read here only to measure our own lists against them; the product ships
its own (src/govsite/supervision/extract/lexicons).
"""

import html
import json
import re
import statistics
import time
from pathlib import Path

import pytest

import shared_data
from govsite.indicators.inspection import ContentFlag
from govsite.supervision.extract.content_risks import REPORT_FLOOR, VETO_CONFIDENCE, scan_page

REALDATA = shared_data.REALDATA
NMG_PAGE = "gov_pages/cwce_gov_articles/d232c5df-4a6a-47f7-8c63-2dd47719ffe7.html"  # 105 KB, 内蒙古
NMG_URL = "https://www.nmg.gov.cn/zwyw/jrgz/202201/t20220105_1988225.html"
NMG_HOST = "www.nmg.gov.cn"


def realdata(relative: str) -> Path:
    path = REALDATA / relative
    if not path.exists():
        pytest.skip(f"real test data not found at {path}")
    return path


def simple_page(title: str, text: str) -> str:
    """A plain text (a policy body, a letter and its reply) as a page: title, heading, paragraphs."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    title = html.escape(title)
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>{paragraphs}</body></html>"


def flagged(pages: list[tuple[str, str, str]]) -> list[tuple[str, ContentFlag]]:
    """(name, flag) for every flag on (name, html, site host) pages."""
    return [
        (name, flag)
        for name, page, host in pages
        for flag in scan_page(page, f"https://{host}/page.html", site_host=host)
    ]


def assert_no_false_positive(pages: list[tuple[str, str, str]]) -> None:
    """Targets: none at the veto confidence, at most 1% of pages at any level (measured: none at all)."""
    flags = flagged(pages)
    listing = "\n".join(
        f"{name}: {flag.risk} {flag.score} {flag.terms} {flag.excerpt}" for name, flag in flags
    )
    assert not [flag for _, flag in flags if flag.score >= VETO_CONFIDENCE], listing
    assert len({name for name, _ in flags}) <= len(pages) // 100, listing


# --- negatives: real government text ---------------------------------------------------------------


def test_60_gov_cn_policy_bodies() -> None:
    rows = [json.loads(line) for line in realdata("gov_cn_policy_2019/bodies.jsonl").read_text().splitlines()]
    assert len(rows) == 60
    assert_no_false_positive(
        [(row["url"], simple_page(row["title"], row["body"]), "www.gov.cn") for row in rows]
    )


def test_60_gov_cn_policy_pages() -> None:
    files = sorted(realdata("gov_cn_policy_2019/html").glob("*.html"))
    assert len(files) == 60
    assert_no_false_positive([(file.name, file.read_text(encoding="utf-8"), "www.gov.cn") for file in files])


def test_2816_letters_with_replies() -> None:
    rows = [
        json.loads(line)
        for line in realdata("letters_tipdm2020/messages_with_replies.jsonl").read_text().splitlines()
    ]
    assert len(rows) == 2816
    pages = [
        (row["id"], simple_page(row["subject"], f"{row['message_detail']}\n{row['reply']}"), "wz.xd.gov.cn")
        for row in rows
    ]
    assert_no_false_positive(pages)


def test_real_gov_pages_with_hidden_menus_and_ng_hide_copies() -> None:
    """nfra.gov.cn (ng-hide copies of every title, hidden share buttons) and three provincial pages."""
    pages = [
        (path.name, path.read_text(encoding="utf-8"), "www.nfra.gov.cn")
        for path in sorted(realdata("gov_pages/nfra_rendered").glob("*.html"))
    ] + [
        (path.name, path.read_text(encoding="utf-8"), NMG_HOST)
        for path in sorted(realdata("gov_pages/cwce_gov_articles").glob("*.html"))
    ]
    assert len(pages) == 5
    assert flagged(pages) == []


# --- positives: real spam titles and attacks on real pages ------------------------------------------


def spam_titles() -> list[str]:
    lines = realdata("lexicons/title_blacklist_gambling/spam_titles_google.txt").read_text(encoding="utf-8")
    # One of the 10 lines is a bare language tag ("zh_TW") left by the collector, not a title.
    titles = [line for line in lines.splitlines() if len(line) > 10]
    assert len(titles) == 9
    return titles


def nmg_page() -> str:
    return realdata(NMG_PAGE).read_text(encoding="utf-8")


def with_title(page: str, title: str) -> str:
    return re.sub(r"<title>.*?</title>", lambda _: f"<title>{title}</title>", page, count=1, flags=re.DOTALL)


def before_body_end(page: str, snippet: str) -> str:
    end = page.rfind("</body>")
    return page[:end] + snippet + page[end:]


def top_score(page: str) -> float:
    return max((flag.score for flag in scan_page(page, NMG_URL, site_host=NMG_HOST)), default=0.0)


@pytest.mark.parametrize("placement", ["title", "hidden", "visible"])
def test_real_black_hat_seo_titles_on_a_real_gov_page(placement: str) -> None:
    page = nmg_page()
    for title in map(html.escape, spam_titles()):
        injected = {
            "title": lambda title=title: with_title(page, title),
            "hidden": lambda title=title: before_body_end(page, f'<div style="display:none">{title}</div>'),
            "visible": lambda title=title: before_body_end(page, f"<p>{title}</p>"),
        }[placement]()
        assert top_score(injected) >= VETO_CONFIDENCE, title


def test_spam_titles_without_their_campaign_signature() -> None:
    """Every real title carries 谷歌推广认证seo8.vip; without it, 6 of 9 are still found by their other
    words (群发软件, 泛站群, 黑帽, 外推留痕…). The three left are plain marketing phrases (推特品牌营销)."""
    page = nmg_page()
    stripped = [html.escape(title.replace("谷歌推广认证seo8.vip", "")) for title in spam_titles()]
    found = [title for title in stripped if top_score(with_title(page, title)) >= VETO_CONFIDENCE]
    assert len(found) == 6, found


ATTACKS = {
    "hidden link block": '<div style="display:none"><a href="http://www.xpj7788.com/">澳门新葡京</a>'
    '<a href="http://www.k8.vip/">k8凯发</a><a href="http://www.ag-live.cc/">真人百家乐</a></div>',
    "off-screen marquee": '<marquee width="1" height="1"><a href="http://hg0088.cc/">皇冠体育</a>现金网</marquee>',
    "same colour": '<p style="color:#fff">体育投注 开户送彩金 时时彩</p>',
    "referrer redirect": "<script>if(document.referrer.match(/baidu|sogou|so\\.com|google/))"
    '{location.href="http://www.kaiyun88.vip/"}</script>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=http://www.bet365-vip.xyz/">',
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_attacks_injected_into_60_real_gov_cn_pages(attack: str) -> None:
    files = sorted(realdata("gov_cn_policy_2019/html").glob("*.html"))
    missed = [
        file.name
        for file in files
        # The gov.cn fragments have no </body>: the injection goes at the end, as attackers append it.
        if max(
            (
                flag.score
                for flag in scan_page(
                    file.read_text(encoding="utf-8") + ATTACKS[attack],
                    "http://www.gov.cn/a.htm",
                    site_host="www.gov.cn",
                )
            ),
            default=0.0,
        )
        < VETO_CONFIDENCE
    ]
    assert missed == []


def test_our_gambling_list_against_the_realdata_gambling_words() -> None:
    """Recall on the 26 words of title_blacklist_gambling/gambling.txt, each hidden on a real page.
    The misses are on purpose: official lotteries (彩票, 大乐透, 双色球, 开奖), words that measured false
    positives in real gov text (大发 in 大发展, 快三 in 快三个月), crackdown vocabulary (赌博), fragments
    (时彩, 澳门新 as in 澳门新闻), and words too common alone (棋牌室, 扑克, 铁算盘)."""
    words = realdata("lexicons/title_blacklist_gambling/gambling.txt").read_text(encoding="utf-8").split()
    page = nmg_page()
    found = [
        word
        for word in words
        if top_score(before_body_end(page, f'<div style="display:none">{word}</div>')) >= REPORT_FLOOR
    ]
    missed = sorted(set(words) - set(found))
    assert len(words) == 26
    assert missed == sorted(
        [
            "赌博",
            "彩票",
            "大发",
            "快三",
            "时彩",
            "开奖",
            "棋牌",
            "大乐透",
            "双色球",
            "澳门新",
            "扑克",
            "铁算盘",
        ]
    )


# --- speed ------------------------------------------------------------------------------------------


def median_microseconds(page: str, runs: int = 30) -> float:
    """CPU time of this thread: a loaded CI machine (load 14 on 2 cores seen) stretches wall time tenfold."""
    scan_page(page, NMG_URL, site_host=NMG_HOST)
    timings = []
    for _ in range(runs):
        start = time.thread_time()
        scan_page(page, NMG_URL, site_host=NMG_HOST)
        timings.append(time.thread_time() - start)
    return statistics.median(timings) * 1e6


def test_speed_on_a_real_100_kb_page() -> None:
    """Measured on a loaded 2-core VM: ~0.85 ms for the clean page (no risky term: one byte-level pass,
    no DOM), ~6 ms with an injection (parse, text walk, concealment). Bounds here are loose for CI."""
    page = nmg_page()
    assert len(page.encode()) > 100_000
    clean = median_microseconds(page)
    injected = median_microseconds(before_body_end(page, ATTACKS["hidden link block"]))
    print(f"scan_page on {len(page.encode()) // 1000} KB: clean {clean:.0f} µs, injected {injected:.0f} µs")
    assert clean < 5_000
    assert injected < 50_000
