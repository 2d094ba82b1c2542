from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sohoi.audit.models import AccessKind
from sohoi.audit.services import access_log
from sohoi.core import xlsx
from sohoi.core.errors import add_to_form
from sohoi.core.views import attachment, require_perm
from sohoi.people.services import person_by_cccd, person_create
from sohoi.registry.selectors import association_get_for_user, association_list_for_user
from sohoi.staffing import leaders, selectors, services
from sohoi.staffing.forms import (
    AttendanceForm,
    CourseForm,
    DecideForm,
    LeaderRuleForm,
    QuotaForm,
    StaffEndForm,
    StaffForm,
    TransferForm,
)
from sohoi.staffing.models import (
    Course,
    CourseKind,
    LeaderAgeRule,
    Staff,
    StaffPosition,
    TrainingRequirement,
    Transfer,
)


def _xlsx(request, name: str, title: str, header: list, rows: list, *, personal: str = ""):
    if personal:
        access_log(actor=request.user, kind=AccessKind.EXPORT, what=personal, rows=len(rows))
    return attachment(xlsx.table(title, header, rows), f"{name}.xlsx")


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


@login_required
def quota_page(request):
    """Quota against actual for a year, per association and for the province, with vacancies and
    over-quota posts; the yearly report on the quota's use as .xlsx."""
    today = timezone.localdate()
    year = _year(request)
    on = min(today, today.replace(year=year, month=12, day=31))
    rows = selectors.quota_table(request.user, year, on)
    if request.GET.get("format") == "xlsx":
        header = [
            _("Association"),
            _("Quota"),
            _("Decision"),
            _("Within the quota"),
            _("Vacant"),
            _("Over the quota"),
            _("Labour contract"),
            _("Retired cadre"),
        ]
        data = [
            [
                r.association.name,
                r.quota,
                r.decision.number if r.decision else "",
                r.within,
                r.vacancies,
                r.over,
                r.contract,
                r.retired,
            ]
            for r in rows
        ]
        data.append(
            [
                _("Total"),
                sum(r.quota or 0 for r in rows),
                "",
                sum(r.within for r in rows),
                sum(r.vacancies for r in rows),
                sum(r.over for r in rows),
                sum(r.contract for r in rows),
                sum(r.retired for r in rows),
            ]
        )
        return _xlsx(request, f"bien-che-{year}", f"Bien che {year}", header, data)
    totals = {
        "quota": sum(r.quota or 0 for r in rows),
        "within": sum(r.within for r in rows),
        "vacancies": sum(r.vacancies for r in rows),
        "over": sum(r.over for r in rows),
    }
    scale = max([r.quota or 0 for r in rows] + [r.within for r in rows] + [1])
    return render(
        request,
        "staffing/quota.html",
        {
            "rows": rows,
            "year": year,
            "on": on,
            "totals": totals,
            "scale": scale,
            "years": range(today.year + 1, today.year - 5, -1),
        },
    )


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def quota_new(request):
    form = QuotaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.quota_record(by=request.user, **form.cleaned_data)
            messages.success(request, _("The quota decision was recorded."))
            return redirect(f"{request.path.rsplit('quotas/', 1)[0]}?year={decision.year}")
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "staffing/form.html", {"form": form, "title": _("Record a quota decision")})


