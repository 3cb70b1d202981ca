"""Deadline reminders to the members of the department handling a letter: two working days before the
deadline, and on the day. Each (letter, round, kind) is recorded once, so the job can run as often as
it likes (``manage.py remind_letters``, or the Celery task in ``tasks``) without sending twice."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.calendar_days import work_calendar
from govsite.interaction.letters.deadlines import DUE_SOON_WORKING_DAYS
from govsite.interaction.letters.models import Letter, LetterReminder, LetterState, ReminderKind

# States in which a department holds the letter.
WITH_DEPARTMENT = (LetterState.ASSIGNED, LetterState.HANDLING, LetterState.DRAFTED)


@dataclass(frozen=True)
class ReminderRun:
    sent: int = 0
    already_sent: int = 0
    no_recipients: int = 0


def admin_url(letter: Letter) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("letters:detail", args=[letter.pk])


def send_reminders(today: datetime.date | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    calendar = work_calendar()
    window_end = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS + 1).due  # first day not "soon"
    letters = (
        Letter.objects.filter(
            state__in=WITH_DEPARTMENT, department__isnull=False, due_date__gte=today, due_date__lt=window_end
        )
        .select_related("department", "site")
        .order_by("due_date", "pk")
    )
    sent = already = missing = 0
    for letter in letters:
        kind = ReminderKind.DUE_TODAY if letter.due_date == today else ReminderKind.DUE_SOON
        if LetterReminder.objects.filter(letter=letter, round=letter.round, kind=kind).exists():
            already += 1
            continue
        recipients = sorted(
            {member.email for member in letter.department.members.filter(is_active=True) if member.email}
        )
        if not recipients:
            missing += 1  # not recorded: sent once someone of the department has an address
            continue
        try:
            with transaction.atomic():
                LetterReminder.objects.create(
                    letter=letter, round=letter.round, kind=kind, due_date=letter.due_date,
                    recipients=", ".join(recipients),
                )  # fmt: skip
                _message(
                    letter, kind, recipients, calendar.working_days_between(today, letter.due_date)
                ).send()
        except IntegrityError:
            already += 1  # another run recorded it a moment ago
            continue
        sent += 1
    return ReminderRun(sent, already, missing)


def _message(letter: Letter, kind: str, recipients: list[str], days_left: int) -> EmailMessage:
    if kind == ReminderKind.DUE_TODAY:
        when = _("今天（%(due)s）到期") % {"due": f"{letter.due_date:%Y-%m-%d}"}
    else:
        when = _("将于 %(due)s 到期（还有 %(days)d 个工作日）") % {
            "due": f"{letter.due_date:%Y-%m-%d}",
            "days": days_left,
        }
    subject = _("【来信办理提醒】%(number)s %(when)s") % {"number": letter.number, "when": when}
    body = "\n".join(
        [
            _("%(department)s：") % {"department": letter.department.name},
            "",
            _("贵部门办理的来信 %(number)s《%(subject)s》%(when)s，当前状态：%(state)s。")
            % {
                "number": letter.number,
                "subject": letter.subject,
                "when": when,
                "state": letter.get_state_display(),
            },
            _("请在期限内答复；情况复杂的，可在期限内申请延期一次（延长至15个工作日）。"),
            "",
            _("办理地址：%(url)s") % {"url": admin_url(letter)},
            "",
            letter.site.site_name or "",
        ]
    )
    return EmailMessage(subject=subject, body=body, to=recipients)
