"""Writes to the registry. Each service is atomic, validates, and writes its audit entry."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.accounts.selectors import officers_of
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core import calendar
from sohoi.core.errors import ApplicationError
from sohoi.core.models import CalendarDay, DayKind
from sohoi.core.text import clean_text, fold
from sohoi.geo.models import AdministrativeUnit
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send
from sohoi.people.services import person_create
from sohoi.registry import law
from sohoi.registry.models import (
    Association,
    AssociationLink,
    Branch,
    Decision,
    EventKind,
    LeadershipRole,
    LegalEvent,
    LineageRole,
    Position,
    Status,
    Term,
)
from sohoi.registry.selectors import deadlines_for_many

ASSOCIATION_AUDIT_FIELDS = [
    "name",
    "abbreviation",
    "scope_level",
    "fields",
    "managing_agency",
    "is_assigned_tasks",
    "hq_commune",
    "hq_street",
    "phone",
    "email",
    "website",
    "purpose",
    "functions",
    "tasks",
    "central_association",
    "term_years",
    "status",
]
BRANCH_AUDIT_FIELDS = ["name", "commune", "street", "established_on", "closed_on", "head", "deputy"]


@dataclass
class DecisionData:
    number: str
    issued_on: dt.date
    authority: str
    signer: str = ""
    file: object = None


@dataclass
class LeaderData:
    full_name: str
    position: str
    birth_year: int | None = None
    sex: str = ""


@dataclass
class EventData:
    kind: str
    occurred_on: dt.date
    decision: DecisionData
    note: str = ""
    new_name: str = ""
    new_hq_commune: AdministrativeUnit | None = None
    new_hq_street: str = ""
    suspended_until: dt.date | None = None
    leaders: list[LeaderData] = field(default_factory=list)
    other_sources: list[Association] = field(default_factory=list)
    targets: list[Association] = field(default_factory=list)


def _today() -> dt.date:
    return timezone.localdate()


def _save(instance) -> None:
    """full_clean then save; a constraint the database still refuses becomes a readable error."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError(_("This record conflicts with an existing one.")) from exc


# --- Associations ----------------------------------------------------------------------------------


@transaction.atomic
def association_create(*, by, fields: list | None = None, **data) -> Association:
    """Register an association in the "being founded" state. Side effects: audit entry."""
    association = Association(**data)
    association.name = clean_text(association.name)
    association.name_folded = fold(association.name)
    association.status = Status.PROPOSED
    _save(association)
    if fields is not None:
        association.fields.set(fields)
    audit_log(
        actor=by,
        action=Action.CREATE,
        obj=association,
        changes=diff({}, snapshot(association, ASSOCIATION_AUDIT_FIELDS)),
    )
    return association


@transaction.atomic
def association_update(*, association: Association, by, fields: list | None = None, **data) -> Association:
    """Change an association's profile. Name and headquarters change only through legal events."""
    for forbidden in ("name", "status", "hq_commune", "hq_street"):
        if forbidden in data:
            raise ApplicationError(_("Use a legal event to change this."), field=forbidden)
    before = snapshot(association, ASSOCIATION_AUDIT_FIELDS)
    for key, value in data.items():
        setattr(association, key, value)
    _save(association)
    if fields is not None:
        association.fields.set(fields)
    changes = diff(before, snapshot(association, ASSOCIATION_AUDIT_FIELDS))
    if changes:
        audit_log(actor=by, action=Action.UPDATE, obj=association, changes=changes)
    return association


# --- Legal events ----------------------------------------------------------------------------------


def _refuse_transition(association: Association, kind: str) -> None:
    allowed = law.allowed_events(association.status)
    event_label, status_label = EventKind(kind).label, Status(association.status).label
    if allowed:
        message = _("“%(event)s” cannot be recorded while the association is “%(status)s”. Allowed now: %(allowed)s.")
        params = {"allowed": ", ".join(str(EventKind(k).label) for k in allowed)}
    else:
        message = _(
            "“%(event)s” cannot be recorded: the association is “%(status)s” and can have no more legal events."
        )
        params = {}
    raise ApplicationError(message % {"event": event_label, "status": status_label, **params}, field="kind")


def _check_dates(association: Association, data: EventData) -> None:
    today = _today()
    if data.decision.issued_on > today:
        raise ApplicationError(_("The decision date cannot be in the future."), field="decision_date")
    if data.occurred_on > today:
        raise ApplicationError(_("The event date cannot be in the future."), field="occurred_on")
    last = association.events.order_by("-occurred_on").values_list("occurred_on", flat=True).first()
    if last and data.occurred_on < last:
        raise ApplicationError(
            _("The event date cannot be before the association's last recorded event (%(date)s).")
            % {"date": last.strftime("%d/%m/%Y")},
            field="occurred_on",
        )


