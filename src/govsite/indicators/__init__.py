"""Inspection rules by the State Council's indicators, free of any framework.

Evidence goes in (built by the CMS from its database or by a crawler from HTML), findings come out;
`evaluate` runs every rule over a whole site's `SiteEvidence` and returns the `Verdict` (vetoes,
score, 合格/不合格). Standard library only, so the same rules judge our own sites and anyone else's.
"""

from .coverage import Area
from .evidence import ColumnEvidence, ColumnKind, ItemEvidence
from .findings import Finding, Severity
from .inspection import SiteEvidence, Unchecked
from .rules.columns import (
    ColumnState,
    ColumnStatus,
    assess_column,
    assess_columns,
    columns_not_updated,
)
from .ruleset import Cadence, RuleSet, RuleSetError, available_rulesets, load_ruleset
from .verdict import Verdict, evaluate

__all__ = [
    "Area",
    "Cadence",
    "ColumnEvidence",
    "ColumnKind",
    "ColumnState",
    "ColumnStatus",
    "Finding",
    "ItemEvidence",
    "RuleSet",
    "RuleSetError",
    "Severity",
    "SiteEvidence",
    "Unchecked",
    "Verdict",
    "assess_column",
    "assess_columns",
    "available_rulesets",
    "columns_not_updated",
    "evaluate",
    "load_ruleset",
]
