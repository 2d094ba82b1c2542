"""A proposal simulated on the registry as it is, before anything changes: what each result would
hold (members as unique persons, branches by commune, staff against the combined quota, open tasks,
report obligations), its interim leadership against the leader rules, the congress deadline, and the
result's figures for the last periods as if it had existed (the predecessors' totals). Reads only;
the same plan (mergers.plan) and the same membership SQL (members.carry) as the execution."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sohoi.conferences.models import Task
from sohoi.core.text import fold, parse_whole_number
from sohoi.members.carry import Carried, carried_figures
from sohoi.members.models import Membership
from sohoi.mergers.plan import Plan, plan_for
from sohoi.people.models import Person
from sohoi.registry import law
from sohoi.registry.models import Association, Branch
from sohoi.reporting.models import Report, ReportingPeriod, ReportingRegime, ReportStatus
from sohoi.staffing.leaders import interim_warnings
from sohoi.staffing.models import Staff
from sohoi.staffing.services import combined_quota

# The report indicators shown across lineage.
FIGURES = {
    "members": _("members"),
    "new_members": _("new members"),
    "women": _("women members"),
    "branches": _("branches"),
}


@dataclass
class BranchLine:
    commune: str
    before: list[Branch]  # the sources' branches there (and a merger's receiving association's)
    after: str  # the branch the result keeps there


@dataclass
class ResultSimulation:
    name: str
    members: int  # unique persons
    carried: Carried
    existing_members: int  # a merger's receiving association's own open members
    branches: list[BranchLine]
    conflicts: list[tuple[Person, str]]


@dataclass
class SourceLine:
    association: Association
    members: int
    branches: int
    staff: int


@dataclass
class PastFigures:
    period: ReportingPeriod
    totals: dict[str, int]
    reported_by: list[str]  # the predecessors whose accepted reports are added up

    @property
    def values(self) -> list[int]:
        return [self.totals[code] for code in FIGURES]


@dataclass
class Simulation:
    plan: Plan
    sources: list[SourceLine]
    results: list[ResultSimulation]
    staff: int
    quota: int | None
    quota_year: int
    leader_warnings: list[str]
    tasks: list[Task]
    regimes: list[ReportingRegime]
    congress_due: dt.date | None
    decision_due: dt.date | None
    past: list[PastFigures] = field(default_factory=list)

    @property
    def members_before(self) -> int:
        return sum(s.members for s in self.sources)

    @property
    def members_after(self) -> int:
        return sum(r.members for r in self.results)


def simulate(proposal) -> Simulation:
    plan = plan_for(proposal)
    sources = plan.source_ids
    existing = {r.pk: r.association_id for r in plan.results if r.association_id}
    figures = carried_figures(sources, plan.routes, existing)
    open_members = Membership.objects.filter(left_on__isnull=True)
    people = Person.objects.in_bulk([p for f in figures.values() for p, _what in f.conflicts[:20]])
    results = []
    for result in plan.results:
        carried = figures.get(result.pk, Carried())
        own = open_members.filter(association_id=result.association_id).count() if result.association_id else 0
        results.append(
            ResultSimulation(
                name=str(result),
                members=own + carried.persons - carried.already_members,
                carried=carried,
                existing_members=own,
                branches=_branch_lines(plan, result),
                conflicts=[(people[p], what) for p, what in carried.conflicts[:20]],
            )
        )
    staff = Staff.objects.filter(association_id__in=sources, ends_on__isnull=True)
    day = proposal.effective_on or proposal.decision_date or timezone.localdate()
    lines = [
        SourceLine(
            a,
            open_members.filter(association=a).count(),
            sum(b.association_id == a.pk for b in plan.branches),
            staff.filter(association=a).count(),
        )
        for a in plan.sources
    ]
    return Simulation(
        plan=plan,
        sources=lines,
        results=results,
        staff=staff.count(),
        quota=combined_quota(sources, day.year),
        quota_year=day.year,
        leader_warnings=interim_warnings(
            [(leader.person, leader.position) for leader in proposal.interim_leaders.select_related("person")],
            day,
            any(a.is_assigned_tasks for a in plan.sources),
        ),
        tasks=list(
            Task.objects.filter(lead_association_id__in=sources, confirmed_at__isnull=True)
            .select_related("lead_association")
            .order_by("deadline", "pk")
        ),
        regimes=list(ReportingRegime.objects.filter(associations__in=sources).distinct().order_by("title")),
        congress_due=law.new_association_congress_due(proposal.decision_date) if proposal.decision_date else None,
        decision_due=law.reorganisation_decision_due(proposal.submitted_on) if proposal.submitted_on else None,
        past=past_figures(plan.sources),
    )


def _branch_lines(plan: Plan, result) -> list[BranchLine]:
    """The result's branches by commune: which branches of the sources meet there, which one is kept."""
    going = [b for b in plan.branches if plan.routes.get(b.pk) == result.pk]
    receiving = (
        list(Branch.objects.filter(association=result.association_id, closed_on__isnull=True).select_related("commune"))
        if result.association_id
        else []
    )
    by_commune: dict[str, list[Branch]] = {}
    for branch in [*receiving, *going]:
        by_commune.setdefault(branch.commune.name if branch.commune_id else "—", []).append(branch)
    lines = []
    for commune, branches in sorted(by_commune.items(), key=lambda item: fold(item[0])):
        kept = [b for b in branches if b.pk not in plan.into]
        for branch in kept:
            lines.append(
                BranchLine(
                    commune,
                    [branch, *[b for b in branches if plan.into.get(b.pk) == branch.pk]],
                    plan.renames.get(branch.pk) or branch.name,
                )
            )
    return lines


def past_figures(predecessors: list[Association], periods: int = 2) -> list[PastFigures]:
    """The last `periods` periods in which the predecessors' reports were accepted, with the figures
    added up — the result's figures as if it had existed."""
    reports = Report.objects.filter(association__in=predecessors, status=ReportStatus.ACCEPTED)
    chosen = list(
        ReportingPeriod.objects.filter(reports__in=reports)
        .distinct()
        .select_related("regime")
        .order_by("-ends_on", "pk")[:periods]
    )
    out = []
    for period in chosen:
        totals = dict.fromkeys(FIGURES, 0)
        names = []
        for report in reports.filter(period=period).select_related("association").order_by("association__name_folded"):
            names.append(report.association.name)
            for code in FIGURES:
                totals[code] += _number(report.values.get(code))
        out.append(PastFigures(period, totals, names))
    return out


def _number(value) -> int:
    return parse_whole_number(value) or 0
