"""Dates as Chinese government pages write them.

Forms read: 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日 (any of them in full-width digits),
Chinese numerals at a document's signature (二〇二六年十一月二十日), and list-style short forms without a
year ([11-20], 11月20日, (11/20)), whose year is inferred from the day of the inspection. Eight-digit
stamps (20261120) are read only where they clearly are one: in URLs (t20261120_123.html).

Times, phone numbers, 文号 (国办发〔2014〕57号), versions and prices are not dates: every pattern is
anchored so that it cannot start or end inside a longer run of digits.
"""

import datetime
import re
from collections.abc import Iterator

from .text import fold_width

__all__ = ["date_from_url", "find_dates", "parse_date", "parse_full_date"]

_YEAR = r"(?P<y>(?:19|20)\d{2})"

# 2026年11月20日, 2026 年 1 月 5 日; 日 (or 号) may be missing at the end of a list cell.
_CJK_FULL = rf"(?<!\d){_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})(?!\d)\s*[日号]?"
# 2026-11-20, 2026/1/5, 2026.11.20: one separator used twice. Not inside a version (v1.2026.11.20)
# or a longer number, and not followed by another ".digit" (a version or an IP-like string).
_SEP_FULL = (
    r"(?<![0-9A-Za-z.])(?P<y2>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})"
    r"(?![0-9]|\.[0-9])"
)
# A URL stamp: t20261120_123.html or /20261120/.
_STAMP = r"(?:(?<![0-9A-Za-z])t|(?<=/))(?P<y3>(?:19|20)\d{2})(?P<m3>[01]\d)(?P<d3>[0-3]\d)(?=_|/|\.s?html?)"
# 二〇二六年十一月二十日, 二○○四年四月二十七日 (the signature of an official document).
_CN_DIGITS = "〇○零OoΟ0一二三四五六七八九"
_CN_NUMBER = "一二三四五六七八九十"
_CN_FULL = (
    rf"(?P<y4>[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m4>[{_CN_NUMBER}]{{1,2}}|元)\s*月"
    rf"\s*(?P<d4>[{_CN_NUMBER}]{{1,3}})\s*[日号]"
)
# 11月20日 (no year before it: a full form would already have matched from its year).
_SHORT_CJK = r"(?<![\d年])(?P<m5>\d{1,2})\s*月\s*(?P<d5>\d{1,2})\s*[日号]"
# [11-20], (11/20), 【1-5】: any width inside brackets.
_SHORT_BRACKETED = r"[\[(【〔](?P<m6>\d{1,2})[-/](?P<d6>\d{1,2})[\])】〕]"
# 11-20, 01/05 bare: only zero-padded pairs (a list's date column), never a range of counts
# ("10-15 个工作日") or part of a phone number, date or time.
_NOT_A_COUNT = r"(?!\s*[个天日人元万千百件项条次年月周岁号倍%]|[-/.:\d])"
_SHORT_BARE = rf"(?<![\d\-/.:])(?P<m7>\d{{2}})[-/](?P<d7>\d{{2}}){_NOT_A_COUNT}"

_DATE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (_CJK_FULL, _SEP_FULL, _STAMP, _CN_FULL, _SHORT_CJK, _SHORT_BRACKETED, _SHORT_BARE)
    )
)

_CN_DIGIT_VALUES = {ch: 0 for ch in "〇○零OoΟ0"} | {
    ch: i for i, ch in enumerate("一二三四五六七八九", start=1)
}


def parse_date(text: str, *, today: datetime.date) -> datetime.date | None:
    """The first date written in ``text``, or None. Short forms take the latest year that puts them
    no later than ``today`` + 1 day (a list read on 2026-01-03 showing 12-30 means 2025-12-30)."""
    for found in _iter_dates(text, today):
        return found
    return None


def find_dates(text: str, *, today: datetime.date) -> list[datetime.date]:
    """Every date written in ``text``, in reading order."""
    return list(_iter_dates(text, today))


def parse_full_date(text: str) -> datetime.date | None:
    """The first date in ``text`` that states its year (a metadata cell, a meta tag); short forms
    such as 11-20 are skipped, since without a reference day their year is unknown."""
    for found in _iter_dates(text, None):
        return found
    return None


def _iter_dates(text: str, today: datetime.date | None) -> Iterator[datetime.date]:
    folded = fold_width(text)
    for match in _DATE.finditer(folded):
        found = _from_match(match, today)
        if found is not None:
            yield found


def _from_match(match: re.Match[str], today: datetime.date | None) -> datetime.date | None:
    groups = match.groupdict()
    for y, m, d in (("y", "m", "d"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if groups[y] is not None:
            return _make(int(groups[y]), int(groups[m]), int(groups[d]))
    if groups["y4"] is not None:
        year = int("".join(str(_CN_DIGIT_VALUES[ch]) for ch in groups["y4"]))
        month = 1 if groups["m4"] == "元" else _chinese_number(groups["m4"])
        day = _chinese_number(groups["d4"])
        if month is None or day is None:
            return None
        return _make(year, month, day)
    if today is None:  # a short form, and no day to infer its year from
        return None
    for m, d in (("m5", "d5"), ("m6", "d6"), ("m7", "d7")):
        if groups[m] is not None:
            return _infer_year(int(groups[m]), int(groups[d]), today)
    return None


def _chinese_number(text: str) -> int | None:
    """一..九, 十, 十一..十九, 二十..三十一 as an int; None for anything else (十十)."""
    digits = "一二三四五六七八九"
    if "十" not in text:
        return digits.index(text) + 1 if len(text) == 1 else None
    tens_text, _, units_text = text.partition("十")
    if "十" in units_text or len(tens_text) > 1 or len(units_text) > 1:
        return None
    tens = digits.index(tens_text) + 1 if tens_text else 1
    units = digits.index(units_text) + 1 if units_text else 0
    return tens * 10 + units


def _make(year: int, month: int, day: int) -> datetime.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 2026-02-30, month 13
        return None


def _infer_year(month: int, day: int, today: datetime.date) -> datetime.date | None:
    # Allow one day ahead: a site in an earlier time zone or a list dated "tomorrow" at midnight.
    latest = today + datetime.timedelta(days=1)
    for year in range(latest.year, latest.year - 9, -1):  # 8 years back always reaches a 29 February
        found = _make(year, month, day)
        if found is not None and found <= latest:
            return found
    return None


# URL forms, tried in order: the stamp is the most specific.
_URL_PATTERNS = (
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})_"),  # /202611/t20261120_123.html
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:/|_|\.|$)"),  # /2026-11/20/
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:/|_|\.|$)"),  # art/2026/11/20/
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/"),  # /2026/1120/
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})/"),  # /20261120/
)


def date_from_url(url: str) -> datetime.date | None:
    """The publication date a CMS wrote into an article URL, or None.

    Reads /2026-11/20/, /202611/t20261120_, /2026/1120/, art/2026/11/20/ and /2022/08-11/; a path
    naming only a month (/202611/) gives no date."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(path):
            found = _make(int(match["y"]), int(match["m"]), int(match["d"]))
            if found is not None:
                return found
    return None
