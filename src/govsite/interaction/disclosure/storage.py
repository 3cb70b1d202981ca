"""Names of applicants' attachments and answer documents in the private storage
(``govsite.interaction.private_files``): applicants download theirs through the query page after giving
their request's number and query code, staff through a permission-checked admin view."""

from __future__ import annotations

from govsite.interaction.private_files import random_name


def attachment_path(instance, filename: str) -> str:
    return random_name("disclosure/attachments", filename)


def document_path(instance, filename: str) -> str:
    return random_name("disclosure/documents", filename)
