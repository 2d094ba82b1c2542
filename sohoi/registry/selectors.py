"""Reads of the registry, scoped by who asks. Every view gets its associations from here."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from sohoi.accounts.models import Role
from sohoi.accounts.roles import association_ids_of, role_of
from sohoi.core.text import fold
from sohoi.registry import law
from sohoi.registry.models import (
    Association,
    AssociationLink,
    Branch,
    LeadershipRole,
    LegalEvent,
    LineageRole,
    Status,
    Term,
)


def association_list_for_user(user) -> QuerySet[Association]:
    """Province officers and leaders see every association; an association officer only theirs;
    anyone else none (the public directory has its own selector)."""
    qs = Association.objects.all()
    role = role_of(user)
    if role in (Role.PROVINCE_OFFICER, Role.LEADER):
        return qs
    if role == Role.ASSOCIATION_OFFICER:
        return qs.filter(id__in=association_ids_of(user))
    return qs.none()


def association_get_for_user(user, pk: int) -> Association:
    """The association, or 404 when it does not exist or lies outside the user's scope."""
    try:
        return association_list_for_user(user).select_related("hq_commune").get(pk=pk)
    except Association.DoesNotExist as exc:
        raise Http404 from exc


def association_get_for_action(user, pk: int, perm: str) -> Association:
    """The association (404 outside the user's scope), on which the user has `perm` (else 403)."""
    association = association_get_for_user(user, pk)
    if not user.has_perm(perm, association):
        raise PermissionDenied
    return association


def association_public_list() -> QuerySet[Association]:
    """The public directory: associations that exist legally, without any personal data."""
    return Association.objects.exclude(status=Status.PROPOSED)


def association_search(
    qs: QuerySet[Association], *, q: str = "", field=None, scope: str = "", status: str = "", assigned: str = ""
) -> QuerySet[Association]:
    """Filter a list; `q` matches name or abbreviation with or without diacritics."""
    if q:
        folded = fold(q)
        qs = qs.filter(Q(name_folded__contains=folded) | Q(abbreviation__icontains=q.strip()))
    if field:
        qs = qs.filter(fields=field)
    if scope:
        qs = qs.filter(scope_level=scope)
    if status:
        qs = qs.filter(status=status)
    if assigned in ("yes", "no"):
        qs = qs.filter(is_assigned_tasks=(assigned == "yes"))
    return qs.select_related("hq_commune").prefetch_related("fields").distinct()


def association_timeline(association: Association) -> QuerySet[LegalEvent]:
    return association.events.select_related("decision").order_by("-occurred_on", "-id")


def association_terms(association: Association) -> QuerySet[Term]:
    return association.terms.select_related("congress__decision").prefetch_related(
        Prefetch("leaders", queryset=LeadershipRole.objects.select_related("person"))
    )


def association_branches(association: Association) -> QuerySet[Branch]:
    return association.branches.select_related("commune", "head", "deputy").order_by("closed_on", "name")


def branch_get(association: Association, pk: int) -> Branch:
    """A branch of an association the caller already got through its scoped selector."""
    try:
        return association.branches.get(pk=pk)
    except Branch.DoesNotExist as exc:
        raise Http404 from exc


def association_deadlines(association: Association, today: dt.date) -> list[law.Deadline]:
    return deadlines_for_many([association], today)[association.pk]


def deadlines_for_many(associations, today: dt.date) -> dict[int, list[law.Deadline]]:
    """Deadlines of several associations in three queries whatever their number."""
    ids = [a.pk for a in associations]
    term_ends = {}
    for association_id, ends_on in (
        Term.objects.filter(association_id__in=ids).order_by("number").values_list("association_id", "ends_on")
    ):
        term_ends[association_id] = ends_on
    suspended_until = {}
    reorganised_on = {}
    for event in (
        LegalEvent.objects.filter(association_id__in=ids)
        .order_by("occurred_on", "id")
        .only("association_id", "kind", "ends_on", "lineage_role", "decision__issued_on")
        .select_related("decision")
    ):
        if event.kind == "suspension":
            suspended_until[event.association_id] = event.ends_on
        if event.lineage_role == LineageRole.TARGET and event.kind in law.TARGET_STATUS_AFTER:
            reorganised_on[event.association_id] = event.decision.issued_on
    return {
        a.pk: law.deadlines_for(
            status=a.status,
            current_term_end=term_ends.get(a.pk),
            suspended_until=suspended_until.get(a.pk),
            permitted_by_reorganisation_on=reorganised_on.get(a.pk),
            today=today,
        )
        for a in associations
    }


