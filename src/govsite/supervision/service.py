"""Small service functions between the tasks, the admin and the pure inspector."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from govsite.indicators.inspection import Probe
from govsite.supervision.models import (
    AvailabilityProbe,
    FindingRecord,
    InspectionBatch,
    InspectionRun,
    MonitoredSite,
)

logger = logging.getLogger(__name__)
PROBE_WINDOW = datetime.timedelta(days=7)  # the unreachable-site veto looks at one week of probes


def create_batch(
    name: str,
    sites: Iterable[MonitoredSite],
    check_date: datetime.date | None = None,
    ruleset: str = "gov2019",
) -> tuple[InspectionBatch, list[int]]:
    """A batch with one queued run per site; returns the run ids to enqueue."""
    with transaction.atomic():
        batch = InspectionBatch.objects.create(name=name, check_date=check_date or timezone.localdate(),
                                               ruleset=ruleset)  # fmt: skip
        runs = InspectionRun.objects.bulk_create(
            [InspectionRun(batch=batch, site=site, check_date=batch.check_date) for site in sites]
        )
    return batch, [run.pk for run in runs]


def unfinished_run_ids(batch: InspectionBatch) -> list[int]:
    """Runs to enqueue again when a batch is resumed: everything not done."""
    return list(batch.runs.exclude(status=InspectionRun.Status.DONE).values_list("pk", flat=True))


def recent_probes(site: MonitoredSite, until: datetime.datetime) -> list[Probe]:
    rows = site.probes.filter(at__gt=until - PROBE_WINDOW, at__lte=until).order_by("at")
    return [
        Probe(at=row.at, ok=row.ok, status=row.status, elapsed=row.elapsed, error=row.error) for row in rows
    ]


def execute_run(run_id: int) -> str:
    """Inspect one site and store the verdict. Safe to call twice: a finished run is left alone and a
    rerun replaces its findings instead of adding to them."""
    from govsite.supervision.inspect import inspect_site

    with transaction.atomic():
        run = (
            InspectionRun.objects.select_for_update(of=("self",))
            .select_related("site", "batch")
            .get(pk=run_id)
        )
        if run.status == InspectionRun.Status.DONE:
            return "already done"
        run.status, run.started_at = InspectionRun.Status.RUNNING, timezone.now()
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "attempts"])
    site = run.site
    ruleset = run.batch.ruleset if run.batch else "gov2019"
    try:
        result = inspect_site(site.url, today=run.check_date, probes=recent_probes(site, timezone.now()),
                              has_external_services=site.has_external_services, ruleset=ruleset)  # fmt: skip
    except Exception as error:  # the inspector reports what it could not check; anything else is a bug
        logger.exception("inspection of %s failed", site.url)
        InspectionRun.objects.filter(pk=run_id).update(status=InspectionRun.Status.FAILED, error=repr(error),
                                                       finished_at=timezone.now())  # fmt: skip
        return "failed"
    store_verdict(
        run_id,
        result.verdict.to_dict(),
        pages_fetched=result.evidence.pages_fetched,
        reachable=result.evidence.reachable,
    )
    return "done"


@transaction.atomic
def store_verdict(run_id: int, verdict: dict, *, pages_fetched: int, reachable: bool = True) -> InspectionRun:
    run = InspectionRun.objects.select_for_update().get(pk=run_id)
    run.findings.all().delete()
    FindingRecord.objects.bulk_create(
        FindingRecord(run=run, rule=f["rule"], severity=f["severity"], summary=f["summary"],
                      points=f.get("points", 0), evidence=f.get("evidence", []))
        for f in verdict.get("findings", [])
    )  # fmt: skip
    run.verdict = verdict
    # An unreachable site was not judged: neither passed nor failed until it can be inspected.
    run.passed = verdict.get("passed") if reachable else None
    run.score = verdict.get("score") if reachable else None
    run.veto_count = sum(1 for f in verdict.get("findings", []) if f.get("severity") == "veto")
    run.pages_fetched = pages_fetched
    run.status, run.finished_at, run.error = InspectionRun.Status.DONE, timezone.now(), ""
    run.save()
    return run


def active_site_ids() -> list[int]:
    return list(MonitoredSite.objects.filter(active=True).values_list("pk", flat=True))


def probe_monitored_site(site_id: int) -> bool:
    from govsite.supervision.crawler import CrawlLimits, probe
    from govsite.supervision.inspect import run_sync

    site = MonitoredSite.objects.get(pk=site_id)
    result: Probe = run_sync(probe(site.url, CrawlLimits()))
    AvailabilityProbe.objects.create(site=site, at=result.at, ok=result.ok, status=result.status,
                                     elapsed=result.elapsed, error=result.error[:100])  # fmt: skip
    return result.ok
