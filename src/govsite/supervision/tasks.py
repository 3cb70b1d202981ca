"""Celery tasks: one site per task, idempotent, so a redelivered task redoes a site and counts it once."""

import logging
import threading
import time

from celery import current_app, shared_task
from django.conf import settings
from django.db import OperationalError, connections

from govsite.supervision import service

logger = logging.getLogger(__name__)


@shared_task(name="govsite.supervision.tasks.inspect_run", acks_late=True, reject_on_worker_lost=True)
def inspect_run(run_id: int) -> str:
    return service.execute_run(run_id)


@shared_task(name="govsite.supervision.tasks.probe_site")
def probe_site(site_id: int) -> bool:
    return service.probe_monitored_site(site_id)


@shared_task(name="govsite.supervision.tasks.probe_all_sites")
def probe_all_sites() -> int:
    site_ids = service.active_site_ids()
    for site_id in site_ids:
        probe_site.delay(site_id)
    return len(site_ids)


@shared_task(name="govsite.supervision.tasks.inspect_all_sites")
def inspect_all_sites(name: str = "") -> int:
    """The scheduled inspection: a batch over every active monitored site, one task per site."""
    from django.utils import timezone

    from govsite.supervision.models import MonitoredSite

    today = timezone.localdate()
    _batch, run_ids = service.create_batch(name or f"{today:%Y年%m月%d日}例行检查", MonitoredSite.objects.filter(active=True),
                                          check_date=today)  # fmt: skip
    enqueue_runs(run_ids)
    return len(run_ids)


def enqueue_runs(run_ids: list[int], *, from_request: bool = False) -> None:
    """Queue one task per run. Without a broker (the embedded default) tasks run in-process; a batch
    started from the admin then runs in a background thread, so the page returns at once and the batch
    listing shows its progress, instead of the request waiting for every site to be crawled."""
    if (
        from_request
        and current_app.conf.task_always_eager
        and settings.SUPERVISION_EMBEDDED_RUNS == "background"
    ):
        threading.Thread(
            target=_run_in_process, args=(list(run_ids),), name="govsite-inspections", daemon=True
        ).start()
        return
    for run_id in run_ids:
        inspect_run.delay(run_id)


def _run_in_process(run_ids: list[int], attempts: int = 3) -> None:
    try:
        for run_id in run_ids:
            for attempt in range(1, attempts + 1):
                try:
                    service.execute_run(run_id)  # idempotent: a retry redoes the site, counted once
                    break
                except OperationalError:  # the embedded database busy beyond its timeout: wait, retry
                    logger.warning("embedded inspection run %s: database busy (attempt %s)", run_id, attempt)
                    time.sleep(attempt)
                except Exception:  # one site's failure must not stop the others; the run stays resumable
                    logger.exception("embedded inspection run %s failed", run_id)
                    break
    finally:
        connections.close_all()
