from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sohoi.core.errors import add_to_form
from sohoi.core.views import attachment, check_perm, require_perm
from sohoi.mergers import execute, exports, selectors, services
from sohoi.mergers.forms import (
    ApproveForm,
    BranchPlanForm,
    CommentForm,
    DocumentForm,
    InterimLeaderForm,
    OverlapFilterForm,
    ProposalCreateForm,
    ProposalEditForm,
    RefuseForm,
)
from sohoi.mergers.models import BatchRun, Proposal, ProposalKind, ProposalStatus
from sohoi.mergers.reasons import SIGNALS, reasons
from sohoi.mergers.simulate import FIGURES, simulate
from sohoi.people.models import Person
from sohoi.registry.models import Branch


def _pairs(request):
    form = OverlapFilterForm(request.GET or None, initial={"min_score": settings.SOHOI_OVERLAP_MIN_SCORE})
    least = form.cleaned_data["min_score"] if form.is_valid() else None
    least = settings.SOHOI_OVERLAP_MIN_SCORE if least is None else least  # 0 is a score one may ask for
    pairs = [o for o in selectors.overlap_pairs(timezone.localdate()) if o.score >= least]
    return form, pairs


@login_required
@require_perm("mergers.view_overlap")
def overlap(request):
    """The pairs of live associations whose functions overlap, the most first, each with its reasons."""
    form, pairs = _pairs(request)
    rows = [(o, reasons(o)) for o in pairs]
    weights = [(SIGNALS.get(name, name), weight) for name, weight in settings.SOHOI_OVERLAP_WEIGHTS.items()]
    context = {"form": form, "rows": rows, "weights": weights}
    return render(request, "mergers/overlap.html", context)


@login_required
@require_perm("mergers.view_overlap")
def overlap_export(request):
    _form, pairs = _pairs(request)
    return attachment(exports.overlap_workbook(pairs), "hoi-chong-cheo-chuc-nang.xlsx")


# --- proposals -------------------------------------------------------------------------------------


@login_required
@require_perm("mergers.view_proposals")
def proposal_list(request):
    proposals = selectors.proposal_list_for_user(request.user)
    return render(request, "mergers/proposal_list.html", {"proposals": proposals})


@login_required
@require_perm("mergers.manage_proposals")
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    """A new draft; from the overlap page, its pair already chosen (?sources=1&sources=2)."""
    initial = {"kind": ProposalKind.CONSOLIDATION, "sources": request.GET.getlist("sources")}
    form = ProposalCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                kind=data["kind"],
                title=data["title"],
                sources=sorted(data["sources"], key=lambda a: a.pk),
                results=form.results(),
                boundary_change=data["boundary_change"],
                reason=data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The draft proposal was created: check its plan and simulation."))
            return redirect("mergers:proposal", pk=proposal.pk)
    return render(request, "mergers/form.html", {"form": form, "title": _("New reorganisation proposal")})


def _proposal(request, pk, perm="mergers.view_proposal"):
    proposal = selectors.proposal_get_for_user(request.user, pk)
    check_perm(request.user, perm, proposal)
    return proposal


@login_required
def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    simulation = simulate(proposal)
    user = request.user
    editable = proposal.status == ProposalStatus.DRAFT and user.has_perm("mergers.manage_proposals")
    plans = simulation.plan.plans
    branch_forms = []
    if editable:
        kept = [b for b in simulation.plan.branches if b.pk not in simulation.plan.into]
        for branch in simulation.plan.branches:
            plan = plans.get(branch.pk)
            initial = (
                {"action": plan.action, "into": plan.into_id, "new_name": plan.new_name, "result": plan.result_id}
                if plan
                else {}
            )
            others = [b for b in kept if b.pk != branch.pk]
            form = BranchPlanForm(initial=initial, proposal=proposal, branches=others, prefix=f"b{branch.pk}")
            branch_forms.append((branch, form))
    context = {
        "proposal": proposal,
        "simulation": simulation,
        "editable": editable,
        "branch_forms": branch_forms,
        "can_manage": user.has_perm("mergers.manage_proposals"),
        "can_comment": user.has_perm("mergers.comment_proposal", proposal),
        "comment_form": CommentForm(),
        "document_form": DocumentForm(),
        "leader_form": InterimLeaderForm(candidates=_candidates(proposal)) if editable else None,
        "approve_form": ApproveForm(),
        "refuse_form": RefuseForm(),
        "run": proposal.runs.first(),
        "poll_url": reverse("mergers:proposal_run", args=[pk]),
        "statuses": ProposalStatus,
        "figures": FIGURES.items(),
    }
    return render(request, "mergers/proposal_detail.html", context)


