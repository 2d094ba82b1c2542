from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.audit.models import AccessKind
from sohoi.audit.services import access_log
from sohoi.core.views import require_perm
from sohoi.identity import runs, selectors, services
from sohoi.identity.forms import MergeForm, shown
from sohoi.identity.models import Decision
from sohoi.identity.services import CHOSEN_FIELDS
from sohoi.people.models import Person

PAGE_SIZE = 50


@login_required
@require_perm("identity.review_pairs")
def queue(request):
    """The pairs to review, the most likely first: proposed for merging, to review, not sure."""
    decision = request.GET.get("decision") or None
    if decision not in (None, *Decision.values):
        decision = None
    page = Paginator(selectors.queue(request.user, decision), PAGE_SIZE).get_page(request.GET.get("page"))
    access_log(actor=request.user, kind=AccessKind.VIEW, rows=len(page.object_list), what=_("Review queue of persons"))
    latest = selectors.runs().first()
    proposed = selectors.queue(request.user, Decision.PROPOSED).count()
    return render(
        request,
        "identity/queue.html",
        {"page": page, "decision": decision, "decisions": Decision.choices, "latest": latest, "proposed": proposed},
    )


@login_required
@require_perm("identity.review_pairs")
def pair_detail(request, pk):
    pair = selectors.pair_get_for_user(request.user, pk)
    access_log(
        actor=request.user,
        kind=AccessKind.VIEW,
        rows=2,
        what=_("Persons %(a)s and %(b)s compared") % {"a": pair.person_a_id, "b": pair.person_b_id},
    )
    return _pair_page(request, pair, MergeForm(pair=pair))


def _pair_page(request, pair, form):
    return render(
        request,
        "identity/pair.html",
        {
            "pair": pair,
            "form": form,
            "rows": _side_by_side(pair),
            "memberships_a": selectors.memberships_of(pair.person_a, request.user),
            "memberships_b": selectors.memberships_of(pair.person_b, request.user),
            "open": pair.decision in selectors.OPEN,
        },
    )


def _side_by_side(pair) -> list[tuple[str, str, str]]:
    """(field, A's value, B's value) for every field a reviewer compares. Both persons are members of the
    reviewer's own association (or the reviewer is a province officer): ethnicity is theirs to see."""
    return [
        (
            capfirst(str(Person._meta.get_field(name).verbose_name)),
            shown(pair.person_a, name),
            shown(pair.person_b, name),
        )
        for name in CHOSEN_FIELDS
    ]


@login_required
@require_perm("identity.review_pairs")
@require_http_methods(["POST"])
def pair_merge(request, pk):
    pair = selectors.pair_get_for_user(request.user, pk)
    form = MergeForm(request.POST, pair=pair)
    if form.is_valid():
        try:
            services.person_merge(by=request.user, pair=pair, **form.merge_arguments())
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The two records were merged."))
            return redirect("identity:queue")
    return _pair_page(request, pair, form)


@login_required
@require_perm("identity.review_pairs")
@require_http_methods(["POST"])
def pair_decide(request, pk):
    pair = selectors.pair_get_for_user(request.user, pk)
    try:
        services.pair_decide(pair=pair, decision=request.POST.get("decision", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("identity:pair", pk=pair.pk)
    messages.success(request, _("Recorded: %(decision)s.") % {"decision": pair.get_decision_display()})
    return redirect("identity:queue")


@login_required
@require_perm("identity.run_matching")
@require_http_methods(["POST"])
def proposed_merge(request):
    """Merge every pair proposed for merging (above the upper threshold), the province officer's one
    click; a pair that cannot be merged stays for review as "not sure"."""
    merged, left = services.proposed_pairs_merge(by=request.user)
    messages.success(request, _("%(merged)s pairs merged.") % {"merged": merged})
    if left:
        messages.warning(
            request, _("%(left)s pairs could not be merged and wait for review as “not sure”.") % {"left": left}
        )
    return redirect("identity:queue")


@login_required
@require_perm("identity.run_matching")
def run_list(request):
    page = Paginator(selectors.runs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "identity/runs.html", {"page": page})


@login_required
@require_perm("identity.run_matching")
@require_http_methods(["POST"])
def run_create(request):
    runs.match_run_create(by=request.user)
    messages.success(request, _("A matching run was started."))
    return redirect("identity:runs")


@login_required
@require_perm("identity.unmerge")
def merge_list(request):
    page = Paginator(selectors.merges(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "identity/merges.html", {"page": page})


@login_required
@require_perm("identity.unmerge")
@require_http_methods(["POST"])
def merge_undo(request, pk):
    merge = get_object_or_404(selectors.merges(), pk=pk)
    try:
        services.person_unmerge(merge=merge, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The merge was undone: both records are as they were."))
    return redirect("identity:merges")
