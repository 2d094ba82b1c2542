"""Writes of the activities register: validated, audited."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.activities.models import Activity, ActivityKind
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text
from sohoi.members.models import Membership
from sohoi.people.cccd import normalise

FIELDS = [
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "branch",
    "commune",
    "participants",
    "beneficiaries",
    "households",
    "money_raised",
    "money_given",
    "in_kind_value",
    "partners",
    "product",
    "members",
]


@dataclass
class ActivityData:
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    branch: object = None
    commune: object = None
    participants: int = 0
    beneficiaries: int = 0
    households: int = 0
    money_raised: int = 0
    money_given: int = 0
    in_kind_value: int = 0
    partners: str = ""
    product: str = ""
    members: list[str] = field(default_factory=list)  # CCCD numbers or member numbers, as typed


ID_KEY = re.compile(r"^#(\d+)\b")


def member_key(person, member_number: str = "") -> str:
    """How a member is written in the form: the CCCD, else the member number, else "#<id> <name>" for
    one the register knows by neither (many lists typed in commune offices have no CCCD)."""
    return person.cccd or member_number or f"#{person.pk} {person.full_name}"


def _members(association, typed: list[str]) -> list:
    """The persons the typed CCCD numbers, member numbers or "#<id>" keys (member_key) name among the
    association's members; every key that names none is refused, all at once."""
    keys = [t.strip() for t in typed if t.strip()]
    if not keys:
        return []
    ids = {key: int(m.group(1)) for key in keys if (m := ID_KEY.match(key))}
    memberships = Membership.objects.filter(association=association).select_related("person")
    by_cccd = {m.person.cccd: m.person for m in memberships.filter(person__cccd__in=[normalise(k) for k in keys])}
    by_number = {m.member_number: m.person for m in memberships.filter(member_number__in=keys) if m.member_number}
    by_id = {m.person_id: m.person for m in memberships.filter(person_id__in=ids.values())}
    persons, unknown = [], []
    for key in keys:
        person = by_id.get(ids[key]) if key in ids else by_cccd.get(normalise(key)) or by_number.get(key)
        if person is None:
            unknown.append(key)
        elif person not in persons:
            persons.append(person)
    if unknown:
        raise ApplicationError(
            _("Not members of %(name)s: %(numbers)s.") % {"name": association.name, "numbers": ", ".join(unknown)},
            field="members",
        )
    return persons


def _check(association, data: ActivityData) -> None:
    if data.kind not in ActivityKind.values:
        raise ApplicationError(_("Choose the kind of activity."), field="kind")
    if not clean_text(data.title):
        raise ApplicationError(_("Say what the activity was."), field="title")
    if data.starts_on > timezone.localdate():
        raise ApplicationError(
            _("The register keeps what was done: the date cannot be in the future."), field="starts_on"
        )
    if data.ends_on and data.ends_on < data.starts_on:
        raise ApplicationError(_("The activity cannot end before it begins."), field="ends_on")
    if data.branch is not None and data.branch.association_id != association.pk:
        raise ApplicationError(_("Choose a branch of this association."), field="branch")


@transaction.atomic
def activity_save(*, association, data: ActivityData, by, activity: Activity | None = None) -> Activity:
    """Record an activity, or change one. Side effect: an audit entry with what changed."""
    _check(association, data)
    persons = _members(association, data.members)
    new = activity is None
    author = by if getattr(by, "is_authenticated", False) else None
    activity = activity or Activity(association=association, created_by=author)
    before = {} if new else snapshot(activity, FIELDS)
    for name in FIELDS:
        if name != "members":
            value = getattr(data, name)
            setattr(activity, name, clean_text(value) if name in ("title", "partners", "product") else value)
    activity.save()
    activity.members.set(persons)
    changes = diff(before, snapshot(activity, FIELDS))
    if new or changes:
        audit_log(actor=by, action=Action.CREATE if new else Action.UPDATE, obj=activity, changes=changes)
    return activity
