"""Trap detection: endless URL spaces are left out and reported once per pattern."""

import datetime

import pytest

from govsite.supervision.crawler.limits import CrawlLimits
from govsite.supervision.crawler.traps import (
    REASON_CALENDAR,
    REASON_DEEP_PATH,
    REASON_GROWING_QUERY,
    REASON_REPEATING_PATH,
    TrapDetector,
)

TODAY = datetime.date(2026, 5, 1)


@pytest.fixture
def detector() -> TrapDetector:
    return TrapDetector(CrawlLimits(max_urls_per_pattern=5), today=TODAY)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://h/cal/2031/05/", REASON_CALENDAR),
        ("http://h/cal/2023/05/21/", REASON_CALENDAR),
        ("http://h/cal/1999/12/index.html", REASON_CALENDAR),
        ("http://h/events?date=2028-11-21", REASON_CALENDAR),
        ("http://h/events?date=20200101", REASON_CALENDAR),
        ("http://h/events?month=1&year=1990", REASON_CALENDAR),
        ("http://h/archive/2031-06/", REASON_CALENDAR),
        ("http://h/a/b/a/b/a/b/", REASON_REPEATING_PATH),
        ("http://h/x/x/x/page.html", REASON_REPEATING_PATH),
        ("http://h/a/1/a/2/a/3/a/4/", REASON_REPEATING_PATH),
        ("http://h/" + "/".join(f"d{i}" for i in range(25)) + "/", REASON_DEEP_PATH),
        ("http://h/s?q=1&q=2&q=3&q=4", REASON_GROWING_QUERY),
        ("http://h/s?filter=" + "x," * 200, REASON_GROWING_QUERY),
    ],
)
def test_traps(detector, url, reason):
    trap = detector.check(url)
    assert trap is not None and trap.reason == reason


@pytest.mark.parametrize(
    "url",
    [
        "http://h/cal/2027/05/",  # within two years
        "http://h/cal/2024/06/01/",
        "http://h/events?date=2026-11-21",
        "http://h/art/2015/3/12/art_1229_123.html",  # an old article, not a calendar
        "http://h/xxgk/201501/t20150105_1.html",
        "http://h/content/2016-05/12/content_123.htm",
        "http://h/tjsj/2010/",  # a year archive is finite
        "http://h/stat?year=1995",
        "http://h/a/b/c/d/",
        "http://h/list?col=1&page=2",
    ],
)
def test_not_traps(detector, url):
    assert detector.check(url) is None


def test_numeric_parameter_cap_per_pattern(detector):
    verdicts = [detector.check(f"http://h/list?col=3&page={n}") for n in range(8)]
    assert verdicts[:5] == [None] * 5
    assert all(v is not None for v in verdicts[5:])
    assert detector.check("http://h/list?col=4&page=1") is None  # another column, another pattern
    reports = detector.unchecked()
    assert len(reports) == 1
    assert reports[0].what == "pages"
    assert reports[0].url == "http://h/list?col=3&page=5"
    assert reports[0].reason.startswith("疑似爬虫陷阱（")


def test_identifiers_are_not_capped(detector):
    assert all(detector.check(f"http://h/show.asp?id={n}") is None for n in range(50))
    assert all(detector.check(f"http://h/view?newsid={n}") is None for n in range(50))


def test_one_report_per_pattern(detector):
    for year in range(2030, 2040):
        detector.check(f"http://h/cal/{year}/01/")
    detector.check("http://h/a/b/a/b/a/b/")
    detector.check("http://h/a/b/a/b/a/b/a/b/")
    reports = detector.unchecked()
    assert [r.url for r in reports] == ["http://h/cal/2030/01/", "http://h/a/b/a/b/a/b/"]


def test_window_follows_today():
    later = TrapDetector(CrawlLimits(), today=datetime.date(2031, 1, 1))
    assert later.check("http://h/cal/2031/05/") is None
