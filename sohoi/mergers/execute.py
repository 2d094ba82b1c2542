"""An approved proposal carried out, in one transaction, on its decision (Decree 126/2024 Art 32):

1. results — the new associations the plan names are registered;
2. events — the legal event on every side (registry.services.legal_event_record), lineage links;
3. branches — re-parented, renamed or merged as the plan says (registry);
4. memberships — carried with their history and provenance (members.carry);
5. staff — each open record continued at the result, the quota added up (staffing);
6. accounts — officers of the sources serve the result (accounts);
7. tasks — open tasks the sources lead passed to the result, with a history line (conferences);
8. reports — regimes that name the sources name the result (reporting).

Each stage is one function and asks the app that owns the rows to write them. Nothing is deleted.
Any failure leaves everything as it was; a proposal carried out already is left alone.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.accounts.services import officers_rescope
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.conferences.services import tasks_reassign
from sohoi.core.errors import ApplicationError
from sohoi.members.carry import memberships_carry
from sohoi.members.models import Membership
from sohoi.mergers.models import BatchRun, Proposal, ProposalKind, ProposalStatus, RunStatus
from sohoi.mergers.plan import Plan, plan_for
from sohoi.registry import services as registry
from sohoi.registry.models import Association, EventKind, LegalEvent, LineageRole
from sohoi.reporting.services import obligations_carry
from sohoi.staffing.services import quota_carry, staff_carry


@dataclass
class Run:
    proposal: Proposal
    plan: Plan
    by: object
    associations: dict[int, Association] = field(default_factory=dict)  # ProposalResult id → association
    events: dict[int, int] = field(default_factory=dict)  # source id → its legal event
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def day(self):
        return self.proposal.effective_on

    @property
    def first(self) -> Association:
        return self.associations[self.plan.first.pk]

    @property
    def reason(self) -> str:
        return f"{EventKind(self.proposal.kind).label}: {self.proposal.decision_number}"


def proposal_execute(*, proposal: Proposal, by) -> Proposal:
    """Carry out an approved proposal. Returns it executed; one executed already is returned as it is."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status == ProposalStatus.EXECUTED:
            return proposal
        if proposal.status != ProposalStatus.APPROVED:
            raise ApplicationError(_("Only an approved proposal can be carried out: record the decision first."))
        run = Run(proposal, plan_for(proposal), by)
        for stage in STAGES:
            stage(run)
        proposal.status, proposal.executed_at = ProposalStatus.EXECUTED, timezone.now()
        proposal.executed_figures = run.figures
        proposal.save(update_fields=["status", "executed_at", "executed_figures", "updated_at"])
        audit_log(
            actor=by,
            action=Action.EVENT,
            obj=proposal,
            note=", ".join(f"{key}: {value}" for key, value in run.figures.items()),
        )
    return proposal


def create_results(run: Run) -> None:
    """The new associations the plan names, registered "being founded" with the first source's field,
    agency and texts (the decision permits them in the next stage)."""
    first = run.plan.sources[0]
    fields = sorted({f for a in run.plan.sources for f in a.fields.all()}, key=lambda f: f.pk)
    for result in run.plan.results:
        if result.association_id:
            run.associations[result.pk] = result.association
            continue
        association = registry.association_create(
            by=run.by,
            fields=fields,
            name=result.name,
            abbreviation=result.abbreviation,
            scope_level=first.scope_level,
            managing_agency=first.managing_agency,
            is_assigned_tasks=any(a.is_assigned_tasks for a in run.plan.sources),
            hq_commune=result.hq_commune or first.hq_commune,
            hq_street=result.hq_street if result.hq_commune else first.hq_street,
            purpose=first.purpose,
            functions=first.functions,
            tasks=first.tasks,
            central_association=first.central_association,
            term_years=first.term_years,
        )
        result.association = association
        result.save(update_fields=["association"])
        run.associations[result.pk] = association


def record_events(run: Run) -> None:
    p = run.proposal
    sources = run.plan.sources
    event = registry.legal_event_record(
        association=sources[0],
        data=registry.EventData(
            kind=p.kind,
            occurred_on=p.effective_on,
            decision=registry.DecisionData(
                number=p.decision_number,
                issued_on=p.decision_date,
                authority=p.decision_authority,
                signer=p.decision_signer,
            ),
            note=p.title,
            other_sources=sources[1:],
            targets=list(run.associations.values()),
        ),
        by=run.by,
    )
    run.events = dict(
        LegalEvent.objects.filter(decision=event.decision, lineage_role=LineageRole.SOURCE).values_list(
            "association_id", "pk"
        )
    )


def carry_branches(run: Run) -> None:
    plan = run.plan
    moves = {b: run.associations[r] for b, r in plan.routes.items() if b is not None and b not in plan.into}
    merged = {b: kept for b, kept in plan.into.items() if b in plan.routes}
    registry.branches_carry(
        moves={b: a.pk for b, a in moves.items()},
        renames=plan.renames,
        merged=merged,
        day=run.day,
        note=run.reason,
        by=run.by,
    )
    run.figures["branches"] = len(moves)
    run.figures["branches_merged"] = len(merged)


