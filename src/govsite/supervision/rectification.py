"""整改 (rectification): a finding assigned to someone, reported fixed, and closed by a re-check.

open → submitted (the webmaster reports it fixed, with a note) → verified (a re-check no longer shows the
rule) or rejected (it still does) → submitted again. Every step is a `RectificationEvent` with who and
when; an illegal step raises `TransitionError` with a Chinese message for the screen.

A re-check is an ordinary inspection run of the site (no batch), executed through the Celery task; the
submitted rectifications of the site are settled by comparing rule codes with the run's stored findings.
Without a broker the task runs in-process and they are settled at once; with one, `settle_finished_rechecks`
settles them when the run has finished (the supervision screens call it on every visit).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govsite.core.calendar_days import work_calendar
from govsite.supervision.models import (
    FindingRecord,
    InspectionRun,
    MonitoredSite,
    Rectification,
    RectificationEvent,
)

Status = Rectification.Status

# 15 working days are the usual deadline, counted on the official calendar (holidays and 调休).
DEFAULT_DEADLINE_WORKING_DAYS = 15
DEADLINE_HELP = gettext_lazy("整改期限一般为 15 个工作日（已按法定节假日和调休计算），可按需调整。")

# Findings that call for rectification: a veto or a deduction. Warnings and information do not.
RECTIFIABLE = ("veto", "deduction")

ALLOWED: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.VERIFIED, Status.REJECTED}),
    Status.REJECTED: frozenset({Status.SUBMITTED}),
    Status.VERIFIED: frozenset(),
}


class TransitionError(Exception):
    """A step the workflow does not allow; `str()` is the Chinese message for the user."""


@dataclass(frozen=True)
class RecheckOutcome:
    run: InspectionRun
    verified: tuple[Rectification, ...] = ()
    rejected: tuple[Rectification, ...] = ()
    undecided: tuple[Rectification, ...] = ()  # the re-check could not judge the site
    pending: bool = False  # the run is still queued on a worker


def default_deadline(today: datetime.date | None = None) -> datetime.date:
    """15 working days after `today` (the day itself not counted)."""
    return work_calendar().add_working_days(today or timezone.localdate(), DEFAULT_DEADLINE_WORKING_DAYS).due


def site_sponsor(site: MonitoredSite) -> str:
    """The site's 主办单位 when the platform knows it (one of our own sites), else ""."""
    profile = getattr(site.own_site, "profile", None) if site.own_site_id else None
    return getattr(profile, "sponsor", "") if profile else ""


def default_owner(site: MonitoredSite) -> str:
    """Who is asked to fix: the site's 主办单位, or the site's name when the sponsor is not known."""
    return (site_sponsor(site) or site.name)[:100]


def rectifiable_findings(run: InspectionRun) -> QuerySet[FindingRecord]:
    """The run's veto and deduction findings that have no rectification yet."""
    return run.findings.filter(severity__in=RECTIFIABLE, rectification__isnull=True).order_by("pk")


@transaction.atomic
def create_rectifications(
    run: InspectionRun,
    *,
    owner: str = "",
    deadline: datetime.date | None = None,
    user=None,
) -> list[Rectification]:
    """One open rectification per veto or deduction finding of the run that has none."""
    owner = owner.strip() or default_owner(run.site)
    deadline = deadline or default_deadline()
    created = []
    for finding in list(rectifiable_findings(run)):
        # One per finding (a one-to-one): a concurrent request that got there first is left alone.
        rectification, new = Rectification.objects.get_or_create(
            finding=finding,
            defaults={"owner": owner, "deadline": deadline, "status": Status.OPEN, "updated_by": user},
        )
        if not new:
            continue
        RectificationEvent.objects.create(
            rectification=rectification,
            user=user,
            from_status="",
            to_status=Status.OPEN,
            note=_("根据 %(date)s 的检查生成整改任务") % {"date": run.check_date.isoformat()},
            run=run,
        )
        created.append(rectification)
    return created


def can_transition(rectification: Rectification, to_status: str) -> bool:
    return to_status in ALLOWED.get(rectification.status, frozenset())


@transaction.atomic
def transition(
    rectification: Rectification,
    to_status: str,
    *,
    user=None,
    note: str = "",
    run: InspectionRun | None = None,
) -> Rectification:
    """Move a rectification one step, recording who, when and why; refuse steps the workflow lacks."""
    current = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if not can_transition(current, to_status):
        raise TransitionError(
            _("整改状态不能从“%(from)s”改为“%(to)s”。")
            % {"from": Status(current.status).label, "to": Status(to_status).label}
        )
    note = note.strip()
    if to_status == Status.SUBMITTED and not note:
        raise TransitionError(_("报告已整改时请说明整改情况。"))
    if to_status in {Status.VERIFIED, Status.REJECTED} and run is None and not note:
        raise TransitionError(_("人工复核时请说明复核依据。"))
    RectificationEvent.objects.create(
        rectification=current, user=user, from_status=current.status, to_status=to_status, note=note, run=run
    )
    current.status = to_status
    current.updated_by = user
    if to_status == Status.SUBMITTED:
        current.note = note
        current.recheck_run = None
    if run is not None:
        current.recheck_run = run
    current.save()
    rectification.refresh_from_db()
    return current


