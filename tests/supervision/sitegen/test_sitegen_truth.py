"""The truth of every preset agrees with what its rendered pages show.

The checks read the pages (through `Responder`, no network), not the truth table: a small reader here
follows every link a page carries (records in Hanweb script blocks and createPageHTML() paging
included), reads list dates in all the forms the families write, and recounts stale columns, broken
links, unanswered letters, incomplete guides and spam from what it saw.
"""

import calendar
import datetime
import difflib
import json
import re
from collections import deque
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

from govsite.indicators.evidence import ColumnKind
from govsite.supervision.sitegen import (
    PRESETS,
    SPAM_TERMS,
    Family,
    Responder,
    generate,
    random_site,
    truth_for,
)
from govsite.supervision.sitegen.model import GeneratedSite

EXPECTED_VETOES = {
    "clean-portal": set(),
    "clean-hanweb": set(),
    "zombie": {"homepage_not_updated", "columns_not_updated", "poor_interaction"},
    "hijacked": {"security_serious_error"},
    "hanweb-records": set(),
    "gbk-unlabelled": set(),
    "trap-laden": set(),
    "slow-site": set(),
    "stale-homepage": {"homepage_not_updated"},
    "undated-homepage": {"homepage_not_updated"},
    "columns-below-veto": set(),
    "columns-at-veto": {"columns_not_updated"},
    "silent-mailbox": {"poor_interaction"},
    "no-channels": {"poor_interaction"},
    "bare-footer": set(),
    "hollow-services": {"services_not_practical"},
    "dead-online-system": {"services_not_practical"},
    "sloppy-content": set(),
}

# --- A reader of rendered pages, independent of the generator's code ------------------------------

HREF = re.compile(r"""<a\s[^>]*?href="([^"]*)\"""")
CREATE_PAGE = re.compile(r'createPageHTML\((\d+),\s*(\d+),\s*"(\w+)",\s*"(\w+)"\)')
ENTRY = re.compile(r'<a href="([^"]+)" title="[^"]*" target="_blank">[^<]*</a>(?:</td><td>|<span>)([^<]*)<')
DATES = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "ymd"),
    (re.compile(r"^\[(\d{4})-(\d{2})-(\d{2})\]$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{2})/(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{4})\.(\d{2})\.(\d{2})$"), "ymd"),
    (re.compile(r"^\[?(\d{2})-(\d{2})\]?$"), "md"),
]


def parse_list_date(text: str, today: datetime.date) -> datetime.date | None:
    for pattern, form in DATES:
        match = pattern.match(text.strip())
        if match and form == "ymd":
            return datetime.date(*map(int, match.groups()))
        if match:
            month, day = map(int, match.groups())
            guess = datetime.date(today.year, month, day)
            return guess if guess <= today else guess.replace(year=today.year - 1)
    return None


def page_links(path: str, html: str) -> list[str]:
    links = [urljoin(path, href.replace("&amp;", "&")) for href in HREF.findall(html)]
    for pages, _current, stem, suffix in CREATE_PAGE.findall(html):  # TRS paging, as its script does it
        links += [
            urljoin(path, f"{stem}.{suffix}" if n == 0 else f"{stem}_{n}.{suffix}") for n in range(int(pages))
        ]
    return [link for link in links if not link.startswith("javascript:")]


class Crawl:
    """Every page reachable from the homepage, traps excluded, with statuses and where links were seen."""

    def __init__(self, site: GeneratedSite, plain_only: bool = False) -> None:
        self.responder = Responder(site)
        self.pages: dict[str, str] = {}
        self.status: dict[str, int] = {}
        self.found_on: dict[str, set[str]] = {}
        traps = [p for p in (site.calendar_path, site.path_trap_prefix) if p]
        queue = deque(["/"])
        while queue:
            url = queue.popleft()
            parts = urlsplit(url)
            if url in self.status or any(parts.path.startswith(t) for t in traps) or parts.scheme:
                self.status.setdefault(url, 0)
                continue
            reply = self.responder.respond(parts.path, dict(parse_qsl(parts.query)))
            if reply.status in (301, 302):  # follow redirects, 5 at most, like a client
                seen = [url]
                while reply.status in (301, 302) and len(seen) <= 5:
                    seen.append(reply.headers["Location"])
                    reply = self.responder.respond(seen[-1])
                self.status[url] = 310 if reply.status in (301, 302) else reply.status
                continue
            self.status[url] = reply.status
            if reply.status != 200 or not reply.content_type.endswith(("html", "xml")) or reply.headers:
                continue
            text = reply.body.decode(site.spec.charset.value)
            self.pages[url] = text
            if plain_only:  # what a crawler following <a href> outside scripts sees
                text = re.sub(r"<script.*?</script>", "", text, flags=re.S)
            for link in (
                page_links(parts.path, text)
                if not plain_only
                else [urljoin(url, h) for h in HREF.findall(text)]
            ):
                self.found_on.setdefault(link, set()).add(url)
                queue.append(link)

    def broken(self) -> set[str]:
        return {url for url, status in self.status.items() if status not in (0, 200)}


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(kind: ColumnKind, newest: datetime.date, today: datetime.date) -> bool | None:
    if kind is ColumnKind.NEWS:
        return (today - newest).days > 14
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return add_months(newest, 6) < today
    if kind in (ColumnKind.OVERVIEW, ColumnKind.OTHER):
        return None
    return add_months(newest, 12) < today


