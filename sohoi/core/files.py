"""Uploaded documents (decision scans, conclusion notices, attachments): the kinds of file accepted and
their size, checked in one place."""

from django import forms
from django.utils.translation import gettext as _

SCANS = (".pdf", ".jpg", ".jpeg", ".png")
DOCUMENTS = (*SCANS, ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods")
MAX_MB = 20


def check_upload(upload, allowed=DOCUMENTS):
    """The upload, or a ValidationError naming the file and what is accepted."""
    if upload is None:
        return upload
    if not upload.name.lower().endswith(allowed):
        raise forms.ValidationError(
            _("“%(name)s” cannot be attached: the accepted files are %(kinds)s.")
            % {"name": upload.name, "kinds": ", ".join(ext.lstrip(".").upper() for ext in allowed)}
        )
    if upload.size > MAX_MB * 1024 * 1024:
        raise forms.ValidationError(
            _("“%(name)s” is %(size)s MB: the limit is %(max)s MB.")
            % {"name": upload.name, "size": round(upload.size / 1024 / 1024, 1), "max": MAX_MB}
        )
    return upload
