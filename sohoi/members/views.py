import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.audit.models import AccessKind
from sohoi.audit.services import access_log
from sohoi.core.errors import add_to_form
from sohoi.core.pagination import CappedPaginator
from sohoi.core.views import attachment, require_perm
from sohoi.members import exports, selectors, services
from sohoi.members.eligibility import rule_text
from sohoi.members.forms import (
    ColumnMappingForm,
    ConflictResolveForm,
    EligibilityRuleForm,
    FiguresForm,
    ImportUploadForm,
    MemberFilterForm,
    MembershipEndForm,
    MembershipForm,
    PersonForm,
)
from sohoi.members.importing import job as imports
from sohoi.members.importing.columns import field_choices
from sohoi.members.models import EligibilityRule, IdentityConflict, MemberImport
from sohoi.people.services import person_update
from sohoi.registry.selectors import association_get_for_action

PAGE_SIZE = 50


def _association(request, pk, perm):
    return association_get_for_action(request.user, pk, perm)


@login_required
def member_list(request, pk):
    association = _association(request, pk, "members.view_members")
    today = timezone.localdate()
    sensitive = request.user.has_perm("members.view_sensitive", association)
    form = MemberFilterForm(request.GET or None, association=association, show_sensitive=sensitive)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    qs = selectors.member_search(selectors.membership_list(association), today=today, **filters)
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log(
        actor=request.user,
        kind=AccessKind.VIEW,
        rows=len(page.object_list),
        what=_("Member list of %(name)s, page %(n)s") % {"name": association.name, "n": page.number},
    )
    context = {
        "association": association,
        "form": form,
        "page": page,
        "sensitive": sensitive,
        "can_manage": request.user.has_perm("members.manage_members", association),
        "today": today,
    }
    template = "members/_list_results.html" if request.htmx else "members/list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request, pk):
    association = _association(request, pk, "members.manage_members")
    form = MembershipForm(request.POST or None, association=association)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = services.PersonData(**{name: data[name] for name in MembershipForm.PERSON_FIELDS})
        try:
            membership = services.membership_create(
                association=association,
                person_data=person,
                joined_on=data["joined_on"],
                by=request.user,
                member_type=data["member_type"],
                member_number=data["member_number"],
                branch=data["branch"],
                eligibility_exception=data["eligibility_exception"],
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("%(name)s was added as a member.") % {"name": membership.person.full_name})
            return redirect("members:list", pk=association.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "association": association, "title": _("New member of %(name)s") % {"name": association.name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk, membership_pk):
    association = _association(request, pk, "members.manage_members")
    membership = selectors.membership_get(association, membership_pk)
    form = MembershipEndForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The membership was ended."))
            return redirect("members:list", pk=association.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "association": association,
            "title": _("End the membership of %(name)s") % {"name": membership.person.full_name},
        },
    )


@login_required
def violations(request, pk):
    association = _association(request, pk, "members.view_members")
    rows = selectors.eligibility_violations(association, timezone.localdate())
    access_log(
        actor=request.user,
        kind=AccessKind.VIEW,
        rows=len(rows),
        what=_("Eligibility violations of %(name)s") % {"name": association.name},
    )
    return render(request, "members/violations.html", {"association": association, "rows": rows})


def _figures_page(request, memberships, association, sensitive: bool):
    today = timezone.localdate()
    form = FiguresForm(request.GET or None, initial={"start": dt.date(today.year, 1, 1), "end": today})
    start, end = (
        (form.cleaned_data["start"], form.cleaned_data["end"])
        if form.is_valid()
        else (dt.date(today.year, 1, 1), today)
    )
    data = selectors.member_figures(memberships, start=start, end=end)
    return render(
        request,
        "members/figures.html",
        {
            "association": association,
            "form": form,
            "figures": data,
            "start": start,
            "end": end,
            "sensitive": sensitive,
            "before": selectors.predecessor_figures(association, start=start) if association else None,
        },
    )


