"""Checks for files the public attach to letters and requests: size, extension and real content type.

The extension alone proves nothing (a renamed .exe is still an .exe), so the first bytes are read with
``filetype`` and must agree with the extension.
"""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> content types filetype reports for it (old Office files are OLE containers).
ALLOWED_TYPES: dict[str, frozenset[str]] = {
    "pdf": frozenset({"application/pdf"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "png": frozenset({"image/png"}),
    "doc": frozenset({"application/msword", "application/x-ole-storage"}),
    "xls": frozenset({"application/vnd.ms-excel", "application/x-ole-storage"}),
    "docx": frozenset(
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"}
    ),
    "xlsx": frozenset(
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}
    ),
}


def max_attachment_bytes() -> int:
    return getattr(settings, "GOVSITE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def validate_attachment(upload: UploadedFile) -> None:
    """Raise a ValidationError in Chinese unless the file is an allowed type within the size cap."""
    limit = max_attachment_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("附件不能超过 %(limit)s") % {"limit": filesizeformat(limit)}, code="too_large"
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None:
        raise ValidationError(
            _("不支持的附件格式，请上传 %(kinds)s 文件") % {"kinds": "、".join(sorted(ALLOWED_TYPES))},
            code="bad_extension",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("附件内容与扩展名 .%(ext)s 不符，请检查文件") % {"ext": extension}, code="bad_content"
        )