def submit(rectification: Rectification, *, user=None, note: str) -> Rectification:
    """The webmaster reports the problem fixed."""
    return transition(rectification, Status.SUBMITTED, user=user, note=note)


@transaction.atomic
def record_edit(rectification: Rectification, *, user=None, changed: Iterable[str] = ()) -> None:
    """An edit of owner or deadline in the admin: recorded like a step, status unchanged."""
    labels = [str(Rectification._meta.get_field(name).verbose_name) for name in changed]
    if not labels:
        return
    Rectification.objects.filter(pk=rectification.pk).update(updated_by=user)
    RectificationEvent.objects.create(
        rectification=rectification,
        user=user,
        from_status=rectification.status,
        to_status=rectification.status,
        note=_("修改：%(fields)s") % {"fields": "、".join(labels)},
    )


def overdue_rectifications(
    today: datetime.date | None = None, queryset: QuerySet[Rectification] | None = None
) -> QuerySet[Rectification]:
    """Past the deadline and not reported fixed (open, or rejected by a re-check)."""
    queryset = Rectification.objects.all() if queryset is None else queryset
    return (
        queryset.filter(status__in=[Status.OPEN, Status.REJECTED], deadline__lt=today or timezone.localdate())
        .select_related("finding__run__site")
        .order_by("deadline", "pk")
    )


def unfinished_rectifications() -> QuerySet[Rectification]:
    """Everything not yet verified."""
    return Rectification.objects.exclude(status=Status.VERIFIED)


def submitted_for_site(site: MonitoredSite) -> QuerySet[Rectification]:
    return Rectification.objects.filter(finding__run__site=site, status=Status.SUBMITTED)


def request_recheck(site: MonitoredSite, *, user=None) -> RecheckOutcome:
    """复核: inspect the site again (a run without batch, through the Celery task) and settle the site's
    submitted rectifications against it — at once without a broker, when the run finishes with one."""
    from govsite.supervision import tasks

    with transaction.atomic():
        run = InspectionRun.objects.create(site=site, batch=None, check_date=timezone.localdate())
        submitted_for_site(site).update(recheck_run=run, updated_by=user)
    # Outside the transaction: a worker must find the run committed.
    tasks.inspect_run.delay(run.pk)
    run.refresh_from_db()
    return settle_recheck(run, user=user)


@transaction.atomic
def settle_recheck(run: InspectionRun, *, user=None) -> RecheckOutcome:
    """Verify or reject the submitted rectifications waiting on this re-check run.

    Verified when the run shows no veto or deduction of the rectification's rule any more, rejected when
    it still does. A run that could not judge the site (unreachable, or the inspection failed) decides
    nothing: the rectifications stay submitted, the attempt is recorded, and a new re-check can be asked.
    """
    waiting = list(
        Rectification.objects.select_for_update(of=("self",))
        .filter(recheck_run=run, status=Status.SUBMITTED)
        .select_related("finding", "updated_by")
    )
    if run.status in {InspectionRun.Status.QUEUED, InspectionRun.Status.RUNNING}:
        return RecheckOutcome(run, undecided=tuple(waiting), pending=True)
    if run.status == InspectionRun.Status.FAILED or run.passed is None:
        for rectification in waiting:
            RectificationEvent.objects.create(
                rectification=rectification,
                user=user or rectification.updated_by,
                from_status=Status.SUBMITTED,
                to_status=Status.SUBMITTED,
                note=_("复核检查未能完成（网站无法访问或检查失败），未作判定。"),
                run=run,
            )
            Rectification.objects.filter(pk=rectification.pk).update(recheck_run=None)
        return RecheckOutcome(run, undecided=tuple(waiting))
    still_shown = set(run.findings.filter(severity__in=RECTIFIABLE).values_list("rule", flat=True))
    verified, rejected = [], []
    for rectification in waiting:
        actor = user or rectification.updated_by
        if rectification.finding.rule in still_shown:
            note = _("复核检查（%(date)s）仍发现该问题。") % {"date": run.check_date.isoformat()}
            rejected.append(transition(rectification, Status.REJECTED, user=actor, note=note, run=run))
        else:
            note = _("复核检查（%(date)s）未再发现该问题。") % {"date": run.check_date.isoformat()}
            verified.append(transition(rectification, Status.VERIFIED, user=actor, note=note, run=run))
    return RecheckOutcome(run, verified=tuple(verified), rejected=tuple(rejected))


def settle_finished_rechecks() -> int:
    """Settle every submitted rectification whose re-check run has finished on a worker since."""
    runs = InspectionRun.objects.filter(
        pk__in=Rectification.objects.filter(status=Status.SUBMITTED, recheck_run__isnull=False)
        .exclude(recheck_run__status__in=[InspectionRun.Status.QUEUED, InspectionRun.Status.RUNNING])
        .values("recheck_run")
    )
    settled = 0
    for run in runs:
        outcome = settle_recheck(run)
        settled += len(outcome.verified) + len(outcome.rejected) + len(outcome.undecided)
    return settled
