"""What each role must see first when it logs in: its work, read from the apps that own it. Nothing
depends on this app."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from sohoi.accounts.roles import association_ids_of
from sohoi.conferences.models import Task
from sohoi.conferences.selectors import with_status
from sohoi.conferences.status import TaskStatus
from sohoi.identity.selectors import queue
from sohoi.members.models import IdentityConflict, MemberImport, Membership
from sohoi.mergers.models import Proposal, ProposalStatus
from sohoi.registry import law
from sohoi.registry.models import Association, Status
from sohoi.registry.selectors import upcoming_deadlines
from sohoi.reporting.models import Report, ReportingPeriod, ReportStatus
from sohoi.reporting.selectors import completeness, expected_associations

SHOWN = 10  # rows of each list; the full lists are a link away
RECENT_DAYS = 60  # a period whose due date passed this long ago or less is still "current"


@dataclass
class ReportRow:
    period: ReportingPeriod
    association: Association
    report: Report | None

    @property
    def state(self) -> str:
        return self.report.status if self.report else "missing"


def current_periods(today: dt.date) -> list[ReportingPeriod]:
    """The periods being reported on: due from RECENT_DAYS ago onwards, and already begun."""
    return list(
        ReportingPeriod.objects.select_related("regime")
        .filter(due_on__gte=today - dt.timedelta(days=RECENT_DAYS), starts_on__lte=today)
        .order_by("due_on", "pk")
    )


def _deadlines(user, today: dt.date) -> list:
    rows = upcoming_deadlines(user, today, settings.SOHOI_DEADLINE_HORIZON_DAYS)
    return [(a, d, d.days_left(today)) for a, d in rows[:SHOWN]]


@dataclass
class OfficerHome:
    reports: list[ReportRow]
    tasks: list  # conferences Rows, overdue first
    deadlines: list
    last_import: MemberImport | None


def association_officer_home(user, today: dt.date) -> OfficerHome:
    """The current reports of the officer's associations (returned ones with their comment), the tasks
    they lead and have not finished (overdue first), their deadlines, their last member import."""
    ids = association_ids_of(user)
    rows = []
    periods = current_periods(today)
    for period in periods:
        expected = expected_associations(period).filter(pk__in=ids)
        reports = {r.association_id: r for r in Report.objects.filter(period=period, association__in=ids)}
        rows += [ReportRow(period, a, reports.get(a.pk)) for a in expected]
    returned = Report.objects.filter(association__in=ids, status=ReportStatus.RETURNED).exclude(period__in=periods)
    rows += [ReportRow(r.period, r.association, r) for r in returned.select_related("period__regime", "association")]
    order = {ReportStatus.RETURNED: 0, "missing": 1, ReportStatus.DRAFT: 1, ReportStatus.SUBMITTED: 2}
    rows.sort(key=lambda r: (order.get(r.state, 3), r.period.due_on))
    open_tasks = Task.objects.filter(lead_association__in=ids, confirmed_at__isnull=True).select_related(
        "conference", "lead_association"
    )
    tasks = with_status(open_tasks, today)
    tasks.sort(key=lambda r: (r.status != TaskStatus.OVERDUE, r.task.deadline or dt.date.max, r.task.pk))
    return OfficerHome(
        reports=rows,
        tasks=tasks[:SHOWN],
        deadlines=_deadlines(user, today),
        last_import=MemberImport.objects.filter(association__in=ids).select_related("association").first(),
    )


@dataclass
class ProvinceHome:
    to_review: list[Report]
    to_review_count: int
    to_confirm: list[Task]
    extensions: list[Task]
    pairs: int
    conflicts: int
    proposals: list[Proposal]
    deadlines: list


def province_officer_home(user, today: dt.date) -> ProvinceHome:
    """The work queue: reports submitted and waiting for review, tasks reported done and waiting for
    confirmation, extension requests, persons to review, identity conflicts, proposals waiting for a
    decision, and the province's nearest deadlines."""
    submitted = Report.objects.filter(status=ReportStatus.SUBMITTED).select_related("association", "period__regime")
    tasks = Task.objects.filter(confirmed_at__isnull=True).select_related("lead_association", "lead_department")
    return ProvinceHome(
        to_review=list(submitted.order_by("period__due_on", "pk")[:SHOWN]),
        to_review_count=submitted.count(),
        to_confirm=list(tasks.filter(done_on__isnull=False).order_by("done_on", "pk")[:SHOWN]),
        extensions=list(tasks.filter(requested_deadline__isnull=False).order_by("deadline", "pk")[:SHOWN]),
        pairs=queue(user, None).count(),
        conflicts=IdentityConflict.objects.filter(resolved_at__isnull=True).count(),
        proposals=list(Proposal.objects.filter(status=ProposalStatus.SUBMITTED).order_by("submitted_on", "pk")),
        deadlines=_deadlines(user, today),
    )


@dataclass
class LeaderHome:
    associations: dict  # status label → count, live associations only
    live: int
    memberships: int
    periods: list = field(default_factory=list)  # (period, completeness)
    tasks: dict = field(default_factory=dict)  # status → count
    proposals: int = 0


def leader_home(today: dt.date) -> LeaderHome:
    """The province at a glance: live associations by status, active memberships, the current
    periods' completeness, tasks by status, reorganisation proposals waiting for a decision."""
    by_status = {
        Status(status).label: n
        for status, n in Association.objects.exclude(status__in=law.ENDED)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by("status")
    }
    active = Membership.objects.filter(joined_on__lte=today).filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
    tasks: dict = {}
    for row in with_status(Task.objects.all(), today):
        tasks[row.status] = tasks.get(row.status, 0) + 1
    return LeaderHome(
        associations=by_status,
        live=sum(by_status.values()),
        memberships=active.count(),
        periods=[(p, completeness(p)) for p in current_periods(today)],
        tasks={TaskStatus(k).label: v for k, v in sorted(tasks.items())},
        proposals=Proposal.objects.filter(status=ProposalStatus.SUBMITTED).count(),
    )
