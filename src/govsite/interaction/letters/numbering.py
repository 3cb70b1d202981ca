"""Letter numbers people can read out on the phone: ``<prefix>-<yyyymmdd>-<nnnn>`` (SZXX-20261123-0007).

One counter per site and day (``LetterSequence``), increased with ``UPDATE … SET last = last + 1``
inside the caller's transaction. The row stays locked until that transaction commits, so two
submissions can never read the same value: PostgreSQL re-evaluates the increment on the committed
row under READ COMMITTED, and SQLite serialises writers (the project opens its transactions
IMMEDIATE). The unique constraint on (site, number) is the last line of defence.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.db.models import F
from pypinyin import Style, lazy_pinyin

from govsite.interaction.letters.models import LetterSequence

MAX_PREFIX = 6
_NOT_PREFIX = re.compile(r"[^A-Z0-9]")


def prefix_for(name: str) -> str:
    """Pinyin initials of a channel's name: 市长信箱 → SZXX, 政务咨询 → ZWZX."""
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda chars: list(chars)))
    return _NOT_PREFIX.sub("", initials.upper())[:MAX_PREFIX] or "XJ"


def clean_prefix(prefix: str) -> str:
    return _NOT_PREFIX.sub("", prefix.upper())[:MAX_PREFIX]


def next_number(site_id: int, day: datetime.date, prefix: str) -> str:
    """The next number of the site for ``day``; call inside the transaction that stores the letter."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that stores the letter")
    sequence, _created = LetterSequence.objects.get_or_create(site_id=site_id, day=day)
    LetterSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    last = LetterSequence.objects.filter(pk=sequence.pk).values_list("last", flat=True).get()
    return f"{prefix}-{day:%Y%m%d}-{last:04d}"
