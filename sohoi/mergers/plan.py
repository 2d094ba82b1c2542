"""Where everything of the sources goes under a proposal's plan — read by the simulation and by the
execution alike, so that what is simulated is what is done.

- A branch with no plan of its own is kept and goes to the first result; in a separation (tách),
  where the source continues, it stays.
- A branch merged into another goes where that one goes; its members move to it, and it closes.
- Members of no branch go to the first result (a separation: they stay with the source).
- Staff, open tasks and officer accounts go to the first result.
"""

from dataclasses import dataclass

from sohoi.mergers.models import BranchAction, BranchPlan, Proposal, ProposalKind, ProposalResult
from sohoi.registry.models import Association, Branch


@dataclass
class Plan:
    proposal: Proposal
    sources: list[Association]
    results: list[ProposalResult]
    branches: list[Branch]  # the sources' open branches
    plans: dict[int, BranchPlan]  # by branch id: the plan's own lines (the others follow the defaults)
    routes: dict[int | None, int]  # branch id (None: no branch) → ProposalResult id; absent: stays
    into: dict[int, int]  # merged branch → the branch its members go to
    renames: dict[int, str]

    @property
    def source_ids(self) -> list[int]:
        return [a.pk for a in self.sources]

    @property
    def first(self) -> ProposalResult:
        return self.results[0]


def plan_for(proposal: Proposal) -> Plan:
    sources = list(proposal.sources.order_by("pk"))
    results = list(proposal.results.select_related("association").order_by("pk"))
    branches = list(
        Branch.objects.filter(association__in=sources, closed_on__isnull=True)
        .select_related("association", "commune")
        .order_by("commune__name", "established_on", "pk")
    )
    plans = {p.branch_id: p for p in proposal.branch_plans.all()}
    stays = proposal.kind == ProposalKind.SEPARATION
    into = {b: p.into_id for b, p in plans.items() if p.action == BranchAction.MERGE and p.into_id}
    routes: dict[int | None, int] = {}
    for branch in branches:
        own = plans.get(branch.pk)
        if own and own.result_id:
            routes[branch.pk] = own.result_id
        elif not stays and results:
            routes[branch.pk] = results[0].pk
    receiving = {r.association_id: r.pk for r in results if r.association_id}  # a merger's existing result
    owner = dict(Branch.objects.filter(pk__in=set(into.values())).values_list("pk", "association_id"))
    for branch, kept in into.items():  # a merged branch's members go where the branch they join goes
        if kept in routes:
            routes[branch] = routes[kept]
        elif owner.get(kept) in receiving:
            routes[branch] = receiving[owner[kept]]
        else:
            routes.pop(branch, None)
    if not stays and results:
        routes[None] = results[0].pk
    renames = {b: p.new_name for b, p in plans.items() if p.action == BranchAction.KEEP and p.new_name}
    return Plan(proposal, sources, results, branches, plans, routes, into, renames)


def default_branch_plans(proposal: Proposal) -> list[BranchPlan]:
    """The plan a new draft starts with: in each commune the oldest branch is kept (in a merger, the
    receiving association's own, where it has one there) and the sources' other branches there merge
    into it. In a separation every branch stays with the source until the plan says otherwise."""
    first = proposal.results.order_by("pk").first()
    stays = proposal.kind == ProposalKind.SEPARATION
    kept_in: dict[int | None, Branch] = {}
    if first and first.association_id and not stays:
        for branch in Branch.objects.filter(association=first.association_id, closed_on__isnull=True).order_by(
            "established_on", "pk"
        ):
            kept_in.setdefault(branch.commune_id, branch)
    plans = []
    for branch in plan_for(proposal).branches:
        kept = branch if stays else kept_in.setdefault(branch.commune_id, branch)
        if kept.pk == branch.pk:
            plans.append(BranchPlan(proposal=proposal, branch=branch, result=None if stays else first))
        else:
            plans.append(BranchPlan(proposal=proposal, branch=branch, action=BranchAction.MERGE, into=kept))
    return plans
