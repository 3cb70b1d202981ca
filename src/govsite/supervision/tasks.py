"""Celery tasks: one site per task, idempotent, so a redelivered task redoes a site and counts it once."""

from celery import shared_task

from govsite.supervision import service


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


def enqueue_runs(run_ids: list[int]) -> None:
    for run_id in run_ids:
        inspect_run.delay(run_id)
