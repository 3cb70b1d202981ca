"""What the supervision screens show, read from stored runs: figures, ranking, trend, report dicts.

Everything here reads `InspectionRun` rows (their `passed`, `score`, findings and stored `verdict`);
no rule is recomputed. An unreachable site (a done run with `passed` None) is "无法检查": it is left
out of the pass rate's denominator, never counted as failed.
"""

from __future__ import annotations

import copy
import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from govsite.indicators.rule_titles import rule_title
from govsite.indicators.verdict import FAILED, PASSED
from govsite.supervision.models import (
    FindingRecord,
    InspectionBatch,
    InspectionRun,
    MonitoredSite,
    Rectification,
)
from govsite.supervision.rectification import overdue_rectifications, site_sponsor
from govsite.supervision.reports.render import NOT_INSPECTED, REPORT_SCHEMA_VERSION

DONE = InspectionRun.Status.DONE
TREND_POINTS = 12  # batches or months shown in the trend


def outcome(run: InspectionRun) -> str:
    """合格 / 不合格, or 无法检查 for a run that could not judge the site."""
    if run.passed is None:
        return NOT_INSPECTED
    return PASSED if run.passed else FAILED


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def latest_runs(batch: InspectionBatch | None = None) -> list[InspectionRun]:
    """The latest done run of every active monitored site (within `batch` when given)."""
    done = InspectionRun.objects.filter(site=OuterRef("pk"), status=DONE)
    if batch is not None:
        done = done.filter(batch=batch)
    latest = done.order_by("-finished_at", "-pk").values("pk")[:1]
    ids = (
        MonitoredSite.objects.filter(active=True)
        .annotate(latest_run=Subquery(latest))
        .exclude(latest_run=None)
        .values("latest_run")
    )
    return list(InspectionRun.objects.filter(pk__in=ids).select_related("site", "batch").defer("verdict"))


def veto_rules(runs: Sequence[InspectionRun]) -> dict[int, list[str]]:
    """Rule codes of the veto findings of each run, in stored order."""
    vetoes: dict[int, list[str]] = defaultdict(list)
    rows = FindingRecord.objects.filter(run__in=[run.pk for run in runs], severity="veto").order_by(
        "run", "pk"
    )
    for run_id, rule in rows.values_list("run_id", "rule"):
        if rule not in vetoes[run_id]:
            vetoes[run_id].append(rule)
    return vetoes


@dataclass(frozen=True)
class Standing:
    """One row of the ranking."""

    run: InspectionRun
    rank: int | None  # None for a site that could not be judged
    outcome: str
    vetoes: tuple[str, ...]  # Chinese titles of the veto rules that fired

    @property
    def site(self) -> MonitoredSite:
        return self.run.site


def ranking(runs: Sequence[InspectionRun], vetoes: dict[int, list[str]]) -> list[Standing]:
    """Scored sites by score (highest first), then vetoed sites (fewest vetoes first), then the sites
    that could not be judged."""

    def key(run: InspectionRun) -> tuple:
        if run.passed is None:
            return (2, 0, 0.0, run.site.name)
        if vetoes.get(run.pk) or run.score is None:
            return (1, len(vetoes.get(run.pk, ())), 0.0, run.site.name)
        return (0, 0, -run.score, run.site.name)

    standings = []
    rank = 0
    for run in sorted(runs, key=key):
        judged = run.passed is not None
        rank += judged
        standings.append(
            Standing(
                run=run,
                rank=rank if judged else None,
                outcome=outcome(run),
                vetoes=tuple(rule_title(rule) for rule in vetoes.get(run.pk, ())) if judged else (),
            )
        )
    return standings


@dataclass(frozen=True)
class VetoCount:
    rule: str
    title: str
    sites: int


def veto_counts(runs: Sequence[InspectionRun], vetoes: dict[int, list[str]]) -> list[VetoCount]:
    """How many judged sites each veto rule failed, most frequent first."""
    counter = Counter(rule for run in runs if run.passed is not None for rule in vetoes.get(run.pk, ()))
    return [VetoCount(rule, rule_title(rule), count) for rule, count in counter.most_common()]


