"""Storing a letter from the public: number, query code, deadline and the first audit row, in one
transaction. The caller shows the receipt only after this returns, i.e. after the commit.

An error before the commit means the letter was not stored. An error from the commit itself (the
connection lost while committing) or from an on-commit hook leaves the outcome unknown: the letter may
be in the database, so the writer must not be told it was not received (``StoreOutcomeUnknown``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from govsite.interaction import querycode
from govsite.interaction.letters.actions import record_receipt
from govsite.interaction.letters.deadlines import apply_deadline
from govsite.interaction.letters.models import Letter
from govsite.interaction.letters.numbering import next_number
from govsite.interaction.letters.pages import LetterChannelPage


class StoreOutcomeUnknown(Exception):
    """The commit failed: the letter may or may not have been stored (its attachment is kept).

    Carries the number and query code the letter has if it was stored, for the writer to check with.
    """

    def __init__(self, number: str, code: str) -> None:
        super().__init__(number)  # the code stays out of messages and logs
        self.number = number
        self.code = code


@dataclass(frozen=True)
class Submitted:
    letter: Letter
    code: str  # shown to the writer once; only its digest is stored


def store_letter(
    channel: LetterChannelPage,
    data: dict[str, Any],
    *,
    client_ip: str | None = None,
    at: datetime.datetime | None = None,
) -> Submitted:
    """Store the letter whose cleaned form ``data`` is given.

    Raises the error if the letter was not stored; ``StoreOutcomeUnknown`` if the commit (or an
    on-commit hook) failed, when it may have been.
    """
    at = at or timezone.now()
    day = timezone.localdate(at)
    site = channel.get_site()
    code = querycode.new_query_code()
    letter = Letter(
        site=site, channel=channel, query_digest=querycode.digest(code),
        writer_name=data["writer_name"], writer_phone=data["writer_phone"], writer_email=data.get("writer_email", ""),
        subject=data["subject"], content=data["content"], agrees_to_publish=bool(data.get("agrees_to_publish")),
        client_ip=client_ip if client_ip and client_ip != "unknown" else None,
        received_at=at, round_started_on=day,
    )  # fmt: skip
    upload = data.get("attachment")
    if upload:
        letter.attachment = upload
        letter.attachment_name = (upload.name or "")[-200:]
    committing = False
    try:
        with transaction.atomic():
            letter.number = next_number(site.pk, day, channel.prefix)
            apply_deadline(letter)
            letter.save()
            record_receipt(letter)
            committing = True
    except Exception as error:
        if committing:  # the commit (or a hook run after it) failed: the letter may be stored
            raise StoreOutcomeUnknown(letter.number, code) from error
        _discard_attachment(letter, upload)
        raise
    return Submitted(letter, code)


def _discard_attachment(letter: Letter, upload: Any) -> None:
    """No orphan file for a letter that was not stored."""
    stored = letter.attachment if upload and getattr(letter.attachment, "_committed", False) else None
    if stored is not None and stored.name:
        stored.storage.delete(stored.name)