@login_required
def staff_page(request, pk):
    association = association_get_for_user(request.user, pk)
    show_all = request.GET.get("all") == "1"
    staff = list(selectors.staff_list(association, current_only=not show_all))
    header = [_("Full name"), _("Year of birth"), _("Position"), _("Kind"), _("From"), _("To"), _("Salary grade")]
    rows = [
        [
            s.person.full_name,
            s.person.birth_date.year if s.person.birth_date else "",
            s.get_position_display(),
            s.get_kind_display(),
            s.starts_on,
            s.ends_on,
            s.salary_grade,
        ]
        for s in staff
    ]
    what = _("Staff of %(name)s") % {"name": association.name}
    if request.GET.get("format") == "xlsx":
        return _xlsx(request, f"can-bo-{association.pk}", "Can bo", header, rows, personal=what)
    access_log(actor=request.user, kind=AccessKind.VIEW, what=what, rows=len(staff))
    return render(
        request,
        "staffing/staff.html",
        {
            "association": association,
            "staff": staff,
            "show_all": show_all,
            "can_manage": request.user.has_perm("staffing.manage"),
        },
    )


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def staff_new(request, pk):
    association = association_get_for_user(request.user, pk)
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = person_by_cccd(data["cccd"]) or person_create(
                    full_name=data["full_name"],
                    sex=data["sex"],
                    birth_date=data["birth_date"],
                    birth_year=data["birth_year"],
                    cccd=data["cccd"],
                )
                services.staff_add(
                    person=person,
                    association=association,
                    position=data["position"],
                    kind=data["kind"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    salary_grade=data["salary_grade"],
                    by=request.user,
                )
            messages.success(request, _("The staff member was added."))
            return redirect("staffing:staff", association.pk)
        except ValidationError as error:
            add_to_form(form, error)
    return render(
        request, "staffing/form.html", {"form": form, "title": _("Add a staff member"), "association": association}
    )


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def staff_end(request, pk):
    staff = get_object_or_404(Staff.objects.select_related("person", "association"), pk=pk)
    form = StaffEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_end(
                staff=staff, ends_on=form.cleaned_data["ends_on"], reason=form.cleaned_data["reason"], by=request.user
            )
            messages.success(request, _("The work was ended."))
            return redirect("staffing:staff", staff.association_id)
        except ValidationError as error:
            add_to_form(form, error)
    title = _("End the work of %(name)s") % {"name": staff.person.full_name}
    return render(request, "staffing/form.html", {"form": form, "title": title, "association": staff.association})


@login_required
def training_page(request):
    gaps = selectors.training_gaps(request.user)
    if request.GET.get("format") == "xlsx":
        rows = [
            [g.staff.person.full_name, g.staff.association.name, g.staff.get_position_display(), "; ".join(g.missing)]
            for g in gaps
        ]
        header = [_("Full name"), _("Association"), _("Position"), _("Training missing")]
        return _xlsx(request, "thieu-dao-tao", "Thieu dao tao", header, rows, personal=_("Training gaps"))
    access_log(actor=request.user, kind=AccessKind.VIEW, what=_("Training gaps"), rows=len(gaps))
    return render(
        request,
        "staffing/training.html",
        {
            "courses": Course.objects.prefetch_related("attendances"),
            "gaps": gaps,
            "can_manage": request.user.has_perm("staffing.manage"),
        },
    )


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def course_new(request):
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(by=request.user, **form.cleaned_data)
            return redirect("staffing:course", course.pk)
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "staffing/form.html", {"form": form, "title": _("Record a training course")})


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request, pk):
    course = get_object_or_404(Course, pk=pk)
    can_manage = request.user.has_perm("staffing.manage")
    form = AttendanceForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.attendance_add(
                    course=course,
                    person=form.cleaned_data["staff"].person,
                    certificate=form.cleaned_data["certificate"],
                    by=request.user,
                )
                messages.success(request, _("The attendance was recorded."))
                return redirect("staffing:course", course.pk)
            except ValidationError as error:
                add_to_form(form, error)
    visible = set(association_list_for_user(request.user).values_list("pk", flat=True))
    attendances = [
        a
        for a in course.attendances.select_related("person").prefetch_related("person__staff_records")
        if any(s.association_id in visible for s in a.person.staff_records.all())
    ]
    return render(request, "staffing/course.html", {"course": course, "attendances": attendances, "form": form})


@login_required
def transfer_page(request):
    visible = association_list_for_user(request.user)
    transfers = Transfer.objects.select_related("staff__person", "staff__association", "to_association").filter(
        staff__association__in=visible
    ) | Transfer.objects.filter(to_association__in=visible)
    return render(
        request,
        "staffing/transfers.html",
        {"transfers": transfers.distinct(), "can_manage": request.user.has_perm("staffing.manage")},
    )


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def transfer_new(request):
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_propose(by=request.user, **form.cleaned_data)
            messages.success(request, _("The proposal was recorded."))
            return redirect("staffing:transfers")
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "staffing/form.html", {"form": form, "title": _("Propose a rotation or transfer")})


@login_required
@require_perm("staffing.manage")
@require_http_methods(["GET", "POST"])
def transfer_decide(request, pk):
    transfer = get_object_or_404(
        Transfer.objects.select_related("staff__person", "staff__association", "to_association"), pk=pk
    )
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_decide(transfer=transfer, by=request.user, **form.cleaned_data)
            messages.success(request, _("The decision was recorded."))
            return redirect("staffing:transfers")
        except ValidationError as error:
            add_to_form(form, error)
    title = _("Decide: %(name)s to %(to)s") % {
        "name": transfer.staff.person.full_name,
        "to": transfer.to_association.name,
    }
    return render(request, "staffing/form.html", {"form": form, "title": title})


