"""Writes of the staffing module: atomic, validated with Vietnamese messages, audited."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text
from sohoi.people.models import Person
from sohoi.staffing.models import (
    Attendance,
    Course,
    LeaderAgeRule,
    QuotaDecision,
    Staff,
    TrainingRequirement,
    Transfer,
    TransferStatus,
)


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


@transaction.atomic
def quota_record(*, association, year: int, quota: int, number: str, issued_on: dt.date, authority: str, by):
    """Record a staffing quota decision for an association and a year."""
    if quota < 0:
        raise ApplicationError(
            _("The quota is a number of posts: it cannot be below zero (%(value)s).") % {"value": quota}, field="quota"
        )
    if not association.is_assigned_tasks:
        raise ApplicationError(
            _("%(name)s is not assigned tasks by the Party and State: it gets no staffing quota.")
            % {"name": association.name},
            field="association",
        )
    decision = QuotaDecision.objects.create(
        association=association, year=year, quota=quota, number=number.strip(), issued_on=issued_on, authority=authority
    )
    audit_log(actor=by, action=Action.CREATE, obj=decision)
    return decision


def _check_period(starts_on: dt.date, ends_on: dt.date | None, field: str = "ends_on") -> None:
    if ends_on and ends_on < starts_on:
        raise ApplicationError(
            _("The end (%(end)s) cannot be before the start (%(start)s).")
            % {"end": _d(ends_on), "start": _d(starts_on)},
            field=field,
        )


@transaction.atomic
def staff_add(
    *, person: Person, association, position: str, kind: str, starts_on: dt.date, by, ends_on=None, salary_grade=""
) -> Staff:
    _check_period(starts_on, ends_on)
    overlapping = Staff.objects.filter(person=person, ends_on__isnull=True).exclude(association=association)
    if ends_on is None and overlapping.exists():
        other = overlapping.first()
        raise ApplicationError(
            _("%(name)s still works at %(other)s: end that work first, or record a transfer.")
            % {"name": person.full_name, "other": other.association.name}
        )
    staff = Staff.objects.create(
        person=person,
        association=association,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        salary_grade=salary_grade.strip(),
    )
    audit_log(actor=by, action=Action.CREATE, obj=staff)
    return staff


@transaction.atomic
def staff_end(*, staff: Staff, ends_on: dt.date, reason: str, by) -> Staff:
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    if staff.ends_on:
        raise ApplicationError(_("This work already ended on %(day)s.") % {"day": _d(staff.ends_on)})
    _check_period(staff.starts_on, ends_on)
    staff.ends_on, staff.end_reason = ends_on, reason.strip()
    staff.save(update_fields=["ends_on", "end_reason"])
    audit_log(actor=by, action=Action.UPDATE, obj=staff, changes={"ends_on": [None, str(ends_on)]})
    return staff


@transaction.atomic
def course_create(*, name, kind, organiser, starts_on, ends_on, by) -> Course:
    _check_period(starts_on, ends_on)
    course = Course.objects.create(
        name=name.strip(), kind=kind, organiser=organiser.strip(), starts_on=starts_on, ends_on=ends_on
    )
    audit_log(actor=by, action=Action.CREATE, obj=course)
    return course


@transaction.atomic
def attendance_add(*, course: Course, person: Person, certificate: str, by) -> Attendance:
    if Attendance.objects.filter(course=course, person=person).exists():
        raise ApplicationError(_("%(name)s is already recorded for this course.") % {"name": person.full_name})
    attendance = Attendance.objects.create(course=course, person=person, certificate=certificate.strip())
    audit_log(actor=by, action=Action.CREATE, obj=attendance)
    return attendance


@transaction.atomic
def transfer_propose(*, staff: Staff, to_association, to_position: str, kind: str, reason: str, proposed_on, by):
    if staff.ends_on:
        raise ApplicationError(_("This person no longer works at %(name)s.") % {"name": staff.association.name})
    if to_association.pk == staff.association_id:
        raise ApplicationError(
            _("A rotation or transfer goes to another association, not to %(name)s itself.")
            % {"name": staff.association.name},
            field="to_association",
        )
    if not reason.strip():
        raise ApplicationError(_("Give the reason."), field="reason")
    transfer = Transfer.objects.create(
        staff=staff,
        to_association=to_association,
        to_position=to_position,
        kind=kind,
        reason=reason.strip(),
        proposed_on=proposed_on,
    )
    audit_log(actor=by, action=Action.CREATE, obj=transfer)
    return transfer


@transaction.atomic
def transfer_decide(*, transfer: Transfer, approve: bool, number: str, decided_on, effective_on, by) -> Transfer:
    """Record the decision. Approved: the work at the old association ends the day before `effective_on`
    and a new one starts at the other association on that day, with the same kind (quota, contract…)."""
    transfer = Transfer.objects.select_for_update().select_related("staff").get(pk=transfer.pk)
    if transfer.status != TransferStatus.PROPOSED:
        raise ApplicationError(_("This proposal was already decided."))
    if not approve:
        transfer.status, transfer.decision_number, transfer.decided_on = (
            TransferStatus.REFUSED,
            number.strip(),
            decided_on,
        )
        transfer.save(update_fields=["status", "decision_number", "decided_on"])
        audit_log(actor=by, action=Action.UPDATE, obj=transfer, changes={"status": ["proposed", "refused"]})
        return transfer
    if not number.strip():
        raise ApplicationError(_("Give the number of the decision."), field="number")
    if decided_on < transfer.proposed_on or effective_on < decided_on:
        raise ApplicationError(
            _("The dates must follow each other: proposed %(p)s, decided %(d)s, effective %(e)s.")
            % {"p": _d(transfer.proposed_on), "d": _d(decided_on), "e": _d(effective_on)},
            field="effective_on",
        )
    old = transfer.staff
    if effective_on <= old.starts_on:
        raise ApplicationError(
            _("The transfer must take effect after the current work began (%(day)s).") % {"day": _d(old.starts_on)},
            field="effective_on",
        )
    staff_end(
        staff=old,
        ends_on=effective_on - dt.timedelta(days=1),
        reason=f"{transfer.get_kind_display()} ({number})",
        by=by,
    )
    new = Staff.objects.create(
        person=old.person,
        association=transfer.to_association,
        position=transfer.to_position,
        kind=old.kind,
        starts_on=effective_on,
        salary_grade=old.salary_grade,
        transfer=transfer,
    )
    transfer.status, transfer.decision_number = TransferStatus.DECIDED, number.strip()
    transfer.decided_on, transfer.effective_on = decided_on, effective_on
    transfer.save(update_fields=["status", "decision_number", "decided_on", "effective_on"])
    audit_log(actor=by, action=Action.UPDATE, obj=transfer, changes={"status": ["proposed", "decided"]})
    audit_log(actor=by, action=Action.CREATE, obj=new)
    return transfer


def staff_carry(*, sources: list[int], to, day: dt.date, reason: str, by) -> int:
    """A reorganisation's staff (inside the caller's transaction): each open record at `sources` ends
    on `day` and a record at `to` continues it (`previous`) from that day, in the same position and
    kind. Returns the records carried. Side effects: audit entries."""
    carried = 0
    for staff in Staff.objects.filter(association_id__in=sources, ends_on__isnull=True).order_by("pk"):
        day_on = max(day, staff.starts_on)
        new = Staff.objects.create(
            person_id=staff.person_id,
            association=to,
            position=staff.position,
            kind=staff.kind,
            starts_on=day_on,
            salary_grade=staff.salary_grade,
            previous=staff,
        )
        staff.ends_on, staff.end_reason = day_on, reason[:200]
        staff.save(update_fields=["ends_on", "end_reason"])
        audit_log(actor=by, action=Action.UPDATE, obj=staff, changes={"ends_on": [None, str(day_on)]}, note=reason)
        audit_log(actor=by, action=Action.CREATE, obj=new, note=reason)
        carried += 1
    return carried


def combined_quota(sources: list[int], year: int) -> int | None:
    """The sources' quotas for `year` added up (each source's latest decision), or None with none."""
    total, found = 0, False
    for source in sources:
        decision = QuotaDecision.objects.filter(association_id=source, year=year).order_by("-issued_on", "-id").first()
        if decision:
            total, found = total + decision.quota, True
    return total if found else None


def quota_carry(*, sources: list[int], to, year: int, number: str, issued_on: dt.date, authority: str, by):
    """The sources' quotas for `year`, added up, become `to`'s (the reorganising decision's). None when
    the sources had none."""
    quota = combined_quota(sources, year)
    if quota is None:
        return None
    return quota_record(
        association=to, year=year, quota=quota, number=number, issued_on=issued_on, authority=authority, by=by
    )


LEADER_RULE_FIELDS = ["source", "max_age", "chairman_max_age", "chairman_max_terms", "only_assigned"]


def leader_rule_save(*, data: dict, by, rule: LeaderAgeRule | None = None) -> LeaderAgeRule:
    """A leader age and term rule (KL 32-KL/TW's, or a newer one), as data the leader checks read.
    Side effect: an audit entry."""
    if not clean_text(data.get("source", "")):
        raise ApplicationError(_("Name the rule's source, e.g. its conclusion or decision."), field="source")
    if not 40 <= data["max_age"] <= 90:
        raise ApplicationError(_("An age limit is from 40 to 90."), field="max_age")
    if data["chairman_max_age"] < data["max_age"]:
        raise ApplicationError(
            _("A chairman's limit is an exception above the general one (%(age)s).") % {"age": data["max_age"]},
            field="chairman_max_age",
        )
    if not 1 <= data["chairman_max_terms"] <= 10:
        raise ApplicationError(_("Consecutive terms are from 1 to 10."), field="chairman_max_terms")
    new = rule is None
    rule = rule or LeaderAgeRule()
    before = {} if new else snapshot(rule, LEADER_RULE_FIELDS)
    for name in LEADER_RULE_FIELDS:
        setattr(rule, name, clean_text(data[name]) if name == "source" else data[name])
    rule.save()
    changes = diff(before, snapshot(rule, LEADER_RULE_FIELDS))
    if changes:
        audit_log(actor=by, action=Action.CREATE if new else Action.UPDATE, obj=rule, changes=changes)
    return rule


def leader_rule_remove(*, rule: LeaderAgeRule, by) -> None:
    audit_log(actor=by, action=Action.DELETE, obj=rule)
    rule.delete()


@transaction.atomic
def training_requirements_set(*, chosen: set[tuple[str, str]], by) -> int:
    """The training each position requires: exactly the (position, kind) pairs `chosen`. Returns the
    pairs changed. Side effect: an audit entry."""
    current = {(r.position, r.kind): r for r in TrainingRequirement.objects.all()}
    for key in sorted(set(current) - chosen):
        audit_log(actor=by, action=Action.DELETE, obj=current[key])
        current[key].delete()
    added = sorted(chosen - set(current))
    for position, kind in added:
        audit_log(actor=by, action=Action.CREATE, obj=TrainingRequirement.objects.create(position=position, kind=kind))
    return len(added) + len(set(current) - chosen)
