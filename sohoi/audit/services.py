"""Writing the audit log. Every service that writes calls ``audit_log`` in the same transaction."""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from sohoi.audit.models import AccessKind, Action, AuditEntry, DataAccess


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    """The named fields of ``instance`` as JSON-friendly values (M2M fields as sorted names)."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            result[name] = sorted(str(o) for o in getattr(instance, name).all()) if instance.pk else []
        else:
            result[name] = _plain(getattr(instance, name))
    return result


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_log(*, actor, action: Action, obj: models.Model, changes: dict | None = None, note: str = "") -> AuditEntry:
    """Record one write. Side effect: one AuditEntry row."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        note=note[:300],
    )


def access_log(*, actor, kind: AccessKind, what: str, rows: int, reason: str = "") -> DataAccess:
    """Record a read or export of personal data, with the reason the reader gave if any. Side effect:
    one DataAccess row."""
    return DataAccess.objects.create(
        actor=actor, actor_name=actor.get_username(), kind=kind, what=what[:300], rows=rows, reason=reason[:300]
    )