@login_required
def retirement_page(request):
    today = timezone.localdate()
    months = request.GET.get("months", "")
    months = int(months) if months.isdigit() and 0 < int(months) <= 240 else 12
    rows = selectors.retirements_ahead(request.user, today, months)
    if request.GET.get("format") == "xlsx":
        data = [
            [
                a.staff.person.full_name,
                a.staff.association.name,
                a.staff.get_position_display(),
                a.retirement.age_text,
                a.retirement.last_day,
                a.retirement.pension_from,
            ]
            for a in rows
        ]
        header = [
            _("Full name"),
            _("Association"),
            _("Position"),
            _("Retirement age"),
            _("Retires after"),
            _("Pension from"),
        ]
        return _xlsx(request, "nghi-huu", "Nghi huu", header, data, personal=_("Retirements ahead"))
    access_log(actor=request.user, kind=AccessKind.VIEW, what=_("Retirements ahead"), rows=len(rows))
    return render(request, "staffing/retirements.html", {"rows": rows, "months": months, "today": today})


@login_required
def leader_page(request):
    associations = association_list_for_user(request.user).prefetch_related("terms")
    warnings = leaders.next_congress_warnings(associations.order_by("name_folded"))
    if request.GET.get("format") == "xlsx":
        data = [[w.association.name, w.person.full_name, w.on, w.message, w.source] for w in warnings]
        header = [_("Association"), _("Full name"), _("Next congress"), _("Warning"), _("Rule")]
        return _xlsx(request, "canh-bao-lanh-dao", "Canh bao", header, data, personal=_("Leader rule warnings"))
    access_log(actor=request.user, kind=AccessKind.VIEW, what=_("Leader rule warnings"), rows=len(warnings))
    return render(request, "staffing/leaders.html", {"warnings": warnings})


# --- the rules the staffing checks read (province officers) ---------------------------------------


def _rule_forms(rules):
    return [
        (r, LeaderRuleForm(prefix=f"r{r.pk}", initial={f: getattr(r, f) for f in services.LEADER_RULE_FIELDS}))
        for r in rules
    ]


@login_required
@require_perm("staffing.manage")
def rules_page(request, new_form=None):
    """The leader age and term rules and the training each position requires, as the checks read them."""
    required = set(TrainingRequirement.objects.values_list("position", "kind"))
    grid = [
        (position, label, [(kind, kind_label, (position, kind) in required) for kind, kind_label in CourseKind.choices])
        for position, label in StaffPosition.choices
    ]
    context = {
        "tab": "rules",
        "rules": _rule_forms(LeaderAgeRule.objects.order_by("pk")),
        "new_form": new_form or LeaderRuleForm(prefix="new"),
        "kinds": CourseKind.choices,
        "grid": grid,
    }
    return render(request, "staffing/rules.html", context)


@login_required
@require_perm("staffing.manage")
@require_POST
def leader_rule_save(request, pk=None):
    rule = get_object_or_404(LeaderAgeRule, pk=pk) if pk else None
    form = LeaderRuleForm(request.POST, prefix=f"r{pk}" if pk else "new")
    if form.is_valid():
        try:
            services.leader_rule_save(data=form.cleaned_data, rule=rule, by=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The rule was saved."))
            return redirect("staffing:rules")
    else:
        for field, errors in form.errors.items():
            for text in errors:
                messages.error(request, f"{form.fields[field].label}: {text}" if field in form.fields else text)
    return redirect("staffing:rules")


@login_required
@require_perm("staffing.manage")
@require_POST
def leader_rule_remove(request, pk):
    services.leader_rule_remove(rule=get_object_or_404(LeaderAgeRule, pk=pk), by=request.user)
    messages.success(request, _("The rule was removed."))
    return redirect("staffing:rules")


@login_required
@require_perm("staffing.manage")
@require_POST
def training_requirements_save(request):
    chosen = set()
    for value in request.POST.getlist("required"):
        position, _sep, kind = value.partition(":")
        if position in StaffPosition.values and kind in CourseKind.values:
            chosen.add((position, kind))
    services.training_requirements_set(chosen=chosen, by=request.user)
    messages.success(request, _("The training requirements were saved."))
    return redirect("staffing:rules")
