"""Our own letters as the evidence the inspection indicators read (``LetterEvidence``), from the database.

The same type the crawler extracts from a listing, so the platform warns by the rule the inspector
applies (SPEC §3 poor interaction; §3a answers on time). A letter counts as answered from its first reply
(a reopened letter was answered); letters judged invalid (spam, duplicates, out of scope) are not valid.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Site

from govsite.core.masking import mask_text
from govsite.indicators.inspection import ChannelKind, LetterEvidence
from govsite.interaction.letters.models import Letter, LetterState


def letter_evidence(site: Site) -> list[LetterEvidence]:
    """Every letter of the site, oldest first."""
    letters = (
        Letter.objects.filter(site=site)
        .select_related("channel")
        .only("number", "subject", "state", "received_at", "first_answered_at", "channel__title",
              "channel__channel_kind", "channel__url_path", "channel__path", "channel__depth")
        .order_by("received_at", "pk")
    )  # fmt: skip
    channel_urls: dict[int, str] = {}
    evidence = []
    for letter in letters:
        channel = letter.channel
        if channel.pk not in channel_urls:
            channel_urls[channel.pk] = channel.get_url() or ""
        url = ""
        if letter.state == LetterState.PUBLISHED and channel_urls[channel.pk]:
            url = channel_urls[channel.pk] + channel.reverse_subpage("letter", args=[letter.number])
        evidence.append(
            LetterEvidence(
                channel=channel.title,
                channel_kind=ChannelKind(channel.channel_kind),
                asked=letter.received_on,
                answered=timezone.localdate(letter.first_answered_at) if letter.first_answered_at else None,
                title=mask_text(letter.subject),
                url=url,
                valid=letter.state != LetterState.INVALID,
            )
        )
    return evidence
