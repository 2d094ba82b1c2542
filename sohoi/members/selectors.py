"""Reads of the member registry. Scope comes from the registry's association selectors."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.http import Http404

from sohoi.accounts.models import Role
from sohoi.accounts.roles import role_of
from sohoi.core.calendar import add_years
from sohoi.core.text import fold, prefix_range
from sohoi.members.eligibility import age_on, eligibility_problem
from sohoi.members.models import EligibilityRule, IdentityConflict, Membership, MembershipStatus
from sohoi.people.cccd import normalise
from sohoi.people.ethnicity import NAMES
from sohoi.people.models import Person
from sohoi.registry.models import AssociationLink, LegalEvent, LineageRole
from sohoi.registry.selectors import association_list_for_user

# Age bands of the figures and filters: (key, lowest age, highest age).
AGE_BANDS = [("u30", 0, 29), ("30-59", 30, 59), ("60-69", 60, 69), ("70-79", 70, 79), ("80+", 80, 200)]


def with_status(qs: QuerySet[Membership], today: dt.date) -> QuerySet[Membership]:
    """Status from the dates, computed on the day it is read."""
    return qs.annotate(
        status=Case(
            When(left_on__isnull=False, left_on__lte=today, then=Value(MembershipStatus.ENDED)),
            When(joined_on__gt=today, then=Value(MembershipStatus.FUTURE)),
            default=Value(MembershipStatus.ACTIVE),
            output_field=CharField(),
        )
    )


def active_on(qs: QuerySet[Membership], day: dt.date) -> QuerySet[Membership]:
    return qs.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


def joined_between(qs: QuerySet[Membership], start: dt.date, end: dt.date) -> QuerySet[Membership]:
    """Who joined in [start, end]. A membership that ended the day it began (a second record of a
    person who was a member already, ended when the two records were merged) was no day a membership:
    it is no joining; nor is one a reorganisation carried on from a predecessor (a member since
    earlier, sohoi.members.carry)."""
    return (
        qs.filter(joined_on__range=(start, end))
        .exclude(left_on=F("joined_on"))
        .exclude(member_since__lt=F("joined_on"))
    )


def left_between(qs: QuerySet[Membership], start: dt.date, end: dt.date) -> QuerySet[Membership]:
    """Who left in [start, end], but for a membership that ended the day it began (see joined_between)
    and one a reorganisation carried on to its result: that member did not leave."""
    return qs.filter(left_on__range=(start, end)).exclude(left_on=F("joined_on")).exclude(carried_to__isnull=False)


def age_band_range(band: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """Birth dates (inclusive) of the people whose age today falls in `band`."""
    low, high = next((lo, hi) for key, lo, hi in AGE_BANDS if key == band)
    return add_years(today, -(high + 1)) + dt.timedelta(days=1), add_years(today, -low)


def member_search(
    qs: QuerySet[Membership],
    *,
    today: dt.date,
    q: str = "",
    status: str = "",
    sex: str = "",
    age_band: str = "",
    ethnicity: str = "",
    commune=None,
    member_type: str = "",
    branch=None,
) -> QuerySet[Membership]:
    """Filter memberships; `q` is a CCCD (exact) or a name with or without diacritics."""
    if q:
        number = normalise(q)
        if number.isdigit():
            # Resolve the person first: the CCCD index answers at once, whatever the association's size.
            ids = list(Person.objects.filter(cccd=number.zfill(12)).values_list("id", flat=True))
            qs = qs.filter(person_id__in=ids)
        else:
            # The beginning of the full name ("nguyen thi l…") or of the given name ("lan…"): both are
            # index ranges, so a search answers in milliseconds among a million members.
            low, high = prefix_range(fold(q))
            qs = qs.filter(
                Q(person__name_folded__gte=low, person__name_folded__lt=high)
                | Q(person__given_folded__gte=low, person__given_folded__lt=high)
            )
    if status == MembershipStatus.ACTIVE:
        qs = active_on(qs, today)
    elif status == MembershipStatus.ENDED:
        qs = qs.filter(left_on__lte=today)
    if sex:
        qs = qs.filter(person__sex=sex)
    if age_band:
        start, end = age_band_range(age_band, today)
        qs = qs.filter(person__birth_date__range=(start, end))
    if ethnicity:
        qs = qs.filter(person__ethnicity=ethnicity)
    if commune:
        qs = qs.filter(person__address_commune=commune)
    if member_type:
        qs = qs.filter(member_type=member_type)
    if branch:
        qs = qs.filter(branch=branch)
    return with_status(qs, today).select_related("person", "branch").order_by("person__name_folded", "id")


def province_memberships(user) -> QuerySet[Membership]:
    """Every membership of the associations the user may see (the province's figures)."""
    return Membership.objects.filter(association__in=association_list_for_user(user))


def membership_list(association) -> QuerySet[Membership]:
    """The memberships of an association the caller already got through the scoped selector."""
    return Membership.objects.filter(association=association)


def membership_get(association, pk: int) -> Membership:
    try:
        return Membership.objects.select_related("person").get(association=association, pk=pk)
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def person_get_for_user(user, pk: int) -> tuple[Person, QuerySet[Membership]]:
    """A person and the memberships the user may see; 404 when the user may see none of them."""
    visible = association_list_for_user(user)
    memberships = (
        Membership.objects.filter(person_id=pk, association__in=visible)
        .select_related("association", "branch")
        .order_by("-joined_on")
    )
    if role_of(user) not in (Role.PROVINCE_OFFICER, Role.LEADER) and not memberships.exists():
        raise Http404
    try:
        return Person.objects.select_related("address_commune").get(pk=pk), memberships
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def eligibility_violations(association, today: dt.date) -> list[tuple[Membership, str]]:
    """Current members whose age at joining breaks the association's rule (e.g. a rule added later)."""
    rule = EligibilityRule.objects.filter(association=association).first()
    if rule is None:
        return []
    members = active_on(membership_list(association), today)
    if rule.effective_from is not None:  # who joined before the rule was in force is not judged by it
        members = members.filter(joined_on__gte=rule.effective_from)
    rows = []
    for membership in members.select_related("person"):
        problem = eligibility_problem(
            rule,
            birth_date=membership.person.birth_date,
            precision=membership.person.birth_precision,
            joined_on=membership.joined_on,
            exception=membership.eligibility_exception,
        )
        if problem:
            rows.append((membership, problem))
    return rows


@dataclass
class Figures:
    memberships: int
    persons: int
    joined: int
    left: int
    by_sex: list
    by_age: list
    by_ethnicity: list
    by_commune: list


def member_figures(memberships: QuerySet[Membership], *, start: dt.date, end: dt.date) -> Figures:
    """Figures on `end`: memberships (lượt) vs unique persons (người), joined and left in
    [start, end], and the active members by sex, age band, ethnicity and commune."""
    active = active_on(memberships, end)
    by_age = []
    for key, _low, _high in AGE_BANDS:
        first, last = age_band_range(key, end)
        by_age.append((key, active.filter(person__birth_date__range=(first, last)).count()))
    by_age.append(("?", active.filter(person__birth_date__isnull=True).count()))
    return Figures(
        memberships=active.count(),
        persons=active.values("person").distinct().count(),
        joined=joined_between(memberships, start, end).count(),
        left=left_between(memberships, start, end).count(),
        by_sex=list(active.values_list("person__sex").annotate(n=Count("id")).order_by("person__sex")),
        by_age=by_age,
        by_ethnicity=[
            (NAMES.get(code, ""), n)
            for code, n in active.values_list("person__ethnicity").annotate(n=Count("id")).order_by("-n")
        ],
        by_commune=list(active.values_list("person__address_commune__name").annotate(n=Count("id")).order_by("-n")),
    )


@dataclass
class PredecessorFigures:
    """An association formed (or enlarged) by a reorganisation after the first day of a period: its
    predecessors' active members on that day, added up ("so với tổng của các hội hợp nhất")."""

    day: dt.date
    event_on: dt.date
    rows: list  # (association, active memberships on `day`), the association itself first when it had any
    memberships: int
    persons: int  # each person once, however many of the predecessors they were a member of


def predecessor_figures(association, *, start: dt.date) -> PredecessorFigures | None:
    """The members of the association's predecessors on `start`, when a reorganisation that made or
    enlarged it took effect after `start`; else None. Counts only: no person is shown. Three queries."""
    links = list(AssociationLink.objects.filter(successor=association).select_related("predecessor").order_by("pk"))
    if not links:
        return None
    event_on = (
        LegalEvent.objects.filter(
            association=association,
            lineage_role=LineageRole.TARGET,
            decision__in=[link.decision_id for link in links],
        )
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if event_on is None or event_on <= start:
        return None
    ids = [association.pk] + [link.predecessor_id for link in links]
    active = active_on(Membership.objects.filter(association__in=ids), start)
    counts = dict(active.values_list("association").annotate(n=Count("id")))
    rows = [(association, counts[association.pk])] if counts.get(association.pk) else []
    rows += [(link.predecessor, counts.get(link.predecessor_id, 0)) for link in links]
    return PredecessorFigures(
        day=start,
        event_on=event_on,
        rows=rows,
        memberships=sum(counts.values()),
        persons=active.values("person").distinct().count(),
    )


def age_today(person: Person, today: dt.date) -> int | None:
    return age_on(person.birth_date, person.birth_precision, today) if person.birth_date else None


def identity_conflicts(*, resolved: bool) -> QuerySet:
    """The province officers' queue of identity conflicts, newest first."""
    return IdentityConflict.objects.filter(resolved_at__isnull=not resolved).select_related(
        "person", "association", "member_import", "created_by", "resolved_by"
    )


def merged_into(person_pk: int) -> int | None:
    """The person a duplicate record was merged into, or None."""
    return Person.objects.filter(pk=person_pk).values_list("merged_into_id", flat=True).first()


def person_editable_by(user, person: Person, memberships) -> bool:
    """Province officers; an association officer for a person who is a member of their association."""
    if role_of(user) == Role.PROVINCE_OFFICER:
        return True
    return any(user.has_perm("members.manage_members", m.association) for m in memberships)
