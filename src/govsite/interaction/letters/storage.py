"""Names of letter attachments in the private storage (``govsite.interaction.private_files``)."""

from __future__ import annotations

from django.utils import timezone

from govsite.interaction.private_files import random_name


def attachment_path(instance, filename: str) -> str:
    return random_name(f"letters/{timezone.now():%Y/%m}", filename)