@pytest.fixture(scope="module", params=sorted(PRESETS))
def preset(request):
    site = generate(PRESETS[request.param])
    return site, truth_for(site), Crawl(site)


# --- Tests ----------------------------------------------------------------------------------------


def test_vetoes_are_the_ones_each_preset_was_built_for(preset):
    _site, truth, _crawl = preset
    assert set(truth.vetoes) == EXPECTED_VETOES[truth.name]
    assert truth.passes is not EXPECTED_VETOES[truth.name]


def test_column_counts_agree_with_the_dates_on_the_list_pages(preset):
    site, truth, crawl = preset
    stale = {"news": 0, "notice_policy": 0, "long": 0, "empty": 0}
    for column in site.columns:
        dates = [
            parse_list_date(d, site.today)
            for url, text in crawl.pages.items()
            if _lists(site, column, url)
            for _href, d in ENTRY.findall(text)
        ]
        assert None not in dates, column.name
        listed = [d for d in dates if d is not None]
        # Every item reached once, and its date read back exactly (year-less dates included).
        assert sorted(listed) == sorted(item.published for item in column.items), column.name
        banner = "本专题已结束" in crawl.pages[column.path]
        if not listed:
            stale["empty"] += 1
        elif not banner and is_stale(column.kind, max(listed), site.today):
            group = "news" if column.kind is ColumnKind.NEWS else "long"
            stale["notice_policy" if column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY) else group] += 1
    assert stale == {
        "news": truth.stale_news,
        "notice_policy": truth.stale_notice_policy,
        "long": truth.long_stale,
        "empty": truth.empty_columns,
    }
    faults = site.faults
    if faults.frozen_days is None and faults.homepage_stale_days is None:  # the requested counts, exactly
        assert (truth.stale_news, truth.stale_notice_policy) == (
            faults.stale_news,
            faults.stale_notice_policy,
        )
        assert (truth.long_stale, truth.empty_columns) == (faults.long_stale, faults.empty_columns)


def _lists(site: GeneratedSite, column, url: str) -> bool:
    path, query = urlsplit(url).path, dict(parse_qsl(urlsplit(url).query))
    if site.spec.family is Family.HANWEB:
        return url == column.path or query.get("columnid") == str(column.numeric_id)
    return path.rsplit("/", 1)[0] == column.path.rsplit("/", 1)[0] and "index" in path.rsplit("/", 1)[1]


def test_homepage_dates_decide_the_homepage_veto(preset):
    site, truth, crawl = preset
    home = crawl.pages["/"]
    block = home.split("<h3>政务公开</h3>")[0]
    dates = [parse_list_date(d, site.today) for _href, d in ENTRY.findall(block)]
    undated = block.count('target="_blank">') - len(dates)
    newest = max((d for d in dates if d), default=None)
    fires = newest is None or (site.today - newest).days > 14
    assert fires == ("homepage_not_updated" in truth.vetoes)
    assert undated == sum(1 for item in truth.homepage_items if item.published is None)


def test_every_broken_link_is_in_the_truth_and_nothing_else_is(preset):
    _site, truth, crawl = preset
    expected = {link.url for link in truth.broken_links if not link.external}
    assert crawl.broken() == expected
    assert truth.broken_link_root_causes == len(truth.broken_links)
    for link in truth.broken_links:
        seen_on = crawl.found_on.get(link.url, set())
        assert seen_on, link.url
        if link.cause != "template":
            assert {urlsplit(u).path for u in seen_on} <= set(link.found_on) | {"/"}, link
    template = [link for link in truth.broken_links if link.cause == "template"]
    if template:  # one root cause, on every page
        assert len(crawl.found_on[template[0].url]) >= truth.pages - 1
    external = {link.url for link in truth.broken_links if link.external}
    assert external == {url for url in crawl.status if url.startswith("http://127.0.0.1:")}


