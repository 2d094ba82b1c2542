"""Reads for the merger work: the overlap of every pair of live associations, the proposals in a user's scope."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sohoi.accounts.models import Role
from sohoi.accounts.roles import association_ids_of, role_of
from sohoi.core.text import fold
from sohoi.members.models import Membership
from sohoi.members.selectors import active_on
from sohoi.mergers.models import Proposal, ProposalStatus
from sohoi.mergers.overlap import Overlap, Profile, rank
from sohoi.registry.law import ENDED
from sohoi.registry.models import Association, Branch, ScopeLevel, Status


def overlap_pairs(today: dt.date) -> list[Overlap]:
    """Every pair of the associations not dissolved or ceased, the most overlapping first. Five
    queries, whatever the number of associations and members."""
    associations = list(
        Association.objects.exclude(status__in=ENDED).select_related("hq_commune").prefetch_related("fields")
    )
    members = active_on(Membership.objects.all(), today)
    counts = dict(members.values_list("association").annotate(n=Count("person", distinct=True)).order_by())
    branches: dict[int, set] = {}
    for association_id, commune_id in Branch.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=today), association__in=associations
    ).values_list("association_id", "commune_id"):
        branches.setdefault(association_id, set()).add(commune_id)
    profiles = [
        Profile(
            pk=a.pk,
            name=a.name,
            text="\n".join((a.purpose, a.functions, a.tasks)),
            fields={f.name for f in a.fields.all()},
            agency=a.managing_agency,
            territory=_territory(a),
            central=a.central_association,
            members=counts.get(a.pk, 0),
            branch_communes=branches.get(a.pk, set()),
        )
        for a in associations
    ]
    return rank(profiles, _shared_members(today), settings.SOHOI_OVERLAP_WEIGHTS)


def _territory(association: Association) -> str:
    """A provincial association's territory is the province; any other's, its level and commune."""
    if association.scope_level == ScopeLevel.PROVINCIAL:
        return ScopeLevel.PROVINCIAL
    return f"{association.scope_level}:{association.hq_commune_id}"


def _shared_members(today: dt.date) -> dict[tuple[int, int], int]:
    """(smaller association id, larger) → the unique persons active members of both today. A merged
    duplicate record's memberships point to the person it was merged into, so each person counts once."""
    sql = """
        SELECT a.association_id, b.association_id, COUNT(DISTINCT a.person_id)
        FROM members_membership a JOIN members_membership b
          ON b.person_id = a.person_id AND b.association_id > a.association_id
        WHERE a.joined_on <= %s AND (a.left_on IS NULL OR a.left_on > %s)
          AND b.joined_on <= %s AND (b.left_on IS NULL OR b.left_on > %s)
        GROUP BY a.association_id, b.association_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [today, today, today, today])
        return {(a, b): n for a, b, n in cursor.fetchall()}


def proposal_list_for_user(user) -> QuerySet[Proposal]:
    """Province officers and leaders see every proposal; an association officer those touching one of
    their associations (as a source or a result); anyone else none."""
    qs = Proposal.objects.prefetch_related("sources", "results__association").order_by("-created_at", "-pk")
    role = role_of(user)
    if role in (Role.PROVINCE_OFFICER, Role.LEADER):
        return qs
    if role == Role.ASSOCIATION_OFFICER:
        mine = association_ids_of(user)
        return qs.filter(Q(sources__in=mine) | Q(results__association__in=mine)).distinct()
    return qs.none()


def proposal_get_for_user(user, pk: int) -> Proposal:
    """404 for a proposal outside the user's scope: its existence is not revealed."""
    proposal = proposal_list_for_user(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def proposal_touches(proposal: Proposal, association_ids) -> bool:
    ids = set(association_ids)
    return bool(ids & {a.pk for a in proposal.sources.all()}) or any(
        r.association_id in ids for r in proposal.results.all()
    )


@dataclass
class ProvincePair:
    continuing: Association  # "Hội A tỉnh Thái Nguyên"
    joining: Association  # "Hội A tỉnh Bắc Kạn"
    new_name: str  # "Hội A tỉnh Thái Nguyên (mới)"
    proposal: Proposal | None  # a proposal already made for the pair


@dataclass
class ProvinceMerger:
    pairs: list[ProvincePair]
    joining_alone: list[Association]  # no counterpart: they continue under the new province
    continuing_alone: list[Association]


def _stem(name: str, province: str) -> str | None:
    """The name without "tỉnh <province>" at its end, folded — None when it does not end so."""
    folded, suffix = fold(name), f" tinh {fold(province)}"
    return folded[: -len(suffix)] if folded.endswith(suffix) else None


def province_pairs() -> ProvinceMerger:
    """Guidance 05/HD-MTTW-BTT §3.1: each live association of the joining former province with the live
    one of the continuing province that has the same name but for the province — and, where the names
    differ, the same central association and field. Those left unpaired continue under the new province."""
    merger = settings.SOHOI_PROVINCE_MERGER
    live = list(
        Association.objects.filter(status=Status.ACTIVE).prefetch_related("fields").order_by("name_folded", "pk")
    )
    continuing = {a.pk: a for a in live if _stem(a.name, merger["continuing"]) is not None}
    joining = [a for a in live if _stem(a.name, merger["joining"]) is not None]
    by_stem = {_stem(a.name, merger["continuing"]): a for a in continuing.values()}
    by_parent = {
        (fold(a.central_association), frozenset(f.pk for f in a.fields.all())): a
        for a in continuing.values()
        if a.central_association
    }
    made = {}
    for proposal in Proposal.objects.exclude(status=ProposalStatus.REFUSED).prefetch_related("sources"):
        made[frozenset(s.pk for s in proposal.sources.all())] = proposal
    pairs, alone, taken = [], [], set()
    for association in joining:
        twin = by_stem.get(_stem(association.name, merger["joining"]))
        if twin is None and association.central_association:
            twin = by_parent.get(
                (fold(association.central_association), frozenset(f.pk for f in association.fields.all()))
            )
        if twin is None or twin.pk in taken:
            alone.append(association)
            continue
        taken.add(twin.pk)
        pairs.append(
            ProvincePair(twin, association, f"{twin.name} (mới)", made.get(frozenset((twin.pk, association.pk))))
        )
    return ProvinceMerger(pairs, alone, [a for pk, a in continuing.items() if pk not in taken])


@dataclass
class ProvinceTotals:
    associations_before: int
    associations_after: int
    memberships_before: int
    memberships_after: int
    persons: int  # unique persons across both registries: the same before and after


def province_totals(simulations: list) -> ProvinceTotals:
    """The province before and after the simulated proposals (mergers.simulate.Simulation each)."""
    live = Association.objects.filter(status=Status.ACTIVE)
    open_members = Membership.objects.filter(left_on__isnull=True, association__in=live)
    before = open_members.count()
    folded = sum(
        r.carried.memberships - r.carried.persons + r.carried.already_members for s in simulations for r in s.results
    )
    sources = sum(len(s.sources) for s in simulations)
    results = sum(1 for s in simulations for r in s.plan.results if not r.association_id)
    return ProvinceTotals(
        associations_before=live.count(),
        associations_after=live.count() - sources + results,
        memberships_before=before,
        memberships_after=before - folded,
        persons=open_members.values("person").distinct().count(),
    )
