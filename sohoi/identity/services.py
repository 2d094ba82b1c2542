"""Writes about who is the same person: a reviewer's decision on a pair, a merge, an unmerge. Each is
atomic and audited; a merge moves every row that points to the alias (memberships, staff records,
leadership roles, conflicts, audit entries of the person) and records what it moved, so that an unmerge
restores both records exactly."""

import datetime as dt

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.audit.models import Action, AuditEntry
from sohoi.audit.services import audit_log
from sohoi.core.errors import ApplicationError
from sohoi.core.text import fold, given_name_first
from sohoi.identity.models import CandidatePair, Decision, PersonMerge
from sohoi.members.models import Membership
from sohoi.people.cccd import check_cccd
from sohoi.people.models import Person
from sohoi.people.services import EDITABLE_FIELDS

# The fields a reviewer chooses between (the birth date's precision goes with the date).
CHOSEN_FIELDS = [name for name in EDITABLE_FIELDS if name != "birth_precision"]
RECORD_FIELDS = [*EDITABLE_FIELDS, "name_folded", "given_folded"]


def _record(person: Person) -> dict:
    """The person's own fields, as stored (dates as ISO text, the commune as its id)."""
    values = {}
    for name in RECORD_FIELDS:
        field = Person._meta.get_field(name)
        value = getattr(person, field.attname)
        values[field.attname] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def _restore(person: Person, values: dict) -> None:
    for attname, value in values.items():
        if attname == "birth_date" and value:
            value = dt.date.fromisoformat(value)
        setattr(person, attname, value)


def _pointers() -> list[models.ForeignKey]:
    """Every foreign key to a person (those without a reverse name too), but the identity app's own and
    the alias link."""
    return [
        rel.field
        for rel in Person._meta.get_fields(include_hidden=True)
        if rel.one_to_many and rel.auto_created and rel.related_model not in (Person, CandidatePair, PersonMerge)
    ]


def person_merge(
    *, survivor: Person, alias: Person, by, choose: dict[str, str] | None = None, pair=None
) -> PersonMerge:
    """Merge two records of one person (_merge), all or nothing; a row the database refuses to move (the
    two records hold the same role in one term, say) leaves both as they were, said in words."""
    try:
        return _merge(survivor=survivor, alias=alias, by=by, choose=choose or {}, pair=pair)
    except IntegrityError as exc:
        raise ApplicationError(
            _(
                "The two records hold something only one person can hold (the same role in the same term): "
                "correct that first."
            )
        ) from exc


@transaction.atomic
def _merge(*, survivor: Person, alias: Person, by, choose: dict[str, str], pair) -> PersonMerge:
    """Merge `alias` into `survivor`. `choose`: field → "survivor" or "alias", the reviewer's choice for a
    field the two records disagree on (default: the survivor's value, or the alias's where the survivor
    has none). Two different CCCD numbers are two people: refused. Where both are open members of one
    association, the alias's membership is ended the day it began ("a duplicate record"), not lost.
    Side effects: the survivor's fields, every pointer to the alias, the alias kept as an alias, audit."""
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    alias = Person.objects.select_for_update().get(pk=alias.pk)
    if survivor.pk == alias.pk or survivor.merged_into_id or alias.merged_into_id:
        raise ApplicationError(_("These two records cannot be merged (one of them is already merged)."))
    if survivor.cccd and alias.cccd and survivor.cccd != alias.cccd:
        raise ApplicationError(_("The two records have different CCCD numbers: they are two people."))
    merge = PersonMerge(survivor=survivor, alias=alias, pair=pair, by=by if getattr(by, "pk", None) else None)
    merge.survivor_before, merge.alias_before = _record(survivor), _record(alias)

    for name in CHOSEN_FIELDS:
        mine, theirs = getattr(survivor, name), getattr(alias, name)
        take_alias = choose.get(name) == "alias" or (name not in choose and not mine and theirs)
        if take_alias:
            setattr(survivor, name, theirs)
            if name == "birth_date":
                survivor.birth_precision = alias.birth_precision
    survivor.name_folded = fold(survivor.full_name)
    survivor.given_folded = given_name_first(survivor.name_folded)
    if survivor.cccd:
        problems = check_cccd(survivor.cccd, survivor.sex, survivor.birth_date.year if survivor.birth_date else None)
        if problems:
            raise ApplicationError(" ".join(p.message for p in problems))

    # The alias's open memberships of an association the survivor is an open member of: ended as duplicates.
    survivor_open = set(
        Membership.objects.filter(person=survivor, left_on__isnull=True).values_list("association_id", flat=True)
    )
    for membership in Membership.objects.filter(person=alias, left_on__isnull=True, association_id__in=survivor_open):
        merge.ended.append([membership.pk, None, membership.left_reason])
        membership.left_on = membership.joined_on
        membership.left_reason = (_("Duplicate record, merged into person %(id)s") % {"id": survivor.pk})[:200]
        membership.save(update_fields=["left_on", "left_reason"])

    for field in _pointers():
        model = field.model
        ids = list(model.objects.filter(**{field.name: alias}).values_list("pk", flat=True))
        if ids:
            merge.moved[f"{model._meta.label_lower}.{field.name}"] = ids
            model.objects.filter(pk__in=ids).update(**{field.name: survivor})
    person_type = ContentType.objects.get_for_model(Person)
    entries = AuditEntry.objects.filter(content_type=person_type, object_id=str(alias.pk))
    merge.moved["audit.auditentry.object_id"] = list(entries.values_list("pk", flat=True))
    entries.update(object_id=str(survivor.pk))

    alias.cccd, alias.merged_into = "", survivor  # the number is the survivor's now
    alias.save(update_fields=["cccd", "merged_into"])
    survivor.save()
    merge.save()
    if pair is not None:
        pair.decision, pair.decided_by, pair.decided_at = Decision.MERGED, merge.by, timezone.now()
        pair.save(update_fields=["decision", "decided_by", "decided_at"])
    audit_log(
        actor=by,
        action=Action.UPDATE,
        obj=survivor,
        changes={
            k: [merge.survivor_before.get(k), v]
            for k, v in _record(survivor).items()
            if merge.survivor_before.get(k) != v
        },
        note=_("Merged with the record of person %(id)s (%(name)s)") % {"id": alias.pk, "name": alias.full_name},
    )
    return merge