def _create_decision(data: DecisionData) -> Decision:
    decision = Decision(
        number=clean_text(data.number),
        issued_on=data.issued_on,
        authority=clean_text(data.authority),
        signer=clean_text(data.signer),
    )
    if data.file:
        decision.file = data.file
    _save(decision)
    return decision


def _apply(association: Association, event: LegalEvent) -> None:
    new_status = law.next_status(association.status, event.kind, event.lineage_role)
    if new_status != association.status:
        association.status, association.status_since = new_status, event.occurred_on
    association.save(
        update_fields=["status", "status_since", "name", "name_folded", "hq_commune", "hq_street", "updated_at"]
    )


def _record_congress(association: Association, event: LegalEvent, leaders: list[LeaderData]) -> Term:
    if not any(leader.position == Position.CHAIRMAN for leader in leaders):
        raise ApplicationError(
            _("A congress must elect a chairman: add the chairman to the leadership."), field="leaders"
        )
    previous = association.terms.order_by("-number").first()
    if previous:
        previous.leaders.filter(ends_on__isnull=True).update(ends_on=event.occurred_on)
    term = Term.objects.create(
        association=association,
        number=(previous.number + 1) if previous else 1,
        congress=event,
        starts_on=event.occurred_on,
        ends_on=law.term_end(association, event.occurred_on),
    )
    for leader in leaders:
        person = person_create(full_name=leader.full_name, birth_year=leader.birth_year, sex=leader.sex)
        LeadershipRole.objects.create(term=term, person=person, position=leader.position, starts_on=event.occurred_on)
    return term


@transaction.atomic
def legal_event_record(*, association: Association, data: EventData, by) -> LegalEvent:
    """Record one legal event and move the association (and, for a reorganisation, the associations
    on the other side) to the status the law gives. Side effects: decision row, term and leadership
    for congresses, lineage links, new name or headquarters, audit entries. All or nothing.
    """
    association = Association.objects.select_for_update().get(pk=association.pk)
    if data.kind not in law.allowed_events(association.status):
        _refuse_transition(association, data.kind)
    _check_dates(association, data)
    before = snapshot(association, ["name", "hq_commune", "hq_street", "status"])

    event = LegalEvent(association=association, kind=data.kind, occurred_on=data.occurred_on, note=data.note.strip())
    if data.kind == EventKind.RENAME:
        new_name = clean_text(data.new_name)
        if not new_name:
            raise ApplicationError(_("Enter the new name."), field="new_name")
        if new_name == association.name:
            raise ApplicationError(_("The new name is the same as the current one."), field="new_name")
        if Association.objects.filter(name=new_name).exclude(status__in=law.ENDED).exclude(pk=association.pk).exists():
            raise ApplicationError(_("An association with this name already exists."), field="new_name")
        event.old_value, event.new_value = association.name, new_name
        association.name, association.name_folded = new_name, fold(new_name)
    elif data.kind == EventKind.HQ_CHANGE:
        if not data.new_hq_commune:
            raise ApplicationError(_("Choose the commune of the new headquarters."), field="new_hq_commune")
        event.old_value = association.hq_address
        association.hq_commune, association.hq_street = data.new_hq_commune, clean_text(data.new_hq_street)
        event.new_value = association.hq_address
    elif data.kind == EventKind.SUSPENSION:
        if not data.suspended_until or data.suspended_until <= data.occurred_on:
            raise ApplicationError(_("The suspension must end after it starts."), field="suspended_until")
        if data.suspended_until > law.suspension_latest_end(data.occurred_on):
            raise ApplicationError(
                _("A suspension lasts at most %(days)s days (Decree 126/2024 Art 33): end it on %(date)s or earlier.")
                % {
                    "days": law.MAX_SUSPENSION_DAYS,
                    "date": law.suspension_latest_end(data.occurred_on).strftime("%d/%m/%Y"),
                },
                field="suspended_until",
            )
        event.ends_on = data.suspended_until

    event.decision = _create_decision(data.decision)
    if data.kind in law.REORGANISATIONS:
        event.lineage_role = LineageRole.SOURCE
    event.save()
    _apply(association, event)

    if data.kind in (EventKind.FOUNDING_CONGRESS, EventKind.TERM_CONGRESS):
        _record_congress(association, event, data.leaders)
    if data.kind in law.REORGANISATIONS:
        _record_reorganisation(association, event, data, by)

    audit_log(
        actor=by,
        action=Action.EVENT,
        obj=association,
        changes=diff(before, snapshot(association, ["name", "hq_commune", "hq_street", "status"])),
        note=f"{EventKind(data.kind).label}: {event.decision.number}",
    )
    return event


