"""Where the public's files are kept: attachments to letters, requests and comments, and answer documents.

The folder is ``settings.GOVSITE_PRIVATE_MEDIA_ROOT``, outside MEDIA_ROOT, so no server that publishes
MEDIA_ROOT (Django's own /media/ in development, nginx in production) can hand one out. The storage has no
URL: staff download through permission-checked admin views, writers through their query code. Stored names
are random, so a path reveals nothing about who wrote.
"""

from __future__ import annotations

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(base_url=None)

    # Read at every use (FileSystemStorage caches them), so a changed setting applies at once.
    @property
    def base_location(self) -> str:
        return str(settings.GOVSITE_PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no public URL")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of every private file field (a callable, so migrations name no folder)."""
    return _storage


def random_name(folder: str, filename: str) -> str:
    """``folder/<uuid hex><ext>``: a stored name keeps only the file's extension."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{extension}"
