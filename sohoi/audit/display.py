"""The audit log as an officer reads it: each changed field by its label in the user's language, each
value as the page that edits it shows it (a choice by its label, a yes/no, a date dd/mm/yyyy), the
kind of object named, and "Hệ thống" where no person acted (a background job, the demo)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _


@dataclass
class Change:
    label: str
    before: str
    after: str


def _value(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(_value(field, v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
        except ValueError:
            return value
    return str(value)


def changes(entry) -> list[Change]:
    model = entry.content_type.model_class()
    rows = []
    for name, pair in (entry.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", "") or name).capitalize() if field else name
        rows.append(Change(label, _value(field, before), _value(field, after)))
    return rows


def object_kind(entry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


def actor(entry) -> str:
    return entry.actor_name or _("System")
