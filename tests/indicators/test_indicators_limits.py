"""The whole-site rule sections of a rule set: shipped numbers, overrides, tightening, validation."""

import dataclasses
import re
from pathlib import Path

import pytest

from govsite.indicators import Cadence, ColumnKind, RuleSet, RuleSetError, limits, load_ruleset
from govsite.indicators import ruleset as ruleset_module
from govsite.indicators.inspection import ChannelKind, ContentRisk, LinkProblem

SHIPPED = (Path(ruleset_module.__file__).parent / "rulesets" / "gov2019.toml").read_text(encoding="utf-8")


def test_gov2019_official_numbers(ruleset: RuleSet) -> None:
    unreachable = ruleset.site_unreachable
    assert (unreachable.window_days, unreachable.probes_per_day) == (7, 20)
    assert (unreachable.timeout_seconds, unreachable.failure_percent) == (15, 5)
    assert ruleset.homepage_not_updated.within == Cadence(days=14)
    assert ruleset.homepage_not_updated.navigation_kinds == {
        ColumnKind.NEWS,
        ColumnKind.NOTICE,
        ColumnKind.POLICY,
    }
    interaction = ruleset.poor_interaction
    assert (interaction.lookback, interaction.answer_within) == (Cadence(months=12), Cadence(months=3))
    assert interaction.channel_kinds == {ChannelKind.CONSULTATION}
    assert ruleset.security_serious_error.risks == {
        ContentRisk.GAMBLING,
        ContentRisk.PORN,
        ContentRisk.REACTIONARY,
        ContentRisk.INJECTED_LINK,
        ContentRisk.JS_REDIRECT,
        ContentRisk.DEFACEMENT,
    }
    assert (
        ruleset.service_guides_incomplete.points_per_element,
        ruleset.service_guides_incomplete.max_points,
    ) == (2, 16)
    assert (ruleset.scoring.full_marks, ruleset.scoring.pass_line, ruleset.scoring.services_points) == (
        100,
        60,
        25,
    )
    assert (ruleset.broken_links.homepage_points, ruleset.broken_links.other_points) == (1, 0.1)


def test_every_section_names_its_sources() -> None:
    tables = re.split(r"^\[(\w+)\]$", SHIPPED, flags=re.MULTILINE)
    bodies = dict(zip(tables[1::2], tables[2::2], strict=True))
    for name, section in limits.SECTIONS.items():
        # The comment block just above the table and the table itself.
        before = SHIPPED[: SHIPPED.index(f"[{name}]")].rsplit("\n\n", 1)[-1]
        text = before + bodies[name]
        assert re.search(r"\[(2019|2015|quoted|local)\]|国办发", text), f"[{name}] names no source"
        for field in dataclasses.fields(section):
            assert re.search(rf"^{field.name} = ", bodies[name], flags=re.MULTILINE), (
                f"{name}.{field.name} missing"
            )


def test_override_one_new_number(ruleset: RuleSet) -> None:
    province = ruleset.with_overrides({"name": "fj2024", "site_unreachable": {"failure_percent": 3}})
    assert province.site_unreachable.failure_percent == 3
    assert province.site_unreachable.probes_per_day == 20  # the rest of the section kept
    assert province.homepage_not_updated == ruleset.homepage_not_updated
    assert load_ruleset().site_unreachable.failure_percent == 5  # the cached original untouched


def test_tightened_accepts_stricter_new_numbers(ruleset: RuleSet) -> None:
    stricter = ruleset.tightened(
        site_unreachable={"failure_percent": 3, "timeout_seconds": 10},
        homepage_not_updated={"within": "7d", "navigation_kinds": ["news"]},
        poor_interaction={
            "answer_within": "1m",
            "lookback": "2y",
            "channel_kinds": ["consultation", "complaint"],
        },
        broken_links={"other_points": 0.2, "host_problems": ["dns"]},
        scoring={"pass_line": 70},
    )
    assert stricter.site_unreachable.timeout_seconds == 10
    assert stricter.poor_interaction.lookback == Cadence(months=24)
    assert stricter.broken_links.host_problems == {LinkProblem.DNS}
    assert stricter.scoring.pass_line == 70


