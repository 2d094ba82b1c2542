"""Writes to the member registry: atomic, validated, audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.members.eligibility import eligibility_problem
from sohoi.members.models import EligibilityRule, Membership, MemberType
from sohoi.people.services import person_by_cccd, person_create
from sohoi.registry.law import ENDED
from sohoi.registry.models import Association, Branch

MEMBERSHIP_AUDIT_FIELDS = [
    "person",
    "branch",
    "member_type",
    "member_number",
    "role",
    "joined_on",
    "left_on",
    "left_reason",
    "eligibility_exception",
]


@dataclass
class PersonData:
    full_name: str
    birth_date: dt.date | None = None
    birth_year: int | None = None
    sex: str = ""
    cccd: str = ""
    ethnicity: str = ""
    occupation: str = ""
    phone: str = ""
    address_commune: object = None
    address_text: str = ""


def _rule(association: Association) -> EligibilityRule | None:
    return EligibilityRule.objects.filter(association=association).first()


@transaction.atomic
def membership_create(
    *,
    association: Association,
    person_data: PersonData,
    joined_on: dt.date,
    by,
    member_type: str = MemberType.OFFICIAL,
    member_number: str = "",
    role: str = "",
    branch: Branch | None = None,
    eligibility_exception: bool = False,
) -> Membership:
    """Add a member. A person already known by CCCD gets a new membership, not a second record.
    Side effects: maybe a new person; the membership; an audit entry."""
    if association.status in ENDED:
        raise ApplicationError(_("A dissolved or ceased association cannot admit members."))
    if joined_on > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="joined_on")
    if branch is not None and branch.association_id != association.pk:
        raise ApplicationError(_("This branch belongs to another association."), field="branch")
    person = person_by_cccd(person_data.cccd)
    if person is None:
        person = person_create(**person_data.__dict__)
    open_membership = Membership.objects.filter(person=person, association=association, left_on__isnull=True).first()
    if open_membership:
        raise ApplicationError(
            _("%(name)s is already a member of this association since %(date)s.")
            % {"name": person.full_name, "date": open_membership.joined_on.strftime("%d/%m/%Y")},
            field="cccd",
        )
    problem = eligibility_problem(
        _rule(association),
        birth_date=person.birth_date,
        precision=person.birth_precision,
        joined_on=joined_on,
        exception=eligibility_exception,
    )
    if problem:
        raise ApplicationError(problem, field="birth_date")
    membership = Membership(
        person=person,
        association=association,
        branch=branch,
        member_type=member_type,
        member_number=member_number.strip(),
        role=role.strip(),
        joined_on=joined_on,
        eligibility_exception=eligibility_exception,
    )
    membership.full_clean()
    membership.save()
    audit_log(
        actor=by, action=Action.CREATE, obj=membership, changes=diff({}, snapshot(membership, MEMBERSHIP_AUDIT_FIELDS))
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, left_on: dt.date, reason: str, by) -> Membership:
    """End a membership on `left_on`. Side effects: audit entry."""
    if membership.left_on is not None:
        raise ApplicationError(_("This membership has already ended."))
    if left_on > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="left_on")
    if left_on < membership.joined_on:
        raise ApplicationError(
            _("A membership cannot end before it began (%(date)s).")
            % {"date": membership.joined_on.strftime("%d/%m/%Y")},
            field="left_on",
        )
    before = snapshot(membership, MEMBERSHIP_AUDIT_FIELDS)
    membership.left_on, membership.left_reason = left_on, reason.strip()
    membership.save(update_fields=["left_on", "left_reason"])
    audit_log(
        actor=by,
        action=Action.UPDATE,
        obj=membership,
        changes=diff(before, snapshot(membership, MEMBERSHIP_AUDIT_FIELDS)),
    )
    return membership
