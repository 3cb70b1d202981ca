from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from govsite.indicators.rule_titles import rule_title

if TYPE_CHECKING:
    from govsite.supervision.inspect import InspectionResult

REPORT_SCHEMA_VERSION = 1
NOT_INSPECTED = "无法检查"


def report_score(data: dict[str, Any]) -> float | None:
    """The score a report shows: none for a site that was vetoed or could not be inspected (the rules
    it was never judged by would leave a score standing)."""
    return None if data["outcome"] == NOT_INSPECTED else data["verdict"]["score"]


def score_text(data: dict[str, Any]) -> str:
    if data["outcome"] == NOT_INSPECTED:
        return "不计分（首页无法访问，未能检查）"
    score = report_score(data)
    return "不计分（存在单项否决）" if score is None else f"{score:g} 分"


def report_data(result: InspectionResult) -> dict[str, Any]:
    """The JSON report: the verdict (its own schema) and what the crawl saw. See docs/inspection-report.md."""
    evidence = result.evidence
    identity = evidence.identity
    verdict = result.verdict.to_dict()
    for finding in verdict["findings"]:
        finding["title"] = rule_title(finding["rule"])
    # An unreachable homepage leaves every content rule unjudged: the outcome is "not inspected",
    # whatever score the unjudged rules leave standing.
    outcome = verdict["result"] if evidence.reachable else NOT_INSPECTED
    return {
        "report_schema_version": REPORT_SCHEMA_VERSION,
        "outcome": outcome,
        "verdict": verdict,
        "site": {
            "url": evidence.url,
            "reachable": evidence.reachable,
            "name": identity.site_name,
            "site_code": identity.site_code,
            "sponsor": identity.sponsor,
            "icp_number": identity.icp_number,
            "police_filing_number": identity.police_filing_number,
            "has_search": identity.has_search,
            "has_accessibility": identity.has_accessibility,
        },
        "crawl": {
            "pages_fetched": evidence.pages_fetched,
            "links_checked": len(evidence.links),
            "columns": len(evidence.columns),
            "homepage_items": len(evidence.homepage_items),
            "letters": len(evidence.letters),
            "guides": len(evidence.guides),
            "articles": len(evidence.articles),
            "content_flags": len(evidence.content_flags),
        },
    }


def render_report(result: InspectionResult, fmt: str) -> str | bytes:
    data = report_data(result)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from govsite.supervision.reports.html import render_html

        return render_html(data)
    if fmt == "xlsx":
        from govsite.supervision.reports.xlsx import render_xlsx

        return render_xlsx([data])
    from govsite.supervision.reports.text import render_text

    return render_text(data)
