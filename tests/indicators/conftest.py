"""Shared fixtures for the framework-free indicator rules; no Django here."""

import dataclasses
import datetime
import importlib.util
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Run standalone too (pytest -p no:django): put src/ on the path only when the package is not installed.
if importlib.util.find_spec("govsite") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence, RuleSet, load_ruleset
from govsite.indicators.inspection import (
    KEY_GUIDE_ELEMENTS,
    ArticleEvidence,
    ChannelEvidence,
    ChannelKind,
    Identity,
    LetterEvidence,
    LinkEvidence,
    Probe,
    ServiceGuideEvidence,
    ServiceSystemEvidence,
    SiteEvidence,
)

TODAY = datetime.date(2024, 6, 15)

ColumnFactory = Callable[..., ColumnEvidence]


@pytest.fixture
def today() -> datetime.date:
    return TODAY


@pytest.fixture
def ruleset() -> RuleSet:
    return load_ruleset("gov2019")


@pytest.fixture
def make_column() -> ColumnFactory:
    """Build a column; `age` (days before TODAY of the newest item) is the usual way to date it."""
    counter = iter(range(1, 1_000_000))

    def make(
        kind: ColumnKind = ColumnKind.NEWS,
        *,
        age: int | None = 0,
        item_count: int = 3,
        last_update: datetime.date | None = None,
        historical: bool = False,
        name: str | None = None,
    ) -> ColumnEvidence:
        number = next(counter)
        if last_update is None and age is not None and item_count > 0:
            last_update = TODAY - datetime.timedelta(days=age)
        return ColumnEvidence(
            key=f"page-{number}",
            name=name or f"{kind.label}{number}",
            kind=kind,
            item_count=item_count,
            last_update=last_update,
            url=f"https://www.example.gov.cn/col{number}/",
            historical=historical,
            undated_count=item_count if last_update is None else 0,
        )

    return make


# --- whole-site evidence ------------------------------------------------------------------------------

CST = datetime.timezone(datetime.timedelta(hours=8), "CST")
CHECKED_AT = datetime.datetime(2024, 6, 15, 9, 0, tzinfo=CST)
SITE = "https://www.example.gov.cn/"


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def make_probes_before(
    *, days: int = 7, per_day: int = 24, failed: int = 0, end: datetime.datetime = CHECKED_AT
) -> tuple[Probe, ...]:
    """`per_day` probes evenly spaced in each of the `days` 24-hour slices before `end`; the first
    `failed` of them (newest first) did not open."""
    step = datetime.timedelta(days=1) / per_day
    return tuple(
        Probe(at=end - n * step, ok=n >= failed, status=200 if n >= failed else None, elapsed=0.8)
        for n in range(days * per_day)
    )


def body_text(seed: int, sentences: int = 30) -> str:
    """A plausible Chinese body: sentences of common characters, different for every seed."""
    rng = random.Random(seed)
    chars = [chr(code) for code in range(0x4E00, 0x4E00 + 2000)]
    return "".join(
        "".join(rng.choice(chars) for _ in range(rng.randint(8, 24))) + rng.choice("，。；")
        for _ in range(sentences)
    )


ALL_KEY_ELEMENTS = frozenset(KEY_GUIDE_ELEMENTS)


def clean_site() -> SiteEvidence:
    """A site that passes every rule: fresh, reachable, answering, serving, clean."""
    return SiteEvidence(
        url=SITE,
        checked_at=CHECKED_AT,
        identity=Identity(site_name="示例市人民政府", site_code="1234000001"),
        probes=make_probes_before(),
        homepage_items=tuple(
            ItemEvidence(f"要闻{n}", url=f"{SITE}xw/{n}.html", published=days_ago(n)) for n in range(12)
        ),
        columns=tuple(
            ColumnEvidence(f"col-{kind.value}", kind.label, kind, 10, days_ago(1), url=f"{SITE}{kind.value}/")
            for kind in ColumnKind
        ),
        links=tuple(
            LinkEvidence(url=f"{SITE}page{n}.html", found_on=(SITE,), on_homepage=True) for n in range(5)
        ),
        channels=(ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, url=f"{SITE}ldxx/"),),
        letters=tuple(
            LetterEvidence(
                "领导信箱", ChannelKind.CONSULTATION, asked=days_ago(30 + n), answered=days_ago(25 + n)
            )
            for n in range(5)
        ),
        guides=tuple(
            ServiceGuideEvidence(f"事项{n}", f"{SITE}bszn/{n}.html", elements=ALL_KEY_ELEMENTS)
            for n in range(3)
        ),
        systems=(ServiceSystemEvidence("网上申报", f"{SITE}sb/", works=True),),
        offers_services=True,
        articles=tuple(
            ArticleEvidence(f"{SITE}art/{n}.html", f"文章{n}", days_ago(n), body_text(n)) for n in range(5)
        ),
        pages_fetched=120,
    )


SiteFactory = Callable[..., SiteEvidence]
ProbeFactory = Callable[..., tuple[Probe, ...]]


# Test modules are imported by path (--import-mode=importlib), so they reach these helpers as fixtures.


@pytest.fixture
def checked_at() -> datetime.datetime:
    """When the whole-site evidence was gathered: 09:00 China time on TODAY."""
    return CHECKED_AT


@pytest.fixture
def make_probes() -> ProbeFactory:
    return make_probes_before


@pytest.fixture
def make_body() -> Callable[..., str]:
    return body_text


@pytest.fixture
def make_site() -> SiteFactory:
    """`clean_site()` with some fields replaced: ``make_site(probes=(), reachable=False)``."""

    def make(**changes: Any) -> SiteEvidence:
        return dataclasses.replace(clean_site(), **changes)

    return make
