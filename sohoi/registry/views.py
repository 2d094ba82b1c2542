from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sohoi.core import calendar
from sohoi.core.errors import add_to_form
from sohoi.core.models import CalendarDay
from sohoi.core.views import check_perm, require_perm
from sohoi.registry import law, selectors, services
from sohoi.registry.forms import (
    CONGRESSES,
    DEFAULT_LEADER_POSITIONS,
    AssociationContactForm,
    AssociationCreateForm,
    AssociationEditForm,
    AssociationFilterForm,
    BranchForm,
    CalendarDayForm,
    LeaderFormSet,
    LegalEventForm,
)
from sohoi.registry.models import Decision, EventKind, Term
from sohoi.staffing.leaders import term_warnings

TABS = ["overview", "history", "leadership", "branches", "deadlines"]
PAGE_SIZE = 25


def _filtered(request, qs):
    form = AssociationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.association_search(qs, **{k: v for k, v in filters.items() if v})
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return form, page


@login_required
def association_list(request):
    form, page = _filtered(request, selectors.association_list_for_user(request.user))
    template = "registry/_list_results.html" if request.htmx else "registry/list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
@require_perm("registry.add_association")
@require_http_methods(["GET", "POST"])
def association_create(request):
    form = AssociationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        fields = data.pop("fields")
        try:
            association = services.association_create(by=request.user, fields=fields, **data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The association was registered."))
            return redirect("registry:detail", pk=association.pk)
    return render(request, "registry/form.html", {"form": form, "title": _("Register an association")})


@login_required
def association_detail(request, pk, tab="overview"):
    if tab not in TABS:
        raise Http404
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.view_association", association)
    today = timezone.localdate()
    user = request.user
    can = {
        "record_event": user.has_perm("registry.record_event", association),
        "edit": user.has_perm("registry.change_association_contact", association),
        "manage_branches": user.has_perm("registry.manage_branches", association),
        "view_members": user.has_perm("members.view_members", association),
    }
    context = {
        "association": association,
        "tab": tab,
        "tabs": TABS,
        "today": today,
        "can": can,
        "allowed_events": [EventKind(k) for k in law.allowed_events(association.status)],
    }
    if tab == "overview":
        context["fields"] = association.fields.all()
        context["predecessors"] = association.predecessor_links.select_related("predecessor")
        context["successors"] = association.successor_links.select_related("successor")
        context["deadlines"] = selectors.association_deadlines(association, today)
    elif tab == "history":
        context["events"] = selectors.association_timeline(association)
    elif tab == "leadership":
        context["terms"] = selectors.association_terms(association)
    elif tab == "branches":
        context["branches"] = selectors.association_branches(association)
    elif tab == "deadlines":
        context["deadlines"] = [(d, d.days_left(today)) for d in selectors.association_deadlines(association, today)]
    template = "registry/tabs/_panel.html" if request.htmx else "registry/detail.html"
    return render(request, template, context)


@login_required
def association_lineage(request, pk):
    """The graph of an association's predecessors and successors across every reorganisation."""
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.view_association", association)
    graph = selectors.lineage(association)
    visible = set(selectors.association_list_for_user(request.user).values_list("pk", flat=True))
    return render(request, "registry/lineage.html", {"association": association, "graph": graph, "visible": visible})


@login_required
@require_http_methods(["GET", "POST"])
def association_edit(request, pk):
    association = selectors.association_get_for_user(request.user, pk)
    if request.user.has_perm("registry.change_association", association):
        form_class = AssociationEditForm
    else:
        check_perm(request.user, "registry.change_association_contact", association)
        form_class = AssociationContactForm
    form = form_class(request.POST or None, instance=selectors.association_get_for_user(request.user, pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fields = data.pop("fields", None)
        try:
            services.association_update(association=association, by=request.user, fields=fields, **data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("registry:detail", pk=association.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "association": association, "title": _("Edit %(name)s") % {"name": association.name}},
    )


def _leader_formset(request, kind):
    if kind not in CONGRESSES:
        return None
    if request.method == "POST":
        return LeaderFormSet(request.POST, prefix="leaders")
    rows = max(len(DEFAULT_LEADER_POSITIONS), min(int(request.GET.get("rows", 0) or 0), 80))
    positions = DEFAULT_LEADER_POSITIONS + [DEFAULT_LEADER_POSITIONS[-3]] * (rows - len(DEFAULT_LEADER_POSITIONS))
    return LeaderFormSet(prefix="leaders", initial=[{"position": p} for p in positions])


def _event_data(form, formset) -> services.EventData:
    data = form.cleaned_data
    return services.EventData(
        kind=data["kind"],
        occurred_on=data["occurred_on"],
        decision=services.DecisionData(
            number=data["decision_number"],
            issued_on=data["decision_date"],
            authority=data["decision_authority"],
            signer=data.get("decision_signer", ""),
            file=data.get("decision_file"),
        ),
        note=data.get("note", ""),
        new_name=data.get("new_name", ""),
        new_hq_commune=data.get("new_hq_commune"),
        new_hq_street=data.get("new_hq_street", ""),
        suspended_until=data.get("suspended_until"),
        leaders=[services.LeaderData(**row) for row in formset.leaders()] if formset else [],
        other_sources=list(data.get("other_sources") or []),
        targets=list(data.get("targets") or []),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, pk):
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.record_event", association)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    allowed = [EventKind(k) for k in law.allowed_events(association.status)]
    if kind not in EventKind.values:
        return render(request, "registry/event_choose.html", {"association": association, "allowed": allowed})
    form = LegalEventForm(request.POST or None, request.FILES or None, association=association, kind=kind)
    formset = _leader_formset(request, kind)
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            event = services.legal_event_record(
                association=association, data=_event_data(form, formset), by=request.user
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("“%(event)s” was recorded.") % {"event": EventKind(kind).label})
            for warning in _leader_warnings(event):
                messages.warning(request, f"{warning.message} ({warning.source})")
            return redirect("registry:detail_tab", pk=association.pk, tab="history")
    return render(
        request,
        "registry/event_form.html",
        {
            "association": association,
            "form": form,
            "formset": formset,
            "kind": EventKind(kind),
            "allowed": allowed,
            "is_allowed": kind in law.allowed_events(association.status),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def branch_create(request, pk):
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.manage_branches", association)
    form = BranchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.branch_create(association=association, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The branch was added."))
            return redirect("registry:detail_tab", pk=association.pk, tab="branches")
    return render(
        request,
        "registry/form.html",
        {"form": form, "association": association, "title": _("New branch of %(name)s") % {"name": association.name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def branch_edit(request, pk, branch_pk):
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.manage_branches", association)
    branch = selectors.branch_get(association, branch_pk)
    initial = {
        "name": branch.name,
        "commune": branch.commune.code,
        "street": branch.street,
        "established_on": branch.established_on,
        "closed_on": branch.closed_on,
        "head_name": branch.head.full_name if branch.head else "",
        "deputy_name": branch.deputy.full_name if branch.deputy else "",
    }
    form = BranchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.branch_update(branch=branch, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("registry:detail_tab", pk=association.pk, tab="branches")
    return render(
        request,
        "registry/form.html",
        {"form": form, "association": association, "title": _("Edit branch %(name)s") % {"name": branch.name}},
    )


def _leader_warnings(event):
    """The leader age and term rules (sohoi.staffing) on the leadership a congress has just elected."""
    term = Term.objects.filter(congress=event).first()
    return term_warnings(term) if term else []


@login_required
def decision_file(request, pk, decision_pk):
    """A decision's scan, only for those who may see the association it concerns."""
    association = selectors.association_get_for_user(request.user, pk)
    check_perm(request.user, "registry.view_association", association)
    decision = get_object_or_404(Decision, pk=decision_pk, events__association=association)
    if not decision.file:
        raise Http404
    return FileResponse(decision.file.open("rb"), as_attachment=True, filename=decision.file.name.rsplit("/", 1)[-1])


# --- Public directory (no login, no personal data) -------------------------------------------------


def directory_list(request):
    form, page = _filtered(request, selectors.association_public_list())
    template = "registry/_directory_results.html" if request.htmx else "registry/directory_list.html"
    return render(request, template, {"form": form, "page": page})


def directory_detail(request, pk):
    association = get_object_or_404(selectors.association_public_list().select_related("hq_commune"), pk=pk)
    return render(
        request, "registry/directory_detail.html", {"association": association, "fields": association.fields.all()}
    )


# --- the working calendar the legal deadlines are counted in ---------------------------------------


@login_required
@require_perm("core.manage_calendar")
@require_http_methods(["GET", "POST"])
def calendar_page(request):
    """A year's days off from the Government's notice (built in), those entered here, and the form to
    enter one (POST)."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), 2100)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.calendar_day_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("%(day)s was added to the calendar.") % {"day": f"{entry.day:%d/%m/%Y}"})
            return redirect(f"{reverse('calendar:page')}?year={entry.day.year}")
    context = {
        "year": year,
        "built_in": calendar.built_in(year),
        "entered": CalendarDay.objects.filter(day__year=year),
        "form": form,
        "years": range(today.year - 1, today.year + 3),
    }
    return render(request, "registry/calendar.html", context)


@login_required
@require_perm("core.manage_calendar")
@require_POST
def calendar_day_remove(request, pk):
    entry = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(entry=entry, by=request.user)
    messages.success(request, _("%(day)s was taken off the calendar.") % {"day": f"{entry.day:%d/%m/%Y}"})
    return redirect(f"{reverse('calendar:page')}?year={entry.day.year}")
