"""Findings: what a rule reports, in a form that can be stored as JSON and shown to a webmaster."""

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How much a finding weighs in the inspection."""

    VETO = "veto"
    DEDUCTION = "deduction"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS: dict[Severity, str] = {
    Severity.VETO: "单项否决",
    Severity.DEDUCTION: "扣分",
    Severity.WARNING: "预警",
    Severity.INFO: "提示",
}


@dataclass(frozen=True)
class Finding:
    """One problem a rule found.

    `rule` is a stable code (storage and reports key on it, so never rename one); `summary` is one
    Chinese sentence with the counts; `evidence` lists what the finding rests on, JSON-serialisable
    (dates as ISO strings); `points` is the deduction, 0 for a veto or a warning.
    """

    rule: str
    severity: Severity
    summary: str
    evidence: tuple[Mapping[str, object], ...] = ()
    points: float = 0.0

    def __post_init__(self) -> None:
        # Accept any iterable of mappings but store a tuple, so a finding cannot change after the fact.
        object.__setattr__(self, "evidence", tuple(self.evidence))

    def to_dict(self) -> dict[str, object]:
        """A plain dict ready for `json.dumps`."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "summary": self.summary,
            "evidence": [_jsonable(dict(entry)) for entry in self.evidence],
            "points": self.points,
        }


def _jsonable(value: object) -> object:
    """Turn dates, enums and tuples into JSON values; evidence should already be plain, this is a net."""
    if isinstance(value, datetime.date):  # datetime.datetime is a date too
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    return value
