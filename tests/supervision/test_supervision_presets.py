"""The inspector against every generated fixture site: its veto verdict must match the known truth."""

from __future__ import annotations

import pytest

from govsite.supervision.crawler import CrawlLimits
from govsite.supervision.inspect import InspectionResult, inspect_site_async, run_sync
from govsite.supervision.sitegen import PRESETS, serve_sites, stop_sites


async def inspect_preset(name: str) -> tuple[InspectionResult, object]:
    served = await serve_sites([PRESETS[name]])
    try:
        site = served[0]
        limits = CrawlLimits(timeout=3.0, max_pages=600)  # the slow-site preset still answers within 3 s
        return await inspect_site_async(site.base_url, today=site.truth.today, limits=limits), site.truth
    finally:
        await stop_sites(served)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_veto_verdict_matches_the_truth(name):
    result, truth = run_sync(inspect_preset(name))
    found = {finding.rule for finding in result.verdict.vetoes}
    assert found == set(truth.vetoes), [finding.summary for finding in result.verdict.findings]
    assert result.verdict.passed is (truth.passes and result.verdict.score >= result.verdict.pass_line)


@pytest.mark.parametrize("name", ["clean-hanweb", "hanweb-records"])
def test_hanweb_script_records_are_followed(name):
    """Most pages of a Hanweb site are linked only from script records (SPEC §3c)."""
    result, truth = run_sync(inspect_preset(name))
    assert truth.plain_link_pages < truth.pages / 2  # the fixture really hides most pages in scripts
    assert result.evidence.pages_fetched >= 0.8 * truth.pages


def test_column_states_match_the_truth_on_the_boundary_site():
    from govsite.indicators import ColumnState, assess_columns, load_ruleset

    result, truth = run_sync(inspect_preset("columns-below-veto"))
    statuses = assess_columns(result.evidence.columns, truth.today, load_ruleset())
    empty = sum(status.state is ColumnState.EMPTY for status in statuses)
    assert empty == truth.empty_columns


def test_online_systems_are_found_by_their_links_and_a_dead_one_vetoes():
    """The application system behind the site's proxy answers 502: the only fault of this site."""
    result, truth = run_sync(inspect_preset("dead-online-system"))
    systems = {system.name: system for system in result.evidence.systems}
    assert set(systems) == {system.name for system in truth.systems}
    assert not systems["在线申报"].works and systems["在线申报"].problem == "http_5xx 502"
    assert systems["办事状态查询"].works
    assert [finding.rule for finding in result.verdict.vetoes] == ["services_not_practical"]
    assert not any(entry.what == "systems" for entry in result.evidence.unchecked)