def _locked_others(associations: list[Association], exclude: set[int]) -> list[Association]:
    ids = sorted({a.pk for a in associations} - exclude)
    return list(Association.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _record_reorganisation(source: Association, event: LegalEvent, data: EventData, by) -> None:
    """Decree 126/2024 Art 32: every source and every resulting association gets its event under the
    same decision, moves to the status the law gives, and each source is linked to each result."""
    kind = event.kind
    others = _locked_others(data.other_sources, {source.pk})
    targets = _locked_others(data.targets, {source.pk} | {a.pk for a in others})
    min_sources, min_targets, max_targets = law.SIDES[kind]
    label = EventKind(kind).label
    if 1 + len(others) < min_sources:
        raise ApplicationError(
            _("“%(event)s” needs at least %(count)s associations on the source side: choose the others.")
            % {"event": label, "count": min_sources},
            field="other_sources",
        )
    if not (min_targets <= len(targets) <= max_targets):
        message = (
            _("Choose exactly one resulting association for “%(event)s”.")
            if min_targets == max_targets
            else _("Choose at least %(count)s resulting associations for “%(event)s”.")
        )
        raise ApplicationError(message % {"event": label, "count": min_targets}, field="targets")
    for other in others:
        if kind not in law.allowed_events(other.status):
            raise ApplicationError(
                _("“%(name)s” is “%(status)s” and cannot take part in “%(event)s”.")
                % {"name": other.name, "status": Status(other.status).label, "event": label},
                field="other_sources",
            )
    expected = law.TARGET_STATUS_BEFORE[kind]
    for target in targets:
        if target.status != expected:
            raise ApplicationError(
                _("“%(name)s” is “%(status)s”; for “%(event)s” the resulting association must be “%(expected)s”.")
                % {
                    "name": target.name,
                    "status": Status(target.status).label,
                    "event": label,
                    "expected": Status(expected).label,
                },
                field="targets",
            )

    def record(association: Association, role: str) -> None:
        before = snapshot(association, ["status"])
        side_event = LegalEvent.objects.create(
            association=association,
            kind=kind,
            occurred_on=event.occurred_on,
            decision=event.decision,
            lineage_role=role,
            note=event.note,
        )
        _apply(association, side_event)
        audit_log(
            actor=by,
            action=Action.EVENT,
            obj=association,
            changes=diff(before, snapshot(association, ["status"])),
            note=f"{label}: {event.decision.number}",
        )

    for other in others:
        record(other, LineageRole.SOURCE)
    for target in targets:
        record(target, LineageRole.TARGET)
    for predecessor in [source, *others]:
        for target in targets:
            AssociationLink.objects.create(
                predecessor=predecessor, successor=target, kind=kind, decision=event.decision
            )


# --- Branches --------------------------------------------------------------------------------------


def _person_or_none(name: str, existing):
    name = clean_text(name)
    if not name:
        return None
    if existing and existing.full_name == name:
        return existing
    return person_create(full_name=name)


@transaction.atomic
def branch_create(*, association: Association, by, head_name: str = "", deputy_name: str = "", **data) -> Branch:
    """Open a branch (chi hội). Side effects: persons for its head and deputy, audit entry."""
    if association.status in (Status.DISSOLVED, Status.CEASED):
        raise ApplicationError(_("A dissolved or ceased association cannot open branches."))
    if data.get("established_on") and data["established_on"] > _today():
        raise ApplicationError(_("The date cannot be in the future."), field="established_on")
    branch = Branch(association=association, **data)
    branch.name = clean_text(branch.name)
    branch.head = _person_or_none(head_name, None)
    branch.deputy = _person_or_none(deputy_name, None)
    _save(branch)
    audit_log(actor=by, action=Action.CREATE, obj=branch, changes=diff({}, snapshot(branch, BRANCH_AUDIT_FIELDS)))
    return branch


@transaction.atomic
def branch_update(*, branch: Branch, by, head_name: str = "", deputy_name: str = "", **data) -> Branch:
    """Change a branch, or close it by setting ``closed_on``. Side effects: audit entry."""
    before = snapshot(branch, BRANCH_AUDIT_FIELDS)
    for key, value in data.items():
        setattr(branch, key, value)
    branch.name = clean_text(branch.name)
    today = _today()
    if branch.established_on and branch.established_on > today:
        raise ApplicationError(_("The date cannot be in the future."), field="established_on")
    if branch.closed_on and branch.closed_on > today:
        raise ApplicationError(_("The date cannot be in the future."), field="closed_on")
    if branch.closed_on and branch.established_on and branch.closed_on < branch.established_on:
        raise ApplicationError(_("A branch cannot close before it was established."), field="closed_on")
    branch.head = _person_or_none(head_name, branch.head)
    branch.deputy = _person_or_none(deputy_name, branch.deputy)
    _save(branch)
    changes = diff(before, snapshot(branch, BRANCH_AUDIT_FIELDS))
    if changes:
        audit_log(actor=by, action=Action.UPDATE, obj=branch, changes=changes)
    return branch


def branches_carry(
    *, moves: dict[int, int], renames: dict[int, str], merged: dict[int, int], day: dt.date, note: str, by
) -> None:
    """A reorganisation's branches (inside the caller's transaction): those of `moves` re-parented to
    the association given (renamed where `renames` says), those of `merged` closed on `day`, their
    members gone to the branch given. Side effects: audit entries."""
    for branch in Branch.objects.filter(pk__in=set(moves) | set(merged)).order_by("pk"):
        before = snapshot(branch, ["association", *BRANCH_AUDIT_FIELDS])
        if branch.pk in merged:
            branch.closed_on = max(day, branch.established_on)
        else:
            branch.association_id = moves[branch.pk]
            branch.name = clean_text(renames.get(branch.pk) or branch.name)
        branch.save()
        audit_log(
            actor=by,
            action=Action.UPDATE,
            obj=branch,
            changes=diff(before, snapshot(branch, ["association", *BRANCH_AUDIT_FIELDS])),
            note=note,
        )


def deadline_notices_send(*, today: dt.date) -> int:
    """A notice to an association's own officers for each of its legal deadlines
    settings.SOHOI_DEADLINE_NOTICE_DAYS days away or fewer; once a deadline. Returns the notices given."""
    associations = list(Association.objects.exclude(status__in=law.ENDED).filter(officers__isnull=False).distinct())
    deadlines = deadlines_for_many(associations, today)
    sent = 0
    for association in associations:
        for deadline in deadlines[association.pk]:
            if not 0 <= deadline.days_left(today) <= settings.SOHOI_DEADLINE_NOTICE_DAYS:
                continue
            text = _("%(label)s for %(name)s: %(due)s (%(basis)s).") % {
                "label": deadline.label,
                "name": association.name,
                "due": f"{deadline.due:%d/%m/%Y}",
                "basis": deadline.basis,
            }
            sent += notices_send(
                users=officers_of([association.pk]),
                kind=NoticeKind.DEADLINE,
                text=text,
                url=reverse("registry:detail", args=[association.pk]),
                key=f"deadline:{association.pk}:{deadline.kind}:{deadline.due}",
            )
    return sent


def calendar_day_add(*, day: dt.date, kind: str, name: str, by) -> CalendarDay:
    """A day off (holiday or bridge) on a weekday, or a weekend day worked in exchange, in the working
    calendar the legal deadlines are counted in (core.calendar; counted within its ENTERED_TTL
    seconds). Side effect: an audit entry."""
    if kind not in DayKind.values:
        raise ApplicationError(_("Choose whether the day is off or worked."), field="kind")
    shown = f"{day:%d/%m/%Y}"
    if kind == DayKind.OFF and day.weekday() >= 5:
        raise ApplicationError(_("%(day)s is a weekend day: it is off already.") % {"day": shown}, field="day")
    if kind == DayKind.WORKED and day.weekday() < 5:
        raise ApplicationError(
            _("%(day)s is a weekday: only a weekend day can be worked in exchange.") % {"day": shown}, field="day"
        )
    if CalendarDay.objects.filter(day=day).exists():
        raise ApplicationError(_("%(day)s is in the calendar already.") % {"day": shown}, field="day")
    entry = CalendarDay.objects.create(
        day=day, kind=kind, name=clean_text(name), created_by=by if getattr(by, "is_authenticated", False) else None
    )
    audit_log(actor=by, action=Action.CREATE, obj=entry, note=entry.name)
    calendar.forget_entered()
    return entry


def calendar_day_remove(*, entry: CalendarDay, by) -> None:
    audit_log(actor=by, action=Action.DELETE, obj=entry, note=entry.name)
    entry.delete()
    calendar.forget_entered()
