"""Crawler traps: URL spaces without end that would eat a site's whole page budget.

A trapped URL is not fetched; each trap pattern is reported once as `Unchecked`, so the report says
what was left out and why instead of passing it silently.

Kinds recognised (cheap string checks, run once per new URL):
- calendars walking beyond ±2 years of today: `?date=2031-05-21`, `?year=1990&month=1`, `/cal/2031/05/`;
  dated *content* (`/art/2019/5/10/art_1.html`, `/202401/t20240105_1.html`) is not a calendar, since
  old articles are exactly what an inspection reads; year-only archives are finite and pass too;
- repeating path segments (`/a/b/a/b/a/b/`) and paths too deep to be real;
- ever-growing queries (a key repeated again and again, values or queries of absurd length);
- more than `max_urls_per_pattern` URLs differing only in one numeric parameter (`?page=N`), except
  identifiers (`id`, `newsid`, `uid`…): a real site has thousands of `show.asp?id=N` articles, and the
  depth and page caps bound those anyway.
"""

import datetime
import re
from dataclasses import dataclass

from govsite.indicators.inspection import Unchecked

from .limits import CrawlLimits

MAX_PATH_SEGMENTS = 20
MAX_QUERY_LENGTH = 512
MAX_VALUE_LENGTH = 256
MAX_KEY_REPEATS = 3

REASON_CALENDAR = "疑似爬虫陷阱（日历无限翻页）"
REASON_REPEATING_PATH = "疑似爬虫陷阱（路径片段重复）"
REASON_DEEP_PATH = "疑似爬虫陷阱（路径层级过深）"
REASON_GROWING_QUERY = "疑似爬虫陷阱（查询参数不断增长）"