def _candidates(proposal):
    """Who may be named to the interim leadership: the sources' current leaders and staff."""
    sources = list(proposal.sources.values_list("pk", flat=True))
    return (
        Person.objects.filter(
            Q(leadership_roles__term__association__in=sources, leadership_roles__ends_on__isnull=True)
            | Q(staff_records__association__in=sources, staff_records__ends_on__isnull=True)
        )
        .distinct()
        .order_by("name_folded")
    )


def _errors_as_messages(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _step(request, pk, perm: str, act, message: str, form=None):
    """One POST action on a proposal, back to its page: the form's errors, or the service's refusal, as
    messages there. `form`: a function of the proposal giving the bound form; `act(proposal, data)`."""
    proposal = _proposal(request, pk, perm)
    data = {}
    if form is not None:
        bound = form(proposal)
        if not bound.is_valid():
            _errors_as_messages(request, bound)
            return redirect("mergers:proposal", pk=pk)
        data = bound.cleaned_data
    try:
        act(proposal, data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect("mergers:proposal", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _proposal(request, pk, "mergers.manage_proposals")
    form = ProposalEditForm(request.POST or None, instance=Proposal.objects.get(pk=proposal.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("mergers:proposal", pk=pk)
    return render(request, "mergers/form.html", {"form": form, "proposal": proposal, "title": _("Edit the plan")})


@login_required
@require_POST
def branch_plan(request, pk, branch_pk):
    def form(proposal):
        others = Branch.objects.filter(pk__in=proposal.branch_plans.exclude(branch_id=branch_pk).values("branch_id"))
        return BranchPlanForm(request.POST, proposal=proposal, branches=others, prefix=f"b{branch_pk}")

    def act(proposal, data):
        branch = get_object_or_404(proposal.branch_plans, branch_id=branch_pk).branch
        services.branch_plan_set(proposal=proposal, branch=branch, by=request.user, **data)

    return _step(request, pk, "mergers.manage_proposals", act, _("The branch plan was saved."), form)


@login_required
@require_POST
def interim_leader_add(request, pk):
    return _step(
        request,
        pk,
        "mergers.manage_proposals",
        lambda proposal, data: services.interim_leader_add(proposal=proposal, by=request.user, **data),
        _("Added to the interim leadership."),
        lambda proposal: InterimLeaderForm(request.POST, candidates=_candidates(proposal)),
    )


@login_required
@require_POST
def comment_add(request, pk):
    return _step(
        request,
        pk,
        "mergers.comment_proposal",
        lambda proposal, _data: services.comment_add(
            proposal=proposal, text=request.POST.get("text", ""), by=request.user
        ),
        _("The comment was added."),
    )


@login_required
@require_POST
def document_add(request, pk):
    return _step(
        request,
        pk,
        "mergers.comment_proposal",
        lambda proposal, data: services.document_add(proposal=proposal, by=request.user, **data),
        _("The document was attached."),
        lambda _proposal: DocumentForm(request.POST, request.FILES),
    )


@login_required
def document_file(request, pk, document_pk):
    proposal = _proposal(request, pk)
    document = get_object_or_404(proposal.documents, pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def proposal_submit(request, pk):
    return _step(
        request,
        pk,
        "mergers.manage_proposals",
        lambda proposal, _data: services.proposal_submit(proposal=proposal, by=request.user),
        _("The proposal was submitted."),
    )


@login_required
@require_POST
def proposal_approve(request, pk):
    return _step(
        request,
        pk,
        "mergers.manage_proposals",
        lambda proposal, data: services.proposal_approve(proposal=proposal, by=request.user, **data),
        _("The approving decision was recorded: the proposal can be carried out."),
        lambda _proposal: ApproveForm(request.POST),
    )


@login_required
@require_POST
def proposal_refuse(request, pk):
    return _step(
        request,
        pk,
        "mergers.manage_proposals",
        lambda proposal, _data: services.proposal_refuse(
            proposal=proposal, reason=request.POST.get("reason", ""), by=request.user
        ),
        _("The proposal was refused."),
    )


@login_required
@require_POST
def proposal_execute(request, pk):
    """Carried out here and now, or — a large one — by the worker, the page then polling its progress."""
    proposal = _proposal(request, pk, "mergers.manage_proposals")
    if execute.in_background(proposal):
        start = execute.proposal_run_start
        message = _("The reorganisation is being carried out; this page shows its progress.")
    else:
        start, message = execute.proposal_execute, _("The reorganisation was carried out.")
    return _step(request, pk, "mergers.manage_proposals", lambda p, _data: start(proposal=p, by=request.user), message)


@login_required
def proposal_run(request, pk):
    """The latest run of the proposal by the worker, for its page to poll."""
    proposal = _proposal(request, pk)
    return render(
        request,
        "mergers/_run_status.html",
        {"run": proposal.runs.first(), "poll_url": reverse("mergers:proposal_run", args=[pk])},
    )


@login_required
def proposal_annex(request, pk):
    proposal = _proposal(request, pk)
    return attachment(exports.simulation_annex(simulate(proposal)), f"phu-luc-de-an-{proposal.pk}.docx")


# --- the province merger -----------------------------------------------------------------------------


def _batch_proposals():
    return list(
        Proposal.objects.filter(batch=services.province_batch()).prefetch_related("sources", "results").order_by("pk")
    )


@login_required
@require_perm("mergers.view_overlap")
def province(request):
    """Every association of the joining former province with its counterpart, the proposals made for
    the pairs, and the province before and after them."""
    merger = selectors.province_pairs()
    proposals = _batch_proposals()
    simulations = [simulate(p) for p in proposals if p.status != ProposalStatus.EXECUTED]
    by_proposal = {s.plan.proposal.pk: s for s in simulations}
    context = {
        "merger": merger,
        "rows": [(pair, by_proposal.get(pair.proposal.pk) if pair.proposal else None) for pair in merger.pairs],
        "proposals": proposals,
        "totals": selectors.province_totals(simulations),
        "approve_form": ApproveForm(),
        "statuses": ProposalStatus,
        "names": settings.SOHOI_PROVINCE_MERGER,
        "run": BatchRun.objects.filter(batch=services.province_batch()).first(),
        "poll_url": reverse("mergers:province_run"),
    }
    return render(request, "mergers/province.html", context)


def _province_step(request, act, message):
    check_perm(request.user, "mergers.manage_proposals")
    try:
        count = act(_batch_proposals())
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message % {"n": count})
    return redirect("mergers:province")


@login_required
@require_POST
def province_create(request):
    chosen = set(request.POST.getlist("pair"))
    return _province_step(
        request,
        lambda _proposals: len(
            services.province_proposals_create(
                pairs=[p for p in selectors.province_pairs().pairs if f"{p.continuing.pk}-{p.joining.pk}" in chosen],
                by=request.user,
                batch=services.province_batch(),
            )
        ),
        _("%(n)s proposals were created."),
    )


@login_required
@require_POST
def province_submit(request):
    return _province_step(
        request,
        lambda proposals: services.batch_submit(proposals=proposals, by=request.user),
        _("%(n)s proposals were submitted."),
    )


@login_required
@require_POST
def province_approve(request):
    form = ApproveForm(request.POST)
    if not form.is_valid():
        check_perm(request.user, "mergers.manage_proposals")
        _errors_as_messages(request, form)
        return redirect("mergers:province")
    return _province_step(
        request,
        lambda proposals: services.batch_approve(proposals=proposals, by=request.user, **form.cleaned_data),
        _("The decision was recorded for %(n)s proposals."),
    )


@login_required
@require_POST
def province_execute(request):
    """The approved proposals queued for the worker: the page shows the run's progress."""
    return _province_step(
        request,
        lambda proposals: (
            execute.batch_run_start(proposals=proposals, batch=services.province_batch(), by=request.user).total
        ),
        _("%(n)s proposals are being carried out, one after another."),
    )


@login_required
@require_perm("mergers.view_overlap")
def province_run(request):
    """The latest run's progress, for the province page to poll."""
    run = BatchRun.objects.filter(batch=services.province_batch()).first()
    return render(request, "mergers/_run_status.html", {"run": run, "poll_url": reverse("mergers:province_run")})
