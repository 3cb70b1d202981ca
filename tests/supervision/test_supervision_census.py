"""Many sites at once: a batch per process, one process per core, results as each site ends."""

from __future__ import annotations

import datetime
import json
import socket

import openpyxl
import pytest

from govsite.cli import EXIT_PASSED, EXIT_USAGE, main
from govsite.supervision.census import CensusOptions, inspect_sites, shares
from govsite.supervision.crawler.limits import CrawlLimits
from govsite.supervision.reports.render import report_data
from supervision.test_supervision_cli import TODAY, serve, site_pages


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/"


def test_shares_deal_sites_in_turn():
    assert shares(list("abcdefg"), 3) == [["a", "d", "g"], ["b", "e"], ["c", "f"]]
    assert shares(["a"], 4) == [["a"]]  # no idle process for a list shorter than the cores


@pytest.mark.parametrize("processes", [1, 2])
def test_every_site_reported_once_with_its_own_verdict(processes):
    fresh, zombie = (
        site_pages(TODAY - datetime.timedelta(days=1)),
        site_pages(TODAY - datetime.timedelta(days=400)),
    )
    with serve(fresh) as fresh_url, serve(zombie) as zombie_url:
        urls = [fresh_url, zombie_url, closed_port_url()]
        options = CensusOptions(today=TODAY, limits=CrawlLimits(max_sites=2, timeout=5))
        results = dict(inspect_sites(urls, options, report_data, processes=processes))
    assert set(results) == set(urls)
    assert results[fresh_url]["outcome"] == "合格"
    assert "homepage_not_updated" in results[zombie_url]["verdict"]["vetoes"]
    assert results[urls[2]]["outcome"] == "无法检查"


def test_census_command_writes_one_report_per_site(tmp_path, capsys):
    with serve(site_pages(TODAY - datetime.timedelta(days=1))) as url:
        listing = tmp_path / "sites.txt"
        listing.write_text(f"# 西地省\n{url}\n{url}\n\n", encoding="utf-8")  # a repeated line is one site
        out = tmp_path / "results.jsonl"
        code = main(
            ["census", str(listing), "--out", str(out), "--date", TODAY.isoformat(), "--processes", "1"]
        )
        assert code == EXIT_PASSED
        lines = out.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["outcome"] for line in lines] == ["合格"]
        xlsx = tmp_path / "results.xlsx"
        assert (
            main(
                ["census", str(listing), "--out", str(xlsx), "--date", TODAY.isoformat(), "--processes", "1"]
            )
            == 0
        )
    assert openpyxl.load_workbook(xlsx).active.max_row >= 2
    assert "合格 1 个" in capsys.readouterr().err


def test_census_refuses_bad_input_in_chinese(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("# 没有网站\n", encoding="utf-8")
    assert main(["census", str(empty), "--out", str(tmp_path / "r.jsonl")]) == EXIT_USAGE
    assert main(["census", str(empty), "--out", str(tmp_path / "r.csv")]) == EXIT_USAGE
    assert main(["census", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "r.jsonl")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "网站清单为空" in err and "--out 须为" in err and "无法读取网站清单" in err