@dataclass(frozen=True)
class TrendPoint:
    label: str  # short, under the chart
    title: str  # full, for the tooltip and the table
    inspected: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.inspected if self.inspected else None

    @property
    def rate_text(self) -> str:
        return percent(self.rate)


def trend_by_batch(limit: int = TREND_POINTS) -> list[TrendPoint]:
    """Pass rate per batch (judged runs of the sites still monitored), oldest first."""
    judged = Q(runs__status=DONE, runs__passed__isnull=False, runs__site__active=True)
    batches = (
        InspectionBatch.objects.annotate(
            judged=Count("runs", filter=judged),
            judged_passed=Count("runs", filter=judged & Q(runs__passed=True)),
        )
        .filter(judged__gt=0)
        .order_by("-check_date", "-created_at")[:limit]
    )
    return [
        TrendPoint(
            label=f"{batch.check_date:%m-%d}",
            title=f"{batch.name}（{batch.check_date.isoformat()}）",
            inspected=batch.judged,
            passed=batch.judged_passed,
        )
        for batch in reversed(batches)
    ]


def trend_by_month(limit: int = TREND_POINTS) -> list[TrendPoint]:
    """Pass rate per month of the check date: each site counted once a month, by its latest judged run."""
    rows = (
        InspectionRun.objects.filter(status=DONE, passed__isnull=False, site__active=True)
        .order_by("check_date", "finished_at", "pk")
        .values_list("site_id", "check_date", "passed")
    )
    months: dict[tuple[int, int], dict[int, bool]] = defaultdict(dict)
    for site_id, check_date, passed in rows:
        months[(check_date.year, check_date.month)][site_id] = passed  # later runs overwrite
    points = []
    for (year, month), sites in sorted(months.items())[-limit:]:
        points.append(
            TrendPoint(
                label=f"{year % 100:02d}-{month:02d}",
                title=f"{year}年{month}月",
                inspected=len(sites),
                passed=sum(sites.values()),
            )
        )
    return points


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    title: str
    rate: str


@dataclass(frozen=True)
class LineChart:
    """Geometry of the trend line chart, rendered as inline SVG by a template."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: tuple[ChartPoint, ...]
    grid: tuple[tuple[float, str], ...]  # (y, label) for 0 %, 25 %, … 100 %

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


def line_chart(points: Sequence[TrendPoint], width: int = 640, height: int = 240) -> LineChart | None:
    """Pass rate (0–100 %) against the trend's points, evenly spaced; None when nothing to draw."""
    shown = [point for point in points if point.rate is not None]
    if not shown:
        return None
    left, right, top, bottom = 48, width - 16, 16, height - 36
    step = (right - left) / (len(shown) - 1) if len(shown) > 1 else 0.0

    def y_of(rate: float) -> float:
        return bottom - (bottom - top) * rate

    chart_points = tuple(
        ChartPoint(
            x=left + step * index if len(shown) > 1 else (left + right) / 2,
            y=y_of(point.rate),
            label=point.label,
            title=point.title,
            rate=percent(point.rate),
        )
        for index, point in enumerate(shown)
        if point.rate is not None
    )
    grid = tuple((y_of(fraction), f"{fraction * 100:.0f}%") for fraction in (0.0, 0.25, 0.5, 0.75, 1.0))
    return LineChart(width, height, left, right, top, bottom, chart_points, grid)


@dataclass(frozen=True)
class Overview:
    batch: InspectionBatch | None
    sites: int  # active sites (in the batch, when one is chosen)
    inspected: int  # judged: 合格 or 不合格
    passed: int
    failed: int
    unreachable: int  # 无法检查
    awaiting: int  # no finished run yet
    veto_counts: tuple[VetoCount, ...]
    ranking: tuple[Standing, ...]
    trend_by: str
    trend: tuple[TrendPoint, ...]
    chart: LineChart | None
    open_rectifications: int
    overdue: tuple[Rectification, ...]

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.inspected if self.inspected else None

    @property
    def pass_rate_text(self) -> str:
        return percent(self.pass_rate)


