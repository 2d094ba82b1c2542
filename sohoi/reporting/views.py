from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.core import xlsx
from sohoi.core.errors import add_to_form
from sohoi.core.views import check_perm
from sohoi.registry.selectors import association_get_for_user, association_list_for_user
from sohoi.reporting import document, selectors, services
from sohoi.reporting.forms import ReportValuesForm, ReturnForm
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
    return render(request, "reporting/period_detail.html", {"period": period, "c": selectors.completeness(period)})


def _report_for(request, period_pk, association_pk):
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime__form"), pk=period_pk)
    association = association_get_for_user(request.user, association_pk)
    check_perm(request.user, "reporting.view_report", association)
    if not selectors.expected_associations(period).filter(pk=association.pk).exists():
        raise Http404
    return period, association


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
    indicators = list(period.regime.form.indicators.all())
    editable = can_fill and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    initial = {**(report.values if report else {}), "revision": report.revision if report else 0}
    form = ReportValuesForm(
        request.POST if request.method == "POST" and editable else None,
        initial=initial,
        indicators=indicators,
        disabled=not editable,
    )
    return_form = ReturnForm(request.POST if request.method == "POST" and "return" in request.POST else None)
    if request.method == "POST":
        action = next((a for a in ("save", "submit", "return", "accept") if a in request.POST), "")
        if action in ("save", "submit") and not editable:
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
            add_to_form(return_form if action == "return" else form, error)
    versions = list(report.versions.all()) if report else []
    return render(
        request,
        "reporting/report.html",
        {
            "period": period,
            "association": association,
            "report": report,
            "form": form,
            "return_form": return_form,
            "editable": editable,
            "can_review": can_review and report and report.status == ReportStatus.SUBMITTED,
            "late": bool(report) and services.is_late(report),
            "versions": versions,
            "changes": services.version_diff(versions[-2], versions[-1]) if len(versions) > 1 else {},
        },
    )


@login_required
def consolidation(request, period_pk):
    """The province's consolidated figures for a period, on the page and as .xlsx."""
    check_perm(request.user, "reporting.view_completeness")
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime__form"), pk=period_pk)
    data = selectors.consolidation(period)
    if request.GET.get("format") == "xlsx":
        header = [_("Association"), *[i.label for i in data.indicators]]
        rows = [[a.name, *[row[i.code] for i in data.indicators]] for a, row in data.rows]
        rows.append([_("Total"), *[data.totals[i.code] for i in data.indicators]])
        if data.previous_totals:
            rows.append([_("Previous period"), *[data.previous_totals[i.code] for i in data.indicators]])
        response = HttpResponse(
            xlsx.table(_("Consolidated"), header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="tong-hop-{period.year}-{period.number}.xlsx"'
        return response
    if request.GET.get("format") == "docx":
        narrative = [f"{label} — {a.name}: {text}" for label, entries in data.texts for a, text in entries]
        rows = [[i.label, data.totals[i.code], data.previous_totals.get(i.code, "—")] for i in data.indicators]
        content = document.consolidated_report(
            title=period.regime.title.upper(),
            subtitle=f"{period.starts_on:%d/%m/%Y} – {period.ends_on:%d/%m/%Y}",
            narrative=narrative,
            table_header=["Chỉ tiêu", "Kỳ này", "Kỳ trước"],
            table_rows=rows,
            day=timezone.localdate(),
        )
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="bao-cao-tong-hop-{period.year}-{period.number}.docx"'
        return response
    lines = [(i, data.totals[i.code], data.previous_totals.get(i.code)) for i in data.indicators]
    return render(request, "reporting/consolidation.html", {"period": period, "data": data, "lines": lines})