def test_page_count_is_the_pages_a_full_crawl_reaches(preset):
    _site, truth, crawl = preset
    fixed = {url for url, status in crawl.status.items() if status == 200 and "dataproxy" not in url}
    replies = {url: crawl.responder.respond(urlsplit(url).path) for url in fixed}
    # The gzip bomb is HTML too, but a trap: the truth lists it among the unchecked, not the pages.
    html = {url for url, reply in replies.items() if reply.content_type == "text/html" and not reply.headers}
    assert len(html) == truth.pages


def test_letters_guides_and_spam_agree_with_the_pages(preset):
    site, truth, crawl = preset
    unanswered = []
    for url, text in crawl.pages.items():
        if url.startswith("/hdjl/") and "<th>来信时间</th><td>" in text and "办理中" in text:
            asked = datetime.date.fromisoformat(re.search(r"来信时间</th><td>([\d-]+)", text).group(1))
            channel = re.search(r"<h2>([^<]+)</h2>", text).group(1)
            if channel in ("领导信箱", "政务咨询") and add_months(asked, 3) < site.today:
                unanswered.append(url)
    assert sorted(unanswered) == sorted(truth.unanswered_letters)
    guides = [text for url, text in crawl.pages.items() if re.fullmatch(r"/bsfw/bszn/\d+\.html", url)]
    keys = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "咨询方式", "办理流程")
    incomplete = sum(1 for text in guides if any(not re.search(f"<th>{k}</th><td>[^<]+", text) for k in keys))
    assert (len(guides), incomplete) == (len(truth.guides), truth.incomplete_guides)
    spam_on_home = [term for term in SPAM_TERMS if term in crawl.pages["/"]]
    assert bool(spam_on_home) == bool(truth.content_flags)
    article = next(text for url, text in crawl.pages.items() if "/bsfw/" in url)
    assert any(term in article for term in SPAM_TERMS) == truth.spam_on_every_page


def test_twins_and_date_mismatches_show_on_the_pages(preset):
    _site, truth, crawl = preset
    for first, second in truth.twin_pairs:
        text_a, text_b = (_body(crawl.pages[url]) for url in (first, second))
        assert difflib.SequenceMatcher(None, text_a, text_b).ratio() > 0.9  # the same text, names aside
        assert _title(crawl.pages[first]) != _title(crawl.pages[second])
    for url, written, signed in truth.date_mismatches:
        text = crawl.pages[url]
        assert f"<th>成文日期</th><td>{written.year}年{written.month}月{written.day}日</td>" in text
        assert re.search(rf"　{signed.year}年{signed.month}月{signed.day}日</p>", text)


def _body(html: str) -> str:
    return "".join(re.findall(r'<p style="text-indent:2em">([^<]*)</p>', html))


def _title(html: str) -> str:
    return re.search(r"<title>([^<]*)</title>", html).group(1)


def test_truth_is_json():
    truth = truth_for(generate(PRESETS["sloppy-content"]))
    data = json.loads(truth.to_json())
    assert data["broken_link_root_causes"] == 9 and data["passes"] is True
    assert data["columns"][0]["kind"] == "news" and data["today"] == "2026-11-20"


def test_hanweb_pages_hide_most_of_the_site_from_plain_link_crawlers():
    site = generate(PRESETS["hanweb-records"])
    truth = truth_for(site)
    plain = Crawl(site, plain_only=True)
    reached = {url for url, status in plain.status.items() if status == 200 and url in set(site.html_paths())}
    assert len(reached) == truth.plain_link_pages < truth.pages / 3
    assert not plain.broken() & {link.url for link in truth.broken_links}  # none of its broken links


@pytest.mark.parametrize("seed", range(1, 13))
def test_random_sites_keep_their_truth(seed):
    site = generate(random_site(seed, pages=120))
    truth, crawl = truth_for(site), Crawl(site)
    assert crawl.broken() == {link.url for link in truth.broken_links if not link.external}
    guides = truth.incomplete_guides / len(truth.guides) if truth.guides else 0
    assert guides <= 1 / len(truth.guides) + 1e-9 or guides >= 0.6 if truth.guides else True