@pytest.mark.parametrize(
    ("section", "change", "message"),
    [
        ("site_unreachable", {"failure_percent": 6}, r"site_unreachable.failure_percent \(5 → 6\)"),
        ("homepage_not_updated", {"within": "3w"}, "homepage_not_updated.within"),
        ("homepage_not_updated", {"navigation_kinds": ["news", "topic"]}, "navigation_kinds"),
        ("poor_interaction", {"lookback": "6m"}, "poor_interaction.lookback"),
        ("poor_interaction", {"channel_kinds": ["complaint"]}, "channel_kinds"),
        ("poor_interaction", {"late_answer_counts": False}, r"late_answer_counts \(true → false\)"),
        ("broken_links", {"homepage_points": 0.5}, "homepage_points"),
        ("broken_links", {"host_problems": ["dns", "tls", "connection", "timeout"]}, "host_problems"),
        ("twin_articles", {"similarity": 0.9}, "similarity"),
        ("scoring", {"pass_line": 50}, "pass_line"),
    ],
)
def test_tightened_refuses_to_loosen_new_numbers(
    ruleset: RuleSet, section: str, change: dict[str, object], message: str
) -> None:
    with pytest.raises(RuleSetError, match=message):
        ruleset.tightened(**{section: change})


def test_settings_without_a_direction_may_change_either_way(ruleset: RuleSet) -> None:
    assert ruleset.tightened(twin_articles={"shingle_chars": 3}).twin_articles.shingle_chars == 3
    assert ruleset.tightened(site_unreachable={"probes_per_day": 24}).site_unreachable.probes_per_day == 24


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"site_unreachable": {"failure_percent": 0}}, "failure_percent must be above 0"),
        ({"site_unreachable": {"failure_percent": 101}}, "failure_percent must be at most 100"),
        ({"site_unreachable": {"window_days": 7.5}}, "window_days must be a whole number"),
        ({"site_unreachable": {"window_days": True}}, "window_days must be a whole number"),
        ({"site_unreachable": {"failure_pct": 3}}, "site_unreachable: unknown keys failure_pct"),
        ({"site_unreachable": 3}, "site_unreachable must be a table"),
        ({"homepage_not_updated": {"within": "two weeks"}}, "homepage_not_updated.within: bad cadence"),
        ({"homepage_not_updated": {"within": 14}}, "expected a span text"),
        ({"homepage_not_updated": {"navigation_kinds": []}}, "navigation_kinds must not be empty"),
        ({"homepage_not_updated": {"navigation_kinds": "news"}}, "navigation_kinds must be a list"),
        ({"poor_interaction": {"channel_kinds": ["mailbox"]}}, "unknown value 'mailbox'"),
        ({"poor_interaction": {"late_answer_counts": 1}}, "must be true or false"),
        ({"broken_links": {"other_points": -0.1}}, "other_points must be at least 0"),
        ({"broken_links": {"other_points": "0.1"}}, "other_points must be a number"),
        ({"twin_articles": {"similarity": 1.5}}, "similarity must be at most 1"),
        ({"scoring": {"pass_line": 120}}, r"pass_line \(120\) is above full_marks"),
        ({"dead_attachments": {"max_points": 10}}, "the service items may deduct 31 points together"),
        (
            {"improper_content": {"risks": ["gambling"]}},
            "risks gambling are both a veto and a lesser finding",
        ),
    ],
)
def test_bad_new_numbers(ruleset: RuleSet, overrides: dict[str, object], message: str) -> None:
    with pytest.raises(RuleSetError, match=message):
        ruleset.with_overrides(overrides)


def test_a_file_without_a_section_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SHIPPED.replace("[twin_articles]", "[twin_articles_off]")
    (tmp_path / "gov2019.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(ruleset_module, "_rulesets_dir", lambda: tmp_path)
    ruleset_module._load_cached.cache_clear()
    try:
        with pytest.raises(RuleSetError, match="unknown keys twin_articles_off"):
            load_ruleset("gov2019")
        start = text.index("[twin_articles_off]")
        end = text.index("[scoring]")
        (tmp_path / "gov2019.toml").write_text(text[:start] + text[end:], encoding="utf-8")
        with pytest.raises(RuleSetError, match="missing twin_articles"):
            load_ruleset("gov2019")
        section = SHIPPED[SHIPPED.index("[scoring]") :]
        (tmp_path / "gov2019.toml").write_text(
            SHIPPED.replace(section, section.replace("pass_line = 60\n", "")), encoding="utf-8"
        )
        with pytest.raises(RuleSetError, match=r"missing scoring\.pass_line"):
            load_ruleset("gov2019")
    finally:
        ruleset_module._load_cached.cache_clear()


def test_sections_are_read_only(ruleset: RuleSet) -> None:
    with pytest.raises(AttributeError):
        ruleset.site_unreachable.failure_percent = 1  # type: ignore[misc]
    assert isinstance(ruleset.security_serious_error.risks, frozenset)
