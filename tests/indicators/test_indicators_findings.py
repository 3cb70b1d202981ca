import datetime
import json

import pytest

from govsite.indicators import ColumnKind, Finding, Severity


def test_to_dict_is_json() -> None:
    finding = Finding(
        rule="columns_not_updated",
        severity=Severity.VETO,
        summary="空白栏目 6 个（达到 5 个即单项否决）",
        evidence=({"key": "7", "last_update": "2024-01-01"},),
    )
    assert json.loads(json.dumps(finding.to_dict(), ensure_ascii=False)) == {
        "rule": "columns_not_updated",
        "severity": "veto",
        "summary": "空白栏目 6 个（达到 5 个即单项否决）",
        "evidence": [{"key": "7", "last_update": "2024-01-01"}],
        "points": 0.0,
    }


def test_to_dict_turns_stray_dates_and_enums_into_json() -> None:
    finding = Finding(
        "r",
        Severity.DEDUCTION,
        "s",
        evidence=[{"when": datetime.date(2024, 2, 29), "kind": ColumnKind.NEWS, "tags": ("a", "b")}],
        points=1.5,
    )
    assert finding.to_dict()["evidence"] == [{"when": "2024-02-29", "kind": "news", "tags": ["a", "b"]}]
    json.dumps(finding.to_dict())


def test_evidence_is_stored_as_a_tuple() -> None:
    finding = Finding("r", Severity.INFO, "s", evidence=[{"a": 1}])  # type: ignore[arg-type]
    assert isinstance(finding.evidence, tuple)
    with pytest.raises(AttributeError):
        finding.summary = "x"  # type: ignore[misc]


def test_severity_values_and_labels() -> None:
    assert [str(severity) for severity in Severity] == ["veto", "deduction", "warning", "info"]
    assert Severity.VETO.label == "单项否决"
