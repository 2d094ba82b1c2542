from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.core import xlsx
from sohoi.core.errors import add_to_form
from sohoi.core.views import attachment, check_perm
from sohoi.registry.selectors import association_get_for_user, association_list_for_user
from sohoi.reporting import document, selectors, services
from sohoi.reporting import xlsx as report_xlsx
from sohoi.reporting.forms import ConsolidatedForm, ReportValuesForm, ReturnForm, UploadForm
from sohoi.reporting.models import ReportingPeriod, ReportStatus


@login_required
def period_list(request):
    """The periods, with each one's completeness for the province or the user's own reports."""
    visible = set(association_list_for_user(request.user).values_list("pk", flat=True))
    rows = []
    for period in ReportingPeriod.objects.select_related("regime").order_by("-ends_on", "regime__title"):
        expected = [a for a in selectors.expected_associations(period) if a.pk in visible]
        if expected:
            rows.append((period, expected))
    return render(
        request,
        "reporting/period_list.html",
        {"rows": rows, "province": request.user.has_perm("reporting.view_completeness")},
    )


@login_required
def period_detail(request, period_pk):
    check_perm(request.user, "reporting.view_completeness")
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime"), pk=period_pk)
    c = selectors.completeness(period)
    rates = {
        f"{name}_rate": c.rate(getattr(c, name)) for name in ("submitted", "on_time", "late", "missing", "returned")
    }
    return render(
        request,
        "reporting/period_detail.html",
        {"period": period, "c": c, "can_remind": request.user.has_perm("reporting.send_reminders"), **rates},
    )


def _report_for(request, period_pk, association_pk):
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime", "form"), pk=period_pk)
    association = association_get_for_user(request.user, association_pk)
    check_perm(request.user, "reporting.view_report", association)
    if not selectors.expected_associations(period).filter(pk=association.pk).exists():
        raise Http404
    return period, association