def carry_memberships(run: Run) -> None:
    run.figures["memberships"] = memberships_carry(
        sources=run.plan.source_ids,
        routes={b: run.associations[r].pk for b, r in run.plan.routes.items()},
        into={b: kept for b, kept in run.plan.into.items() if b in run.plan.routes},
        events=run.events,
        day=run.day,
        reason=run.reason,
    )


def carry_staff(run: Run) -> None:
    if run.proposal.kind == ProposalKind.SEPARATION:
        return  # the source continues with its staff; the new association recruits its own
    run.figures["staff"] = staff_carry(
        sources=run.plan.source_ids, to=run.first, day=run.day, reason=run.reason, by=run.by
    )
    if run.first.is_assigned_tasks:
        p = run.proposal
        quota_carry(
            sources=run.plan.source_ids,
            to=run.first,
            year=run.day.year,
            number=p.decision_number,
            issued_on=p.decision_date,
            authority=p.decision_authority,
            by=run.by,
        )


def carry_accounts(run: Run) -> None:
    if run.proposal.kind == ProposalKind.SEPARATION:
        return
    run.figures["accounts"] = officers_rescope(
        sources=run.plan.source_ids, to=list(run.associations.values()), note=run.reason, by=run.by
    )


def carry_tasks(run: Run) -> None:
    if run.proposal.kind == ProposalKind.SEPARATION:
        return
    run.figures["tasks"] = tasks_reassign(sources=run.plan.source_ids, to=run.first, note=run.reason, by=run.by)


def carry_reports(run: Run) -> None:
    run.figures["regimes"] = obligations_carry(
        sources=run.plan.source_ids, to=list(run.associations.values()), by=run.by
    )


STAGES = (
    create_results,
    record_events,
    carry_branches,
    carry_memberships,
    carry_staff,
    carry_accounts,
    carry_tasks,
    carry_reports,
)


def batch_execute(*, proposals, by) -> int:
    """Carry out every approved proposal of a batch together: all of them, or — on any failure — none."""
    approved = Proposal.objects.filter(pk__in=[p.pk for p in proposals], status=ProposalStatus.APPROVED)
    approved = list(approved.order_by("pk"))
    with transaction.atomic():
        for proposal in approved:
            proposal_execute(proposal=proposal, by=by)
    return len(approved)


def batch_run_start(*, proposals, batch: str, by) -> BatchRun:
    """Queue the approved proposals of `batch` for the worker (mergers.tasks): the page polls the row."""
    approved = list(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals], status=ProposalStatus.APPROVED).values_list(
            "pk", flat=True
        )
    )
    if not approved:
        raise ApplicationError(_("No approved proposal is waiting to be carried out."))
    if BatchRun.objects.filter(batch=batch, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ApplicationError(_("These proposals are being carried out already."))
    run = BatchRun.objects.create(batch=batch, total=len(approved), created_by=by)
    from sohoi.mergers.tasks import run_batch  # tasks import this module

    transaction.on_commit(lambda: run_batch.enqueue(run.pk))
    return run


def in_background(proposal: Proposal) -> bool:
    """Whether carrying out `proposal` is left to the worker: when its sources hold more open
    memberships than settings.SOHOI_MERGER_INLINE_MEMBERSHIPS (a page waits a few seconds at most)."""
    open_memberships = Membership.objects.filter(association__in=proposal.sources.all(), left_on__isnull=True)
    return open_memberships.count() > settings.SOHOI_MERGER_INLINE_MEMBERSHIPS


def proposal_run_start(*, proposal: Proposal, by) -> BatchRun:
    """Queue one approved proposal for the worker (mergers.tasks); its page polls the row."""
    if proposal.status != ProposalStatus.APPROVED:
        raise ApplicationError(_("Only an approved proposal can be carried out: record the decision first."))
    if BatchRun.objects.filter(proposal=proposal, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ApplicationError(_("This proposal is being carried out already."))
    run = BatchRun.objects.create(proposal=proposal, total=1, created_by=by)
    from sohoi.mergers.tasks import run_batch  # tasks import this module

    transaction.on_commit(lambda: run_batch.enqueue(run.pk))
    return run


def batch_run(run: BatchRun) -> BatchRun:
    """The worker's side: each approved proposal of the batch (or the run's one proposal) carried out in
    its own transaction, the progress counted on the row between them. A proposal that fails stops the
    run there; those carried out before it stay carried out, it and the rest stay approved."""
    BatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    chosen = {"pk": run.proposal_id} if run.proposal_id else {"batch": run.batch}
    proposals = Proposal.objects.filter(**chosen, status=ProposalStatus.APPROVED).order_by("pk")
    for done, proposal in enumerate(proposals, start=1):
        try:
            proposal_execute(proposal=proposal, by=run.created_by)
        except ApplicationError as error:
            BatchRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED,
                finished_at=timezone.now(),
                message=f"{proposal.title}: {' '.join(error.messages)}",
            )
            run.refresh_from_db()
            return run
        BatchRun.objects.filter(pk=run.pk).update(done=done)
    BatchRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run
