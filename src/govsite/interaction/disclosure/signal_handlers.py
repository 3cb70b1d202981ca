"""Files leave the private storage with their rows (cascades from a deleted page or site included)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete

from govsite.interaction.disclosure.models import DisclosureDocument, DisclosureRequest


def _delete_files(*files) -> None:
    names = [(file.storage, file.name) for file in files if file]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def request_deleted(sender, instance: DisclosureRequest, **kwargs) -> None:
    _delete_files(instance.attachment, instance.completion_attachment)


def document_deleted(sender, instance: DisclosureDocument, **kwargs) -> None:
    _delete_files(instance.file)


def register() -> None:
    post_delete.connect(request_deleted, sender=DisclosureRequest, dispatch_uid="disclosure_request_files")
    post_delete.connect(document_deleted, sender=DisclosureDocument, dispatch_uid="disclosure_document_files")
