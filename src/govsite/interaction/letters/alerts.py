"""What the admin home shows each user about letters: overdue, due soon, and consultation letters
nearing the 3-month veto line (SPEC §3), for the sites and departments the user works in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from govsite.core.calendar_days import work_calendar
from govsite.indicators.cadence import Cadence
from govsite.indicators.ruleset import load_ruleset
from govsite.interaction.letters.access import visible_letters
from govsite.interaction.letters.deadlines import DUE_SOON_WORKING_DAYS
from govsite.interaction.letters.models import Letter, LetterState

# Warn this long before the veto line: at 2 months for the official 3.
WARNING_MARGIN_MONTHS = 1
SHOWN = 8  # letters listed per group; the counts are complete


@dataclass
class SiteLetterAlerts:
    site_name: str
    overdue: list[Letter] = field(default_factory=list)
    due_soon: list[Letter] = field(default_factory=list)
    near_veto: list[tuple[Letter, datetime.date]] = field(default_factory=list)  # (letter, veto line)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.near_veto)


def alerts_for_user(user, today: datetime.date | None = None) -> list[SiteLetterAlerts]:
    today = today or timezone.localdate()
    calendar = work_calendar()
    numbers = load_ruleset(settings.GOVSITE_RULESET).poor_interaction
    veto_months = numbers.answer_within.months or 3
    kinds = {kind.value for kind in numbers.channel_kinds}
    soon_before = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS + 1).due
    veto, warning = Cadence(months=veto_months), Cadence(months=max(veto_months - WARNING_MARGIN_MONTHS, 1))
    # A superset in the database (no month is shorter than 28 days), exact months in Python below.
    warn_candidates = today - datetime.timedelta(days=28 * warning.months)
    open_letters = (
        visible_letters(user)
        .filter(state__in=LetterState.open_states())
        .select_related("site", "department", "channel")
        .order_by("due_date", "received_at", "pk")
    )
    by_site: dict[int, SiteLetterAlerts] = {}
    for letter in open_letters.filter(due_date__lt=soon_before) | open_letters.filter(
        received_at__date__lte=warn_candidates, channel__channel_kind__in=kinds
    ):
        alerts = by_site.setdefault(
            letter.site_id, SiteLetterAlerts(letter.site.site_name or letter.site.hostname)
        )
        if letter.due_date < today:
            alerts.overdue.append(letter)
        elif letter.due_date < soon_before:
            alerts.due_soon.append(letter)
        if letter.channel.channel_kind in kinds and warning.due_after(letter.received_on) < today:
            alerts.near_veto.append((letter, veto.due_after(letter.received_on)))
    return [alerts for alerts in by_site.values() if not alerts.empty]
