"""Reads for the review queue, scoped by user."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from sohoi.accounts.models import Role
from sohoi.accounts.roles import association_ids_of, role_of
from sohoi.identity.models import CandidatePair, Decision, MatchRun, PersonMerge
from sohoi.members.models import Membership

OPEN = (Decision.PROPOSED, Decision.PENDING, Decision.UNSURE)


def pairs_for_user(user) -> QuerySet[CandidatePair]:
    """Province officers: every pair. An association officer: the pairs whose two persons are both
    (current or past) members of one of their associations. Anyone else: none."""
    qs = CandidatePair.objects.select_related("person_a", "person_b")
    role = role_of(user)
    if role == Role.PROVINCE_OFFICER:
        return qs
    if role != Role.ASSOCIATION_OFFICER:
        return qs.none()
    mine = association_ids_of(user)
    return qs.filter(
        Exists(Membership.objects.filter(person=OuterRef("person_a"), association_id__in=mine)),
        Exists(Membership.objects.filter(person=OuterRef("person_b"), association_id__in=mine)),
    )


def queue(user, decision: str | None) -> QuerySet[CandidatePair]:
    qs = pairs_for_user(user)
    return qs.filter(decision=decision) if decision else qs.filter(decision__in=OPEN)


def pair_get_for_user(user, pk: int) -> CandidatePair:
    try:
        return pairs_for_user(user).get(pk=pk)
    except CandidatePair.DoesNotExist as exc:
        raise Http404 from exc


def memberships_of(person, user) -> QuerySet[Membership]:
    """The person's memberships the user may see."""
    qs = Membership.objects.filter(person=person).select_related("association", "branch").order_by("-joined_on")
    if role_of(user) == Role.PROVINCE_OFFICER:
        return qs
    return qs.filter(association_id__in=association_ids_of(user))


def runs() -> QuerySet[MatchRun]:
    return MatchRun.objects.select_related("created_by")


def merges() -> QuerySet[PersonMerge]:
    return PersonMerge.objects.select_related("survivor", "alias", "by", "undone_by")
