"""Writes to the member registry: atomic, validated, audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sohoi.accounts.selectors import province_officers
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import fold
from sohoi.members.eligibility import eligibility_problem
from sohoi.members.models import EligibilityRule, IdentityConflict, Membership, MemberType
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send
from sohoi.people.identity import birth_text, same_person
from sohoi.people.services import birth_fields, person_by_cccd, person_create
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


RULE_AUDIT_FIELDS = ["min_age", "max_age", "exception_min_age", "exception_note", "source", "effective_from"]


def eligibility_rule_save(*, association: Association, by, **data) -> EligibilityRule:
    """Record or change the charter's age rule of an association. Side effect: an audit entry with what
    changed. The caller holds the transaction."""
    minimum, maximum, exception = data.get("min_age"), data.get("max_age"), data.get("exception_min_age")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ApplicationError(
            _("The minimum age (%(min)s) cannot be above the maximum age (%(max)s).")
            % {"min": minimum, "max": maximum},
            field="max_age",
        )
    if exception is not None and (minimum is None or exception >= minimum):
        raise ApplicationError(
            _("An exception admits people below the minimum age: give a minimum age above %(exc)s.")
            % {"exc": exception},
            field="exception_min_age",
        )
    if exception is not None and not data.get("exception_note", "").strip():
        raise ApplicationError(_("Say on what condition the charter admits them."), field="exception_note")
    rule = EligibilityRule.objects.filter(association=association).first()
    before = snapshot(rule, RULE_AUDIT_FIELDS) if rule else None
    rule = rule or EligibilityRule(association=association)
    for key in RULE_AUDIT_FIELDS:
        setattr(rule, key, data.get(key, "" if key in ("exception_note", "source") else None))
    rule.exception_note, rule.source = rule.exception_note.strip(), rule.source.strip()
    rule.save()
    if before is None:
        audit_log(actor=by, action=Action.CREATE, obj=rule, changes=snapshot(rule, RULE_AUDIT_FIELDS))
    elif changes := diff(before, snapshot(rule, RULE_AUDIT_FIELDS)):
        audit_log(actor=by, action=Action.UPDATE, obj=rule, changes=changes)
    return rule


def _rule(association: Association) -> EligibilityRule | None:
    return EligibilityRule.objects.filter(association=association).first()


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
    """Add a member. A person already known by CCCD gets a new membership, not a second record — when
    the name and birth date given are theirs (people.identity): else nothing is attached, the form learns
    nothing of that person, and the conflict goes to the province officers' queue.
    Side effects: maybe a new person; the membership; an audit entry; or an identity conflict."""
    person = person_by_cccd(person_data.cccd)
    birth_date, precision = birth_fields(person_data.birth_date, person_data.birth_year)
    if person is not None and not same_person(
        fold(person_data.full_name),
        birth_date,
        precision,
        person.name_folded,
        person.birth_date,
        person.birth_precision,
    ):
        IdentityConflict.objects.create(
            cccd=person.cccd,
            person=person,
            association=association,
            typed_name=person_data.full_name.strip()[:120],
            typed_birth=birth_text(birth_date, precision),
            created_by=by,
        )
        conflicts_tell(association=association, count=1, by=by)
        raise ApplicationError(
            _("This CCCD number is registered to another person; the province will check."), field="cccd"
        )
    with transaction.atomic():
        return _membership_create(
            association=association,
            person=person,
            person_data=person_data,
            joined_on=joined_on,
            by=by,
            member_type=member_type,
            member_number=member_number,
            role=role,
            branch=branch,
            eligibility_exception=eligibility_exception,
        )


def _membership_create(
    *,
    association: Association,
    person,
    person_data: PersonData,
    joined_on: dt.date,
    by,
    member_type: str,
    member_number: str,
    role: str,
    branch: Branch | None,
    eligibility_exception: bool,
) -> Membership:
    if association.status in ENDED:
        raise ApplicationError(_("A dissolved or ceased association cannot admit members."))
    if joined_on > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="joined_on")
    if branch is not None and branch.association_id != association.pk:
        raise ApplicationError(_("This branch belongs to another association."), field="branch")
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


@transaction.atomic
def conflicts_tell(*, association, count: int, by) -> None:
    """The province officers hear of CCCD numbers given for someone other than the registered person."""
    if not count:
        return
    text = ngettext(
        "%(n)s CCCD number given by %(name)s is registered to another person: check it.",
        "%(n)s CCCD numbers given by %(name)s are registered to other persons: check them.",
        count,
    ) % {"n": count, "name": association.name}
    notices_send(
        users=province_officers(), kind=NoticeKind.IDENTITY_CONFLICT, text=text, url=reverse("members:conflicts"), by=by
    )


def identity_conflict_resolve(*, conflict: IdentityConflict, resolution: str, by) -> IdentityConflict:
    """A province officer's finding on a conflict (a typing slip, a stolen number…). Side effect: audit."""
    if conflict.resolved_at is not None:
        raise ApplicationError(_("This conflict was checked already."))
    conflict.resolution, conflict.resolved_by, conflict.resolved_at = resolution.strip(), by, timezone.now()
    conflict.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    audit_log(actor=by, action=Action.UPDATE, obj=conflict, note=conflict.resolution)
    return conflict