@transaction.atomic
def person_unmerge(*, merge: PersonMerge, by) -> PersonMerge:
    """Undo a merge: every row moved goes back to the alias, the memberships ended as duplicates open
    again, and both records hold again what they held before. Side effects: those rows, audit."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ApplicationError(_("This merge was undone already."))
    survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
    alias = Person.objects.select_for_update().get(pk=merge.alias_id)
    for key, ids in merge.moved.items():
        if key == "audit.auditentry.object_id":
            AuditEntry.objects.filter(pk__in=ids).update(object_id=str(alias.pk))
            continue
        label, name = key.rsplit(".", 1)
        model = apps.get_model(label)
        model.objects.filter(pk__in=ids).update(**{name: alias})
    for pk, left_on, reason in merge.ended:
        Membership.objects.filter(pk=pk).update(left_on=left_on, left_reason=reason)
    _restore(survivor, merge.survivor_before)
    survivor.save()  # first: the CCCD it gives back is free for the alias
    _restore(alias, merge.alias_before)
    alias.merged_into = None
    alias.save()
    merge.undone_by, merge.undone_at = (by if getattr(by, "pk", None) else None), timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    if merge.pair_id:
        CandidatePair.objects.filter(pk=merge.pair_id).update(
            decision=Decision.PENDING, decided_by=None, decided_at=None
        )
    audit_log(
        actor=by,
        action=Action.UPDATE,
        obj=survivor,
        note=_("Merge with the record of person %(id)s undone") % {"id": alias.pk},
    )
    return merge


@transaction.atomic
def pair_decide(*, pair: CandidatePair, decision: str, by) -> CandidatePair:
    """A reviewer's "not the same person" or "not sure" (merging is person_merge). A rejected pair is
    remembered: no run proposes it again. Side effect: audit."""
    if decision not in (Decision.REJECTED, Decision.UNSURE):
        raise ApplicationError(_("Choose “not the same person” or “not sure”."))
    if pair.decision == Decision.MERGED:
        raise ApplicationError(_("This pair was merged already."))
    pair.decision, pair.decided_by, pair.decided_at = decision, by, timezone.now()
    pair.save(update_fields=["decision", "decided_by", "decided_at"])
    audit_log(actor=by, action=Action.UPDATE, obj=pair, note=pair.get_decision_display())
    return pair


def _current(person_id: int) -> Person:
    """The record a person is kept as now: itself, or the survivor it was merged into (a chain followed)."""
    person = Person.objects.get(pk=person_id)
    while person.merged_into_id:
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def proposed_pairs_merge(*, by, pairs=None) -> tuple[int, int]:
    """Merge every pair proposed for merging (or the `pairs` given, all proposed), the most likely first;
    (merged, left). Each merge is whole or not at all (person_merge); a pair that cannot be merged (two
    different CCCDs once an earlier merge took one, a role only one person can hold) stays in the queue
    as "not sure" for a reviewer. The kept record is the one with a CCCD, else the older one; a pair whose
    two records an earlier merge of the same cluster already joined is marked merged."""
    if pairs is None:
        pairs = CandidatePair.objects.filter(decision=Decision.PROPOSED).order_by("-probability", "pk")
    merged = left = 0
    for pair in list(pairs):
        if pair.decision != Decision.PROPOSED:
            continue
        one, other = _current(pair.person_a_id), _current(pair.person_b_id)
        if one.pk == other.pk:
            CandidatePair.objects.filter(pk=pair.pk).update(
                decision=Decision.MERGED, decided_by=by, decided_at=timezone.now()
            )
            merged += 1
            continue
        survivor, alias = sorted((one, other), key=lambda p: (not p.cccd, p.pk))
        try:
            person_merge(survivor=survivor, alias=alias, by=by, pair=pair)
            merged += 1
        except ApplicationError:
            CandidatePair.objects.filter(pk=pair.pk).update(decision=Decision.UNSURE)
            left += 1
    return merged, left