def _compare(request, versions, indicators):
    """The two submitted versions to compare (?from=N&to=M; by default the last two) and their
    differences as (indicator label, before, after)."""
    if len(versions) < 2:
        return None, []
    by_number = {v.number: v for v in versions}

    def pick(name, default):
        value = request.GET.get(name, "")
        return by_number.get(int(value)) if value.isdigit() and int(value) in by_number else by_number[default]

    old, new = pick("from", versions[-2].number), pick("to", versions[-1].number)
    labels = {i.code: i.label for i in indicators}
    changes = [(labels.get(code, code), *pair) for code, pair in services.version_diff(old, new).items()]
    return (old, new), changes


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, period_pk, association_pk):
    period, association = _report_for(request, period_pk, association_pk)
    can_fill = request.user.has_perm("reporting.fill_report", association)
    can_review = request.user.has_perm("reporting.review_report", association)
    report = (
        services.report_open(period=period, association=association, by=request.user)
        if can_fill
        else (period.reports.filter(association=association).first())
    )
    indicators = list(period.form.indicators.all())
    if request.GET.get("format") == "xlsx":
        if report is None:
            raise Http404
        return attachment(
            report_xlsx.report_workbook(report, indicators), f"bao-cao-{period.year}-{association.pk}.xlsx"
        )
    editable = can_fill and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    initial = {**(report.values if report else {}), "revision": report.revision if report else 0}
    form = ReportValuesForm(
        request.POST if request.method == "POST" and editable else None,
        initial=initial,
        indicators=indicators,
        disabled=not editable,
        registry=services.prefill_values(period=period, association=association) if report else {},
    )
    return_form = ReturnForm(request.POST if request.method == "POST" and "return" in request.POST else None)
    upload_form = UploadForm(*((request.POST, request.FILES) if "upload" in request.POST else ()))
    if request.method == "POST":
        if not (can_fill or can_review):
            raise PermissionDenied
        action = next((a for a in ("save", "submit", "upload", "return", "accept") if a in request.POST), "")
        if action in ("save", "submit", "upload") and not editable:
            raise PermissionDenied
        if action in ("return", "accept") and not (can_review and report):
            raise PermissionDenied
        try:
            if action == "save" and form.is_valid():
                services.report_save(
                    report=report, values=form.values(), revision=form.cleaned_data["revision"], by=request.user
                )
                messages.success(request, _("The draft was saved."))
                return redirect(request.path)
            if action == "submit" and form.is_valid():
                services.report_submit(
                    report=report, values=form.values(), revision=form.cleaned_data["revision"], by=request.user
                )
                messages.success(request, _("The report was submitted."))
                return redirect(request.path)
            if action == "upload" and upload_form.is_valid():
                services.report_upload(report=report, file=upload_form.cleaned_data["file"], by=request.user)
                messages.success(request, _("The values of the file were saved as the draft. Check them, then submit."))
                return redirect(request.path)
            if action == "return" and return_form.is_valid():
                services.report_return(report=report, comment=return_form.cleaned_data["comment"], by=request.user)
                messages.success(request, _("The report was returned to the association."))
                return redirect(request.path)
            if action == "accept":
                services.report_accept(report=report, by=request.user)
                messages.success(request, _("The report was accepted."))
                return redirect(request.path)
        except ValidationError as error:
            for code, message in getattr(error, "problems", {}).items():
                form.add_error(code, message)
            add_to_form({"return": return_form, "upload": upload_form}.get(action, form), error)
    versions = list(report.versions.all()) if report else []
    compared, changes = _compare(request, versions, indicators)
    return render(
        request,
        "reporting/report.html",
        {
            "period": period,
            "association": association,
            "report": report,
            "form": form,
            "return_form": return_form,
            "upload_form": upload_form,
            "editable": editable,
            "can_review": can_review and report and report.status == ReportStatus.SUBMITTED,
            "late": bool(report) and services.is_late(report),
            "versions": versions,
            "compared": compared,
            "changes": changes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consolidation(request, period_pk):
    """The province's consolidated report for a period: figures, chart, texts and the editable
    narrative on the page; .xlsx and .docx downloads."""
    check_perm(request.user, "reporting.view_completeness")
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime", "form"), pk=period_pk)
    data = selectors.consolidation(period)
    consolidated = selectors.consolidated_get(period)
    c = selectors.completeness(period)
    if request.GET.get("format") == "xlsx":
        header = [_("Association"), *[i.label for i in data.indicators]]
        rows = [[a.name, *[row[i.code] for i in data.indicators]] for a, row in data.rows]
        rows.append([_("Total"), *[data.totals[i.code] for i in data.indicators]])
        if data.previous_totals:
            rows.append([_("Previous period"), *[data.previous_totals[i.code] for i in data.indicators]])
        return attachment(xlsx.table(_("Consolidated"), header, rows), f"tong-hop-{period.year}-{period.number}.xlsx")
    if request.GET.get("format") == "docx":
        content = document.period_document(
            period=period, data=data, consolidated=consolidated, c=c, day=timezone.localdate()
        )
        return attachment(content, f"bao-cao-tong-hop-{period.year}-{period.number}.docx")
    can_edit = request.user.has_perm("reporting.edit_consolidated")
    initial = {"revision": consolidated.revision}
    if not consolidated.narrative:
        initial["narrative"] = "\n".join(document.default_narrative(period, data, c))
    form = ConsolidatedForm(request.POST or None, instance=consolidated, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.consolidated_save(
                    period=period, data=form.cleaned_data, revision=form.cleaned_data["revision"], by=request.user
                )
                messages.success(request, _("The consolidated report was saved."))
                return redirect(request.path)
            except ValidationError as error:
                add_to_form(form, error)
    lines = [
        (i, data.totals[i.code], data.previous_totals.get(i.code), selectors.change(data, i.code))
        for i in data.indicators
    ]
    return render(
        request,
        "reporting/consolidation.html",
        {
            "period": period,
            "data": data,
            "lines": lines,
            "chart": selectors.chart(data),
            "form": form,
            "can_edit": can_edit,
            "c": c,
        },
    )


@login_required
@require_http_methods(["POST"])
def remind(request, period_pk):
    """Remind the associations that have not submitted the period's report (notice + e-mail)."""
    check_perm(request.user, "reporting.send_reminders")
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime"), pk=period_pk)
    count = services.reminders_send(period=period, today=timezone.localdate(), by=request.user)
    messages.success(request, _("Reminders were sent to %(n)s associations.") % {"n": count})
    return redirect("reporting:period", period.pk)