def rectifications_in(batch: InspectionBatch | None) -> QuerySet[Rectification]:
    queryset = Rectification.objects.filter(finding__run__site__active=True)
    return queryset.filter(finding__run__batch=batch) if batch is not None else queryset


def overview(batch: InspectionBatch | None = None, *, trend_by: str = "batch") -> Overview:
    runs = latest_runs(batch)
    vetoes = veto_rules(runs)
    if batch is not None:
        sites = batch.runs.filter(site__active=True).values("site").distinct().count()
    else:
        sites = MonitoredSite.objects.filter(active=True).count()
    passed = sum(1 for run in runs if run.passed is True)
    failed = sum(1 for run in runs if run.passed is False)
    unreachable = sum(1 for run in runs if run.passed is None)
    trend_by = "month" if trend_by == "month" else "batch"
    trend = trend_by_month() if trend_by == "month" else trend_by_batch()
    rectifications = rectifications_in(batch)
    return Overview(
        batch=batch,
        sites=sites,
        inspected=passed + failed,
        passed=passed,
        failed=failed,
        unreachable=unreachable,
        awaiting=max(sites - len(runs), 0),
        veto_counts=tuple(veto_counts(runs, vetoes)),
        ranking=tuple(ranking(runs, vetoes)),
        trend_by=trend_by,
        trend=tuple(trend),
        chart=line_chart(trend),
        open_rectifications=rectifications.exclude(status=Rectification.Status.VERIFIED).count(),
        overdue=tuple(overdue_rectifications(queryset=rectifications)),
    )


@dataclass(frozen=True)
class Summary:
    """The admin-home panel: the pass rate and the overdue rectifications."""

    inspected: int
    passed: int
    unreachable: int
    overdue: int

    @property
    def pass_rate_text(self) -> str:
        return percent(self.passed / self.inspected if self.inspected else None)


def summary() -> Summary:
    runs = latest_runs()
    passed = sum(1 for run in runs if run.passed is True)
    judged = sum(1 for run in runs if run.passed is not None)
    return Summary(
        inspected=judged,
        passed=passed,
        unreachable=len(runs) - judged,
        overdue=overdue_rectifications(queryset=rectifications_in(None)).count(),
    )


def stored_report(run: InspectionRun) -> dict[str, Any]:
    """A `reports.report_data`-shaped dict from a stored run (docs/inspection-report.md), for the JSON and
    xlsx downloads. The crawl's counts are not stored; only the pages fetched are known. An extra
    ``inspection`` part says which stored run this is."""
    verdict = copy.deepcopy(run.verdict) if run.verdict else {}
    for finding in verdict.get("findings", []):
        finding["title"] = rule_title(finding["rule"])
    reachable = run.passed is not None
    site = run.site
    return {
        "report_schema_version": REPORT_SCHEMA_VERSION,
        "outcome": verdict.get("result", NOT_INSPECTED) if reachable else NOT_INSPECTED,
        "verdict": verdict,
        "site": {
            "url": site.url,
            "reachable": reachable,
            "name": site.name,
            "site_code": site.site_code,
            "sponsor": site_sponsor(site),
        },
        "crawl": {"pages_fetched": run.pages_fetched},
        "inspection": {
            "run_id": run.pk,
            "batch": run.batch.name if run.batch_id else None,
            "check_date": run.check_date.isoformat(),
            "finished_at": timezone.localtime(run.finished_at).isoformat() if run.finished_at else None,
        },
    }


def stored_reports(runs: QuerySet[InspectionRun]) -> list[dict[str, Any]]:
    """Report dicts of the done runs among `runs`, in site order."""
    done = runs.filter(status=DONE).select_related("site", "site__own_site", "batch").order_by("site")
    return [stored_report(run) for run in done]


def days_overdue(rectification: Rectification, today: datetime.date | None = None) -> int:
    return max(((today or timezone.localdate()) - rectification.deadline).days, 0)
