from collections.abc import Iterator
from pathlib import Path

import pytest

from govsite.indicators import (
    Cadence,
    ColumnKind,
    RuleSet,
    RuleSetError,
    available_rulesets,
    limits,
    load_ruleset,
)
from govsite.indicators import ruleset as ruleset_module


def sections(ruleset: RuleSet) -> dict[str, limits.Section]:
    """The rule sections of `ruleset`, as constructor keywords."""
    return {name: getattr(ruleset, name) for name in limits.SECTIONS}


def test_gov2019_numbers(ruleset: RuleSet) -> None:
    assert ruleset.name == "gov2019"
    assert ruleset.title == "政府网站与政务新媒体检查指标"
    assert ruleset.source == "国办秘函〔2019〕19号"
    assert ruleset.cadence_for(ColumnKind.NEWS) == Cadence(days=14)
    assert ruleset.cadence_for(ColumnKind.NOTICE) == Cadence(months=6)
    assert ruleset.cadence_for(ColumnKind.POLICY) == Cadence(months=6)
    for kind in ("interpretation", "personnel", "plan", "statistics", "finance", "procurement", "topic"):
        assert ruleset.cadence_for(ColumnKind(kind)) == Cadence(months=12)
    for kind in ("overview", "service", "interaction", "other"):
        assert ruleset.cadence_for(ColumnKind(kind)) is None
    assert ruleset.due_soon_days == 3
    assert (ruleset.stale_news_notice_min, ruleset.long_stale_min, ruleset.empty_min) == (5, 10, 5)


def test_every_kind_is_decided(ruleset: RuleSet) -> None:
    assert set(ruleset.cadence) == set(ColumnKind)


def test_loading_is_cached_and_the_result_read_only(ruleset: RuleSet) -> None:
    assert load_ruleset() is ruleset
    with pytest.raises(TypeError):
        ruleset.cadence[ColumnKind.NEWS] = None  # type: ignore[index]
    assert hash(ruleset) == hash(load_ruleset())


def test_available_rulesets() -> None:
    assert "gov2019" in available_rulesets()


@pytest.mark.parametrize("name", ["nope", "../gov2019", "GOV2019", ""])
def test_unknown_or_bad_name(name: str) -> None:
    with pytest.raises(RuleSetError):
        load_ruleset(name)


def test_unknown_name_lists_the_available_ones() -> None:
    with pytest.raises(RuleSetError, match=r"available: .*gov2019"):
        load_ruleset("zhejiang2099")


# --- overrides -----------------------------------------------------------------------------------


def test_with_overrides_returns_a_new_rule_set(ruleset: RuleSet) -> None:
    province = ruleset.with_overrides(
        {"name": "zj2024", "cadence": {"news": "7d", "overview": "12m"}, "thresholds": {"empty_min": 3}}
    )
    assert province.name == "zj2024"
    assert province.cadence_for(ColumnKind.NEWS) == Cadence(days=7)
    assert province.cadence_for(ColumnKind.OVERVIEW) == Cadence(months=12)
    assert province.cadence_for(ColumnKind.NOTICE) == Cadence(months=6)  # untouched kinds kept
    assert province.empty_min == 3
    assert province.long_stale_min == 10
    # The shared, cached original does not change.
    assert ruleset.cadence_for(ColumnKind.NEWS) == Cadence(days=14)
    assert load_ruleset().empty_min == 5


def test_with_overrides_may_loosen(ruleset: RuleSet) -> None:
    looser = ruleset.with_overrides({"cadence": {"personnel": "none"}, "thresholds": {"long_stale_min": 20}})
    assert looser.cadence_for(ColumnKind.PERSONNEL) is None
    assert looser.long_stale_min == 20


def test_tightened_with_keywords(ruleset: RuleSet) -> None:
    stricter = ruleset.tightened(
        news="7d", policy=Cadence(months=3), overview="1y", empty_min=3, due_soon_days=5, name="p"
    )
    assert stricter.cadence_for(ColumnKind.NEWS) == Cadence(days=7)
    assert stricter.cadence_for(ColumnKind.POLICY) == Cadence(months=3)
    assert stricter.cadence_for(ColumnKind.OVERVIEW) == Cadence(months=12)
    assert (stricter.empty_min, stricter.due_soon_days, stricter.name) == (3, 5, "p")


def test_tightened_accepts_equal_spans_in_other_units(ruleset: RuleSet) -> None:
    assert ruleset.tightened(news="2w").cadence_for(ColumnKind.NEWS) == Cadence(days=14)
    # 180 days is never longer than 6 calendar months; 185 days sometimes is.
    assert ruleset.tightened(notice="180d").cadence_for(ColumnKind.NOTICE) == Cadence(days=180)
    with pytest.raises(RuleSetError, match="notice"):
        ruleset.tightened(notice="185d")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"news": "15d"}, r"news \(2周 → 15天\)"),
        ({"notice": "7m"}, "notice"),
        ({"personnel": "none"}, "personnel"),
        ({"empty_min": 6}, "empty_min"),
        ({"stale_news_notice_min": 6}, "stale_news_notice_min"),
    ],
)
def test_tightened_refuses_to_loosen(ruleset: RuleSet, overrides: dict[str, object], message: str) -> None:
    with pytest.raises(RuleSetError, match=message):
        ruleset.tightened(**overrides)


