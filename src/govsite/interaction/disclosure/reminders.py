"""Due-soon and overdue reminders by mail, each sent once per request, kind and due date.

Recipients: the members of the assigned department; when none is assigned (or none has an address), the
staff who may handle the site's requests (a disclosure permission and the site in ``sites_for_user``);
when there is nobody, the superusers. A reminder row is written in the same transaction as the mail is
sent and is unique per (request, kind, due date): a failed mail is tried again on the next run, a sent one
never. A new due date (an extension, a restarted clock) may bring a new reminder.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.cluster.access import sites_for_user
from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.interaction.disclosure.choices import RUNNING_STATES
from govsite.interaction.disclosure.models import DisclosureReminder, DisclosureRequest

logger = logging.getLogger(__name__)
DEFAULT_DUE_SOON_DAYS = 3


def due_soon_days() -> int:
    """Working days left at which a request counts as due soon (settings.GOVSITE_DISCLOSURE_DUE_SOON_DAYS)."""
    return int(getattr(settings, "GOVSITE_DISCLOSURE_DUE_SOON_DAYS", DEFAULT_DUE_SOON_DAYS))


def site_staff_emails(site_id: int) -> list[str]:
    permissions = Permission.objects.filter(
        content_type__app_label="disclosure",
        codename__in=["view_disclosurerequest", "change_disclosurerequest"],
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .exclude(email="")
        .filter(Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions))
        .distinct()
    )
    return [user.email for user in users if any(site.pk == site_id for site in sites_for_user(user))]


def recipients_for(request: DisclosureRequest) -> list[str]:
    emails: list[str] = []
    if request.department_id:
        emails = list(
            request.department.members.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    if not emails:
        emails = site_staff_emails(request.site_id)
    if not emails:
        emails = list(
            get_user_model().objects.filter(is_active=True, is_superuser=True).exclude(email="").values_list(
                "email", flat=True)
        )  # fmt: skip
    return sorted(set(emails))


@dataclass(frozen=True)
class Due:
    request: DisclosureRequest
    kind: str
    due_on: datetime.date
    days: int  # working days left, or overdue


def due_requests(today: datetime.date, calendar: WorkCalendar) -> list[Due]:
    found = []
    requests = DisclosureRequest.objects.filter(state__in=RUNNING_STATES).select_related("site", "department")
    for request in requests.prefetch_related("consultations"):
        request.judge_on(today, calendar)
        status = request.deadline()
        if status.overdue:
            found.append(Due(request, DisclosureReminder.Kind.OVERDUE, status.due, status.days_overdue))
        elif status.due_within(due_soon_days()):
            found.append(Due(request, DisclosureReminder.Kind.DUE_SOON, status.due, status.days_left))
    return found


def _message(due: Due) -> tuple[str, str]:
    request = due.request
    if due.kind == DisclosureReminder.Kind.OVERDUE:
        subject = _("【依申请公开】申请 %(number)s 已超过答复期限 %(days)d 个工作日") % {
            "number": request.number, "days": due.days}  # fmt: skip
    else:
        subject = _("【依申请公开】申请 %(number)s 将于 %(due)s 到期") % {
            "number": request.number,
            "due": due.due_on,
        }
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure:detail", args=[request.pk])
    body = "\n".join([
        _("网站：%(site)s") % {"site": request.site.site_name or request.site.hostname},
        _("申请编号：%(number)s") % {"number": request.number},
        _("收到申请日期：%(date)s") % {"date": request.received_on},
        _("答复期限：%(date)s") % {"date": due.due_on},
        _("承办部门：%(department)s") % {"department": request.department.name if request.department else _("未分派")},
        "",
        _("请登录后台及时办理：%(link)s") % {"link": link},
    ])  # fmt: skip
    return subject, body


def send_reminders(today: datetime.date | None = None, calendar: WorkCalendar | None = None,
                   dry_run: bool = False) -> list[DisclosureReminder]:  # fmt: skip
    today = today or timezone.localdate()
    calendar = calendar or work_calendar()
    sent = []
    for due in due_requests(today, calendar):
        if DisclosureReminder.objects.filter(request=due.request, kind=due.kind, due_on=due.due_on).exists():
            continue
        recipients = recipients_for(due.request)
        if not recipients:
            logger.warning("no recipient for the disclosure reminder of %s", due.request.number)
            continue
        if dry_run:
            sent.append(DisclosureReminder(request=due.request, kind=due.kind, due_on=due.due_on,
                                           recipients="\n".join(recipients)))  # fmt: skip
            continue
        subject, body = _message(due)
        try:
            with transaction.atomic():
                reminder = DisclosureReminder.objects.create(
                    request=due.request, kind=due.kind, due_on=due.due_on, recipients="\n".join(recipients)
                )
                send_mail(subject, body, None, recipients)
        except IntegrityError:  # another run recorded it meanwhile
            continue
        except OSError as error:  # the mail server is down: nothing recorded, the next run tries again
            logger.warning("disclosure reminders not sent (%s); they are tried again on the next run", error)
            break
        sent.append(reminder)
    return sent