@login_required
def figures(request, pk):
    association = _association(request, pk, "members.view_members")
    return _figures_page(
        request,
        selectors.membership_list(association),
        association,
        request.user.has_perm("members.view_sensitive", association),
    )


@login_required
@require_perm("members.view_province_figures")
def province_figures(request):
    """Memberships and persons across the province (lượt vs người); ethnicity for province officers only."""
    return _figures_page(
        request,
        selectors.province_memberships(request.user),
        None,
        request.user.has_perm("members.view_sensitive", None),
    )


@login_required
def person_detail(request, person_pk):
    survivor = selectors.merged_into(person_pk)
    if survivor:  # a duplicate record merged into another: its memberships are there now
        return redirect("members:person", person_pk=survivor)
    person, memberships = selectors.person_get_for_user(request.user, person_pk)
    visible = {m.association_id for m in memberships}
    sensitive = any(request.user.has_perm("members.view_sensitive", m.association) for m in memberships)
    access_log(
        actor=request.user,
        kind=AccessKind.VIEW,
        rows=1,
        what=_("Person %(name)s (id %(id)s)") % {"name": person.full_name, "id": person.pk},
    )
    return render(
        request,
        "members/person.html",
        {
            "person": person,
            "memberships": memberships,
            "sensitive": sensitive,
            "visible": visible,
            "age": selectors.age_today(person, timezone.localdate()),
            "can_edit": selectors.person_editable_by(request.user, person, memberships),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, person_pk):
    """Correct a person's data: who may see the person and keep the members of one of their associations."""
    person, memberships = selectors.person_get_for_user(request.user, person_pk)
    if not selectors.person_editable_by(request.user, person, memberships):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance_values=person)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                person_update(person=person, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The person's data was saved."))
            return redirect("members:person", person_pk=person.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Correct the data of %(name)s") % {"name": person.full_name}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_rule_edit(request, pk):
    """The charter's age rule of an association and the day it took effect: province officers."""
    association = _association(request, pk, "members.set_eligibility_rule")
    rule = EligibilityRule.objects.filter(association=association).first()
    form = EligibilityRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.eligibility_rule_save(association=association, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The charter's age rule was saved."))
            return redirect("members:import_upload", pk=association.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "association": association,
            "title": _("Age rule of the charter: %(name)s") % {"name": association.name},
        },
    )


# --- Excel in and out -------------------------------------------------------------------------------


@login_required
def import_template(request, pk):
    association = _association(request, pk, "members.manage_members")
    return attachment(exports.import_template(association), "mau-danh-sach-hoi-vien.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    association = _association(request, pk, "members.manage_members")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.member_import_create(
                association=association,
                upload=form.cleaned_data["file"],
                mode=form.cleaned_data["mode"],
                by=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            return redirect("members:import", pk=association.pk, import_pk=job.pk)
    jobs = association.member_imports.select_related("created_by")[:20]
    rule = EligibilityRule.objects.filter(association=association).first()
    return render(
        request,
        "members/import_upload.html",
        {
            "association": association,
            "form": form,
            "jobs": jobs,
            "rule": rule_text(rule),
            "may_set_rule": request.user.has_perm("members.set_eligibility_rule", association),
        },
    )


def _import_job(request, pk, import_pk):
    association = _association(request, pk, "members.manage_members")
    return association, get_object_or_404(MemberImport, pk=import_pk, association=association)


def _mapping_form(job: MemberImport, data=None) -> ColumnMappingForm | None:
    """The mapping step, when the header has columns the import did not recognise."""
    if job.status not in ("checked", "failed"):
        return None
    titles = [title for title, name in job.columns if not name]
    if not titles:
        return None
    taken = {name for _title, name in job.columns if name}
    choices = [(name, label) for name, label in field_choices() if name not in taken]
    return ColumnMappingForm(data, titles=titles, choices=choices)


def _import_page(request, association, job, *, error=None, mapping_form=None):
    problems = Paginator(job.problems.filter(warning=False), 100).get_page(request.GET.get("page"))
    warnings = list(job.problems.filter(warning=True)[:100])
    template = "members/_import_status.html" if request.htmx else "members/import_detail.html"
    context = {
        "association": association,
        "job": job,
        "problems": problems,
        "warnings": warnings,
        "error": error,
        "mapping_form": mapping_form or _mapping_form(job),
    }
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request, pk, import_pk):
    """The import's progress, its problems and warnings (the preview), and the confirmation (POST)."""
    association, job = _import_job(request, pk, import_pk)
    error = None
    if request.method == "POST":
        try:
            job = imports.member_import_confirm(job=job, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("members:import", pk=association.pk, import_pk=job.pk)
    return _import_page(request, association, job, error=error)


@login_required
@require_http_methods(["POST"])
def import_columns(request, pk, import_pk):
    """The mapping step: fields chosen for unrecognised columns, remembered; the file checked again."""
    association, job = _import_job(request, pk, import_pk)
    form = _mapping_form(job, request.POST)
    if form is None:
        return redirect("members:import", pk=association.pk, import_pk=job.pk)
    if form.is_valid():
        try:
            imports.member_import_map_columns(job=job, mapping=form.mapping(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The columns were saved; the list is being checked again."))
            return redirect("members:import", pk=association.pk, import_pk=job.pk)
    return _import_page(request, association, job, mapping_form=form)


@login_required
def import_rejected(request, pk, import_pk):
    job = _import_job(request, pk, import_pk)[1]
    header_rows, rows, reasons, sex_columns = imports.rejected_rows(job)
    access_log(
        actor=request.user,
        kind=AccessKind.EXPORT,
        rows=len(rows),
        what=_("Rejected rows of the import “%(name)s”") % {"name": job.original_name},
    )
    return attachment(exports.rows_with_reasons(header_rows, rows, reasons, sex_columns), "dong-bi-tu-choi.xlsx")


@login_required
def member_export(request, pk):
    """The member list with the filters of the list page, as .xlsx; logged as a personal-data export."""
    association = _association(request, pk, "members.view_members")
    sensitive = request.user.has_perm("members.view_sensitive", association)
    form = MemberFilterForm(request.GET or None, association=association, show_sensitive=sensitive)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    qs = selectors.member_search(selectors.membership_list(association), today=timezone.localdate(), **filters)
    qs = qs.select_related("person__address_commune")
    content, count = exports.member_list(qs.iterator(chunk_size=2000), sensitive=sensitive)
    shown = request.GET.copy()
    reason = shown.pop("reason", [""])[-1].strip()
    access_log(
        actor=request.user,
        kind=AccessKind.EXPORT,
        rows=count,
        what=_("Member list of %(name)s (%(filters)s)")
        % {"name": association.name, "filters": shown.urlencode() or "-"},
        reason=reason,
    )
    return attachment(content, "danh-sach-hoi-vien.xlsx")


# --- identity conflicts: the province officers' queue ---------------------------------------------


@login_required
@require_perm("members.review_identity_conflicts")
def conflict_list(request):
    """CCCD numbers given for someone other than the person registered under them, to be checked."""
    show = request.GET.get("show", "open")
    conflicts = selectors.identity_conflicts(resolved=show == "resolved")
    page = Paginator(conflicts, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log(actor=request.user, kind=AccessKind.VIEW, rows=len(page.object_list), what=_("Identity conflicts"))
    return render(request, "members/conflicts.html", {"page": page, "show": show, "form": ConflictResolveForm()})


@login_required
@require_perm("members.review_identity_conflicts")
@require_http_methods(["POST"])
def conflict_resolve(request, conflict_pk):
    conflict = get_object_or_404(IdentityConflict, pk=conflict_pk)
    form = ConflictResolveForm(request.POST)
    if form.is_valid():
        try:
            services.identity_conflict_resolve(
                conflict=conflict, resolution=form.cleaned_data["resolution"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The conflict was marked as checked."))
    else:
        messages.error(request, _("Say what was found."))
    return redirect("members:conflicts")