def test_tightened_rejects_unknown_keywords(ruleset: RuleSet) -> None:
    with pytest.raises(RuleSetError, match="unknown setting 'newz'"):
        ruleset.tightened(newz="7d")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cadence": {"blog": "7d"}}, "unknown column kind 'blog'"),
        ({"cadence": {"news": "fortnight"}}, "cadence.news: bad cadence 'fortnight'"),
        ({"cadence": {"news": 14}}, "cadence.news: expected a cadence text"),
        ({"cadence": {"news": "0d"}}, "longer than zero"),
        ({"cadence": "14d"}, "cadence must be a table"),
        ({"thresholds": {"empty_min": -1}}, "empty_min must be at least 1"),
        ({"thresholds": {"empty_min": 0}}, "empty_min must be at least 1"),
        ({"thresholds": {"empty_min": True}}, "whole number"),
        ({"thresholds": {"empty_min": 2.5}}, "whole number"),
        ({"thresholds": {"empty": 3}}, "unknown threshold 'empty'"),
        ({"due_soon_days": -1}, "due_soon_days must be at least 0"),
        ({"title": ""}, "title must be non-empty"),
        ({"colour": "red"}, "unknown keys colour"),
    ],
)
def test_bad_overrides(ruleset: RuleSet, overrides: dict[str, object], message: str) -> None:
    with pytest.raises(RuleSetError, match=message):
        ruleset.with_overrides(overrides)


def test_rule_set_error_is_a_value_error() -> None:
    assert issubclass(RuleSetError, ValueError)


def test_constructor_demands_every_kind(ruleset: RuleSet) -> None:
    cadence = {kind: c for kind, c in ruleset.cadence.items() if kind is not ColumnKind.TOPIC}
    with pytest.raises(RuleSetError, match=r"no cadence for column kinds topic"):
        RuleSet("x", "t", "s", cadence, 3, 5, 10, 5, **sections(ruleset))  # type: ignore[arg-type]


def test_constructor_accepts_kind_strings(ruleset: RuleSet) -> None:
    cadence = {kind.value: c for kind, c in ruleset.cadence.items()}
    built = RuleSet("x", "t", "s", cadence, 3, 5, 10, 5, **sections(ruleset))  # type: ignore[arg-type]
    assert built.cadence_for(ColumnKind.NEWS) == Cadence(days=14)


# --- rule-set files --------------------------------------------------------------------------------

GOOD_FILE = """
title = "测试指标"
source = "测试〔2024〕1号"
due_soon_days = 2
[cadence]
news = "7d"
notice = "3m"
policy = "3m"
interpretation = "6m"
personnel = "6m"
plan = "6m"
statistics = "6m"
finance = "6m"
procurement = "6m"
topic = "6m"
overview = "none"
service = "none"
interaction = "none"
other = "none"
[thresholds]
stale_news_notice_min = 3
long_stale_min = 8
empty_min = 3
"""
# The whole-site rule sections, as shipped: the tests below are about the file format, not their numbers.
_SHIPPED = (Path(ruleset_module.__file__).parent / "rulesets" / "gov2019.toml").read_text(encoding="utf-8")
GOOD_FILE += _SHIPPED[_SHIPPED.index("[site_unreachable]") :]


@pytest.fixture
def rulesets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the loader at a temporary folder of rule-set files, with a fresh cache."""
    monkeypatch.setattr(ruleset_module, "_rulesets_dir", lambda: tmp_path)
    ruleset_module._load_cached.cache_clear()
    yield tmp_path
    ruleset_module._load_cached.cache_clear()


def test_load_a_file(rulesets_dir: Path) -> None:
    (rulesets_dir / "test2024.toml").write_text(GOOD_FILE, encoding="utf-8")
    loaded = load_ruleset("test2024")
    assert loaded.name == "test2024"
    assert loaded.cadence_for(ColumnKind.NEWS) == Cadence(days=7)
    assert (loaded.due_soon_days, loaded.stale_news_notice_min, loaded.long_stale_min) == (2, 3, 8)
    assert available_rulesets() == ["test2024"]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ('news = "7d"\n', "", "no cadence for column kinds news"),
        ('news = "7d"', 'news = "7x"', "cadence.news: bad cadence '7x'"),
        ('other = "none"', 'other = "none"\nblog = "1d"', "unknown column kind 'blog'"),
        ("empty_min = 3", "empty_min = -3", "empty_min must be at least 1"),
        ("long_stale_min = 8\n", "", "missing thresholds.long_stale_min"),
        ('title = "测试指标"\n', "", "missing title"),
        ('title = "测试指标"', 'title = "测试指标"\nname = "other"', "calls itself 'other'"),
        ("[thresholds]", "[thresholds", "not valid TOML"),
    ],
)
def test_bad_files(rulesets_dir: Path, replace: str, by: str, message: str) -> None:
    assert replace in GOOD_FILE
    (rulesets_dir / "bad.toml").write_text(GOOD_FILE.replace(replace, by), encoding="utf-8")
    with pytest.raises(RuleSetError, match=rf"rule set 'bad': .*{message}"):
        load_ruleset("bad")