_CALENDAR_KEYS = re.compile(r"date|day|month|year|cal|time|ym|period|riqi|^[dmy]$", re.IGNORECASE)
_YEAR_KEYS = frozenset({"year", "y", "yy", "yyyy", "nian"})
_MONTH_KEYS = frozenset({"month", "m", "mm", "yue"})
# Longest alternatives first: "2028-11-21" must not read as 2028-1-1 followed by junk.
_DATE_VALUE = re.compile(r"((?:19|20)\d\d)[-/._]?(1[0-2]|0?[1-9])(?:[-/._]?(3[01]|[12]\d|0?[1-9]))?(?:\D.*)?")
_DIGITS = re.compile(r"\d+")
_INDEX_FILE = re.compile(r"(?:index|default)\.\w+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trap:
    pattern: str  # what trapped URLs of this kind share; one report each
    reason: str


class TrapDetector:
    """Decides for each new URL of one site whether it is a trap; remembers one example per pattern."""

    def __init__(self, limits: CrawlLimits, today: datetime.date | None = None) -> None:
        today = today or datetime.date.today()
        years = limits.calendar_years
        self._earliest = _shift_years(today, -years)
        self._latest = _shift_years(today, years)
        self._cap = limits.max_urls_per_pattern
        self._reason_crowded = f"疑似爬虫陷阱（仅数字参数不同的网址超过 {self._cap} 个）"
        self._per_pattern: dict[str, int] = {}
        self._examples: dict[str, tuple[str, str]] = {}  # pattern → (first trapped URL, reason)

    def check(self, url: str) -> Trap | None:
        """Call once for each distinct URL before fetching it; counts it against its patterns."""
        path, _, query = url.partition("?")
        trap = self._path_trap(path) or (self._query_trap(path, query) if query else None)
        if trap is not None:
            self._examples.setdefault(trap.pattern, (url, trap.reason))
        return trap

    def unchecked(self) -> list[Unchecked]:
        return [
            Unchecked(what="pages", url=example, reason=reason) for example, reason in self._examples.values()
        ]

    def _path_trap(self, path: str) -> Trap | None:
        start = path.find("/", path.find("://") + 3)
        origin, segments = path[:start], [s for s in path[start:].split("/") if s]
        if len(segments) > MAX_PATH_SEGMENTS:
            return Trap(f"{origin}/{'/'.join(segments[:3])}/…", REASON_DEEP_PATH)
        if len(segments) >= 3 and (unit := _repeating_unit(segments)):
            return Trap(f"{origin}/{'/'.join(unit)}/…", REASON_REPEATING_PATH)
        if segments and (trailing := _trailing_date(segments)) and not self._in_window(*trailing):
            return Trap(_DIGITS.sub("N", path), REASON_CALENDAR)
        return None

    def _query_trap(self, path: str, query: str) -> Trap | None:
        pairs = [pair.partition("=") for pair in query.split("&") if pair]
        keys = [key.lower() for key, _, _ in pairs]
        if (
            len(query) > MAX_QUERY_LENGTH
            or any(len(value) > MAX_VALUE_LENGTH for _, _, value in pairs)
            or any(keys.count(key) > MAX_KEY_REPEATS for key in set(keys))
        ):
            return Trap(f"{path}?{'&'.join(sorted(set(keys)))}", REASON_GROWING_QUERY)
        if (date := _query_date(pairs, keys)) and not self._in_window(*date):
            return Trap(f"{path}?{_DIGITS.sub('N', query)}", REASON_CALENDAR)
        return self._crowded(path, pairs)

    def _crowded(self, path: str, pairs: list[tuple[str, str, str]]) -> Trap | None:
        trap = None
        for index, (key, _, value) in enumerate(pairs):
            if not value.isdigit() or _is_identifier(key):
                continue
            shape = [f"{k}={'N' if i == index else v}" for i, (k, _, v) in enumerate(pairs)]
            pattern = f"{path}?{'&'.join(shape)}"
            count = self._per_pattern.get(pattern, 0) + 1
            self._per_pattern[pattern] = count
            if count > self._cap and trap is None:
                trap = Trap(pattern, self._reason_crowded)
        return trap

    def _in_window(self, year: int, month: int, day: int) -> bool:
        try:
            date = datetime.date(year, month, day)
        except ValueError:  # 2031-02-31: an invalid date in a calendar is no content either
            return False
        return self._earliest <= date <= self._latest


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _repeating_unit(segments: list[str]) -> list[str] | None:
    """A run of 1–4 segments repeated three times in a row, or one segment four times anywhere."""
    count = len(segments)
    for width in range(1, min(4, count // 3) + 1):
        for start in range(count - 3 * width + 1):
            unit = segments[start : start + width]
            if (
                unit
                == segments[start + width : start + 2 * width]
                == segments[start + 2 * width : start + 3 * width]
            ):
                return unit
    if count >= 4:
        for segment in set(segments):
            if segments.count(segment) >= 4:
                return [segment]
    return None


def _trailing_date(segments: list[str]) -> tuple[int, int, int] | None:
    """Year and month (and day) as the last path segments: a calendar page, not an article."""
    if _INDEX_FILE.fullmatch(segments[-1]):
        segments = segments[:-1]
    run: list[str] = []
    for segment in reversed(segments):
        if not segment.isdigit() or len(run) == 3:
            break
        run.insert(0, segment)
    while run and len(run[0]) != 4:
        run.pop(0)
    if len(run) >= 2:
        year, month, day = int(run[0]), int(run[1]), int(run[2]) if len(run) == 3 else 1
        return (year, month, day) if 1 <= month <= 12 and year // 100 in (19, 20) else None
    if segments and "-" in segments[-1] and (match := _DATE_VALUE.fullmatch(segments[-1])):
        return int(match[1]), int(match[2]), int(match[3] or 1)
    return None


def _query_date(pairs: list[tuple[str, str, str]], keys: list[str]) -> tuple[int, int, int] | None:
    year = month = None
    for (_, _, value), key in zip(pairs, keys, strict=True):
        if key in _YEAR_KEYS and value.isdigit() and len(value) == 4:
            year = int(value)
        elif key in _MONTH_KEYS and value.isdigit() and len(value) <= 2:
            month = int(value)
        elif _CALENDAR_KEYS.search(key) and (match := _DATE_VALUE.fullmatch(value)):
            return int(match[1]), int(match[2]), int(match[3] or 1)
    if year is not None and month is not None and 1 <= month <= 12:
        return year, month, 1
    return None


def _is_identifier(key: str) -> bool:
    key = key.lower()
    return key.endswith("id") or key in {"guid", "uuid", "code", "no", "bh"}