def upcoming_deadlines(user, today: dt.date, horizon_days: int) -> list[tuple[Association, law.Deadline]]:
    """Every deadline of the user's associations due within the horizon or already passed, soonest first."""
    associations = list(association_list_for_user(user).exclude(status__in=law.ENDED))
    by_association = deadlines_for_many(associations, today)
    limit = today + dt.timedelta(days=horizon_days)
    rows = [
        (association, deadline)
        for association in associations
        for deadline in by_association[association.pk]
        if deadline.due <= limit
    ]
    return sorted(rows, key=lambda row: (row[1].due, row[0].name_folded))


@dataclass
class LineageNode:
    association: Association
    x: int
    y: int
    lines: list[tuple[int, str]]  # the name, wrapped: (y, text)
    current: bool


@dataclass
class LineageEdge:
    link: AssociationLink
    x1: int
    y1: int
    x2: int
    y2: int

    @property
    def label_x(self) -> int:
        return (self.x1 + self.x2) // 2

    @property
    def label_y(self) -> int:
        return (self.y1 + self.y2) // 2 - 6


@dataclass
class Lineage:
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    width: int
    height: int


NODE_W, NODE_H, GAP_X, GAP_Y = 280, 64, 180, 24


def _wrap(name: str, width: int = 36) -> list[str]:
    lines, line = [], ""
    for word in name.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line][:3]


def lineage(association: Association) -> Lineage:
    """Every association linked to this one through reorganisations, however far back or forward, laid
    out in columns by generation (a predecessor always left of its successor), each edge with its kind
    and decision. Two queries a generation."""
    seen, frontier, links = {association.pk}, {association.pk}, {}
    while frontier:
        found = AssociationLink.objects.filter(Q(predecessor__in=frontier) | Q(successor__in=frontier)).select_related(
            "decision", "predecessor", "successor"
        )
        frontier = set()
        for link in found:
            links[link.pk] = link
            for pk in (link.predecessor_id, link.successor_id):
                if pk not in seen:
                    seen.add(pk)
                    frontier.add(pk)
    associations = Association.objects.in_bulk(seen)
    depth = dict.fromkeys(seen, 0)
    for _ in range(len(seen)):  # longest path from a root: at most one pass a generation
        changed = False
        for link in links.values():
            if depth[link.successor_id] < depth[link.predecessor_id] + 1:
                depth[link.successor_id] = depth[link.predecessor_id] + 1
                changed = True
        if not changed:
            break
    for _ in range(len(seen)):  # then each as close to its successors as it can stand: next to the nearest
        changed = False
        for pk in seen:
            later = [depth[k.successor_id] for k in links.values() if k.predecessor_id == pk]
            if later and depth[pk] < min(later) - 1:
                depth[pk] = min(later) - 1
                changed = True
        if not changed:
            break
    columns: dict[int, list[Association]] = {}
    for pk, d in depth.items():
        columns.setdefault(d, []).append(associations[pk])
    position = {}
    for d, members in columns.items():
        for row, a in enumerate(sorted(members, key=lambda a: a.name_folded)):
            position[a.pk] = (20 + d * (NODE_W + GAP_X), 20 + row * (NODE_H + GAP_Y))
    nodes = [
        LineageNode(
            associations[pk],
            x,
            y,
            [(y + 18 + 14 * i, line) for i, line in enumerate(_wrap(associations[pk].name))],
            pk == association.pk,
        )
        for pk, (x, y) in position.items()
    ]
    edges = []
    for link in sorted(links.values(), key=lambda k: k.pk):
        (x1, y1), (x2, y2) = position[link.predecessor_id], position[link.successor_id]
        edges.append(LineageEdge(link, x1 + NODE_W, y1 + NODE_H // 2, x2, y2 + NODE_H // 2))
    tallest = max(len(members) for members in columns.values())
    return Lineage(
        nodes=sorted(nodes, key=lambda n: (n.x, n.y)),
        edges=edges,
        width=40 + len(columns) * NODE_W + (len(columns) - 1) * GAP_X,
        height=40 + tallest * NODE_H + (tallest - 1) * GAP_Y,
    )
