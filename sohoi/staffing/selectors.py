"""Reads of the staffing module: quota against actual, staff lists, training gaps, retirements ahead."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sohoi.registry.models import Association, Status
from sohoi.registry.selectors import association_list_for_user
from sohoi.staffing.law import Retirement, retirement
from sohoi.staffing.models import Attendance, QuotaDecision, Staff, StaffKind, TrainingRequirement

ENDED = [Status.CEASED, Status.DISSOLVED, Status.PROPOSED]


def working_on(staff: QuerySet[Staff], day: dt.date) -> QuerySet[Staff]:
    return staff.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


@dataclass
class QuotaRow:
    association: Association
    decision: QuotaDecision | None
    quota: int | None
    within: int
    contract: int
    retired: int

    @property
    def vacancies(self) -> int:
        return max((self.quota or 0) - self.within, 0)

    @property
    def over(self) -> int:
        return max(self.within - (self.quota or 0), 0) if self.quota is not None else 0


def quota_table(user, year: int, on: dt.date) -> list[QuotaRow]:
    """Per association the user sees (assigned tasks and alive, or with a quota or staff): the year's quota (the
    latest decision) against the staff working on `on` — within the quota, on contract, retired cadres."""
    associations = (
        association_list_for_user(user)
        .filter((Q(is_assigned_tasks=True) & ~Q(status__in=ENDED)) | Q(quotas__year=year) | Q(staff__isnull=False))
        .distinct()
    )
    decisions = {}
    for decision in QuotaDecision.objects.filter(year=year).order_by("issued_on", "id"):
        decisions[decision.association_id] = decision  # the latest wins
    counts: dict[tuple[int, str], int] = {}
    for association_id, kind in working_on(Staff.objects.all(), on).values_list("association_id", "kind"):
        counts[(association_id, kind)] = counts.get((association_id, kind), 0) + 1
    rows = []
    for association in associations.order_by("name_folded"):
        decision = decisions.get(association.pk)
        rows.append(
            QuotaRow(
                association,
                decision,
                decision.quota if decision else None,
                counts.get((association.pk, StaffKind.QUOTA), 0),
                counts.get((association.pk, StaffKind.CONTRACT), 0),
                counts.get((association.pk, StaffKind.RETIRED), 0),
            )
        )
    return rows


def staff_list(association, *, current_only: bool = True) -> QuerySet[Staff]:
    staff = Staff.objects.filter(association=association).select_related("person", "transfer")
    return staff.filter(ends_on__isnull=True) if current_only else staff


def staff_visible(user) -> QuerySet[Staff]:
    return Staff.objects.filter(association__in=association_list_for_user(user)).select_related("person", "association")


@dataclass
class Gap:
    staff: Staff
    missing: list[str]  # labels of the course kinds not yet attended


def training_gaps(user) -> list[Gap]:
    """Current staff who have not attended the kinds of training their position requires."""
    required: dict[str, list] = {}
    for requirement in TrainingRequirement.objects.all():
        required.setdefault(requirement.position, []).append(requirement)
    staff = list(staff_visible(user).filter(ends_on__isnull=True).order_by("association__name_folded", "id"))
    attended: dict[int, set[str]] = {}
    for person_id, kind in Attendance.objects.filter(person__in=[s.person_id for s in staff]).values_list(
        "person_id", "course__kind"
    ):
        attended.setdefault(person_id, set()).add(kind)
    gaps = []
    for s in staff:
        missing = [
            r.get_kind_display() for r in required.get(s.position, []) if r.kind not in attended.get(s.person_id, set())
        ]
        if missing:
            gaps.append(Gap(s, missing))
    return gaps


@dataclass
class Ahead:
    staff: Staff
    retirement: Retirement


def retirements_ahead(user, today: dt.date, months: int) -> list[Ahead]:
    """Current staff of working age (not retired cadres) who retire within `months` months of `today`."""
    index = today.year * 12 + today.month - 1 + months
    horizon = dt.date(index // 12, index % 12 + 1, 1)
    rows = []
    for s in staff_visible(user).filter(ends_on__isnull=True).exclude(kind=StaffKind.RETIRED):
        if s.person.birth_date is None:
            continue
        r = retirement(s.person.sex, s.person.birth_date)
        if r and today <= r.last_day < horizon:
            rows.append(Ahead(s, r))
    return sorted(rows, key=lambda a: a.retirement.last_day)
