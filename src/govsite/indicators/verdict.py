"""The verdict: every rule run over one site's evidence, the score, and 合格 / 不合格.

How the indicators decide (国办秘函〔2019〕19号, SPEC §3): any veto (单项否决) fails the site and
"other indicators are not scored"; otherwise the deductions are taken from 100 (each item capped at
its total, the score never below 0) and a site below 60 fails. A department without external
services is not judged on services: its non-service items are scored on 75 and the result scaled by
100/75 (= ×4/3).

Deductions are still computed and listed when a veto fires, so the webmaster sees everything to fix;
the verdict then has no score (None; `null` in JSON). What the inspection could not check is listed
apart, as 未能检查, never silently passed and never a deduction.

`Verdict.to_dict()` is the stored form; its schema (version 1) is documented on the method.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .findings import Finding, Severity
from .inspection import SiteEvidence, Unchecked
from .limits import SERVICE_ITEMS
from .rules import (
    broken_links,
    columns,
    dead_attachments,
    dead_online_systems,
    homepage_availability,
    homepage_not_updated,
    homepage_update_volume,
    improper_content,
    metadata_inaccurate,
    poor_interaction,
    security_serious_error,
    service_guides_incomplete,
    services_not_practical,
    site_unreachable,
    slow_answers,
    twin_articles,
)
from .rules.common import Rule
from .rules.slow_answers import WorkingDays
from .ruleset import RuleSet

SCHEMA_VERSION = 1
PASSED = "合格"
FAILED = "不合格"
UNCHECKED_LABEL = "未能检查"

# Every rule, in the order findings of one severity are listed: the veto rules in the order of the
# indicators, then the deduction items in the order of the scoring table, then the accuracy checks.
RULES: tuple[tuple[str, Rule], ...] = (
    (site_unreachable.RULE, site_unreachable.rule),
    (homepage_not_updated.RULE, homepage_not_updated.rule),
    (columns.RULE, columns.rule),
    (security_serious_error.RULE, security_serious_error.rule),
    (poor_interaction.RULE, poor_interaction.rule),
    (services_not_practical.RULE, services_not_practical.rule),
    (homepage_availability.RULE, homepage_availability.rule),
    (broken_links.RULE, broken_links.rule),
    (homepage_update_volume.RULE, homepage_update_volume.rule),
    (slow_answers.RULE, slow_answers.rule),
    (service_guides_incomplete.RULE, service_guides_incomplete.rule),
    (dead_attachments.RULE, dead_attachments.rule),
    (dead_online_systems.RULE, dead_online_systems.rule),
    (twin_articles.RULE, twin_articles.rule),
    (improper_content.RULE, improper_content.rule),
    (metadata_inaccurate.RULE, metadata_inaccurate.rule),
)

# Rules about services, left out for a department without external services.
SERVICE_RULES: frozenset[str] = frozenset({services_not_practical.RULE, *SERVICE_ITEMS})

_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one inspection of one site."""

    site: str
    checked_at: datetime.datetime
    today: datetime.date  # the day the rules counted from
    ruleset: str
    has_external_services: bool
    findings: tuple[Finding, ...]  # vetoes first, then deductions, warnings, information
    deducted: float  # points deducted, each item capped; computed even when a veto fired
    score: float | None  # None when a veto fired: the other indicators are not scored
    full_marks: float
    pass_line: float
    unchecked: tuple[Unchecked, ...]

    @property
    def vetoes(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.VETO)

    @property
    def vetoed(self) -> bool:
        return any(finding.severity is Severity.VETO for finding in self.findings)

    @property
    def passed(self) -> bool:
        return not self.vetoed and self.score is not None and self.score >= self.pass_line

    @property
    def band(self) -> str:
        """The official wording of the result: 合格 or 不合格."""
        return PASSED if self.passed else FAILED

    @property
    def deductions(self) -> dict[str, float]:
        """Points deducted per item (rule code), for the items that deducted any."""
        items: dict[str, float] = {}
        for finding in self.findings:
            if finding.severity is Severity.DEDUCTION:
                items[finding.rule] = round(items.get(finding.rule, 0.0) + finding.points, 2)
        return items

    def to_dict(self) -> dict[str, object]:
        """The verdict as plain JSON values. Schema version 1:

        - ``schema_version``: 1; a reader refuses versions it does not know.
        - ``site``: the homepage URL; ``checked_at``: ISO datetime of the check; ``date``: ISO date the
          rules counted from; ``ruleset``: name of the rule-set edition (e.g. "gov2019").
        - ``has_external_services``: false for a department scored without the services items.
        - ``result``: "合格" or "不合格"; ``passed``: the same as a boolean; ``vetoed``: any veto fired.
        - ``score``: the score from 0 to ``full_marks``, to the hundredth — or null when a veto fired
          (the indicators do not score a vetoed site; ``deducted`` and the deduction findings are
          still given so the webmaster can fix them).
        - ``deducted``: total points deducted (each item capped); ``deductions``: {rule: points}.
        - ``full_marks`` and ``pass_line``: the numbers the score is read against.
        - ``vetoes``: rule codes of the veto findings, in order.
        - ``findings``: list of `Finding.to_dict()` — {rule, severity (veto|deduction|warning|info),
          summary (Chinese), evidence (list of objects), points} — vetoes first, then deductions,
          warnings and information, each group in the order of `RULES`.
        - ``unchecked``: list of {what, url, reason} the inspection could not check, shown in reports
          under ``unchecked_label`` ("未能检查").
        """
        return {
            "schema_version": SCHEMA_VERSION,
            "site": self.site,
            "checked_at": self.checked_at.isoformat(),
            "date": self.today.isoformat(),
            "ruleset": self.ruleset,
            "has_external_services": self.has_external_services,
            "result": self.band,
            "passed": self.passed,
            "vetoed": self.vetoed,
            "score": self.score,
            "deducted": self.deducted,
            "deductions": self.deductions,
            "full_marks": self.full_marks,
            "pass_line": self.pass_line,
            "vetoes": [finding.rule for finding in self.vetoes],
            "findings": [finding.to_dict() for finding in self.findings],
            "unchecked_label": UNCHECKED_LABEL,
            "unchecked": [
                {"what": entry.what, "url": entry.url, "reason": entry.reason} for entry in self.unchecked
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Verdict":
        """Read back what `to_dict` wrote (after a JSON round trip)."""
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"unknown verdict schema_version {version!r} (known: {SCHEMA_VERSION})")
        return cls(
            site=data["site"],
            checked_at=datetime.datetime.fromisoformat(data["checked_at"]),
            today=datetime.date.fromisoformat(data["date"]),
            ruleset=data["ruleset"],
            has_external_services=data["has_external_services"],
            findings=tuple(
                Finding(
                    rule=entry["rule"],
                    severity=Severity(entry["severity"]),
                    summary=entry["summary"],
                    evidence=tuple(entry["evidence"]),
                    points=entry["points"],
                )
                for entry in data["findings"]
            ),
            deducted=data["deducted"],
            score=data["score"],
            full_marks=data["full_marks"],
            pass_line=data["pass_line"],
            unchecked=tuple(Unchecked(**entry) for entry in data["unchecked"]),
        )


def evaluate(
    site: SiteEvidence,
    today: datetime.date,
    ruleset: RuleSet,
    *,
    has_external_services: bool = True,
    working_days: WorkingDays | None = None,
) -> Verdict:
    """Run every rule over the site's evidence and score it.

    `has_external_services` False: a department site without services for the public — the
    services veto and the service items are not applied and the rest is scored on 75 ×4/3.
    `working_days(start, end)`: working days after `start` up to and including `end`, from the
    official holiday schedule; without it answer times are counted in calendar days (see
    `rules.slow_answers`).
    """
    findings: list[Finding] = []
    for code, check in RULES:
        if code in SERVICE_RULES and not has_external_services:
            continue
        if code == slow_answers.RULE:  # the one rule that can use an injected holiday calendar
            findings += slow_answers.rule(site, today, ruleset, working_days=working_days)
        else:
            findings += check(site, today, ruleset)
    findings.sort(key=lambda finding: _SEVERITY_ORDER[finding.severity])  # stable: rule order kept
    deducted = round(sum(finding.points for finding in findings if finding.severity is Severity.DEDUCTION), 2)
    vetoed = any(finding.severity is Severity.VETO for finding in findings)
    scoring = ruleset.scoring
    return Verdict(
        site=site.url,
        checked_at=site.checked_at,
        today=today,
        ruleset=ruleset.name,
        has_external_services=has_external_services,
        findings=tuple(findings),
        deducted=deducted,
        score=None if vetoed else score(deducted, ruleset, has_external_services=has_external_services),
        full_marks=scoring.full_marks,
        pass_line=scoring.pass_line,
        unchecked=tuple(site.unchecked),
    )


def score(deducted: float, ruleset: RuleSet, *, has_external_services: bool = True) -> float:
    """The score for `deducted` points: full marks less the deductions, never below 0.

    Without external services the non-service part (full marks less the services' points) is
    scored and scaled back to full marks: 75 − deductions, ×100/75.
    """
    scoring = ruleset.scoring
    if has_external_services:
        return round(max(scoring.full_marks - deducted, 0.0), 2)
    part = scoring.full_marks - scoring.services_points
    return round(max(part - deducted, 0.0) * scoring.full_marks / part, 2)


def rule_codes() -> Sequence[str]:
    """The codes of every rule `evaluate` runs, in listing order."""
    return [code for code, _ in RULES]
