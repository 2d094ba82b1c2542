"""The province officers' pages that configure reporting: regimes, their forms (indicators and
checks, versioned under the reports), and their periods."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sohoi.core.errors import add_to_form
from sohoi.core.views import require_perm
from sohoi.reporting import configuration, services
from sohoi.reporting.forms import IndicatorForm, RegimeForm, RuleForm, YearForm
from sohoi.reporting.models import IndicatorKind, ReportingRegime, ValidationRule


def _regime_data(form: RegimeForm) -> configuration.RegimeData:
    d = form.cleaned_data
    return configuration.RegimeData(
        title=d["title"],
        period_type=d["period_type"],
        deadline_kind=d["deadline_kind"],
        deadline_value=d["deadline_value"],
        only_assigned=d["only_assigned"],
        scope_level=d["scope_level"] or "",
        fields=list(d["fields"]),
        associations=list(d["associations"]),
    )


@login_required
@require_perm("reporting.configure")
def regime_list(request):
    regimes = ReportingRegime.objects.annotate(
        version=Max("forms__version"), period_count=Count("periods", distinct=True)
    ).order_by("title")
    return render(request, "reporting/regime_list.html", {"regimes": regimes})


@login_required
@require_perm("reporting.configure")
@require_http_methods(["GET", "POST"])
def regime_create(request):
    form = RegimeForm(request.POST or None, initial={"deadline_kind": "working_days", "deadline_value": 2})
    if request.method == "POST" and form.is_valid():
        try:
            regime = configuration.regime_save(data=_regime_data(form), by=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The regime was created: add the indicators of its form."))
            return redirect("reporting:regime", pk=regime.pk)
    return render(request, "reporting/regime_form.html", {"form": form, "title": _("New reporting regime")})


def _page(request, regime, **forms):
    current = regime.form
    indicators = list(current.indicators.all()) if current else []
    numbers = [i for i in indicators if i.kind != IndicatorKind.TEXT]
    context = {
        "regime": regime,
        "current": current,
        "locked": bool(current) and configuration.has_reports(current),
        "indicators": indicators,
        "rules": list(current.rules.select_related("left", "right")) if current else [],
        "versions": list(regime.forms.order_by("-version")),
        "periods": list(regime.periods.select_related("form").order_by("-starts_on")[:24]),
        "regime_form": forms.get("regime_form")
        or RegimeForm(
            initial={
                "title": regime.title,
                "period_type": regime.period_type,
                "deadline_kind": regime.deadline_kind,
                "deadline_value": regime.deadline_value,
                "only_assigned": regime.only_assigned,
                "scope_level": regime.scope_level,
                "fields": list(regime.fields.all()),
                "associations": list(regime.associations.all()),
            }
        ),
        "indicator_form": forms.get("indicator_form") or IndicatorForm(),
        "rule_form": forms.get("rule_form") or RuleForm(numbers=numbers),
        "year_form": forms.get("year_form") or YearForm(initial={"year": timezone.localdate().year + 1}),
    }
    return render(request, "reporting/regime_detail.html", context)


def _regime(pk) -> ReportingRegime:
    return get_object_or_404(ReportingRegime, pk=pk)


@login_required
@require_perm("reporting.configure")
@require_http_methods(["GET", "POST"])
def regime_detail(request, pk):
    """The regime's settings (POST saves them), its form, checks, versions and periods."""
    regime = _regime(pk)
    if request.method != "POST":
        return _page(request, regime)
    form = RegimeForm(request.POST)
    if form.is_valid():
        try:
            configuration.regime_save(data=_regime_data(form), regime=regime, by=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The regime was saved."))
            return redirect("reporting:regime", pk=pk)
    return _page(request, regime, regime_form=form)


def _write(request, regime, form, act, message, key):
    """One write from the regime's page: the form's errors and the service's refusals shown there."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, message)
            return redirect("reporting:regime", pk=regime.pk)
    return _page(request, regime, **{key: form})


@login_required
@require_perm("reporting.configure")
@require_POST
def indicator_save(request, pk):
    regime = _regime(pk)

    def act(d):
        data = configuration.IndicatorData(
            code=d["code"],
            label=d["label"],
            kind=d["kind"],
            prefill=d["prefill"] or "",
            required=d["required"],
            order=d["order"],
        )
        configuration.indicator_save(regime=regime, data=data, by=request.user)

    return _write(request, regime, IndicatorForm(request.POST), act, _("The indicator was saved."), "indicator_form")


@login_required
@require_perm("reporting.configure")
@require_POST
def indicator_remove(request, pk, code):
    regime = _regime(pk)
    try:
        configuration.indicator_remove(regime=regime, code=code, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The indicator was taken off the form."))
    return redirect("reporting:regime", pk=pk)


@login_required
@require_perm("reporting.configure")
@require_POST
def rule_add(request, pk):
    regime = _regime(pk)
    numbers = regime.form.indicators.exclude(kind=IndicatorKind.TEXT) if regime.form else []
    return _write(
        request,
        regime,
        RuleForm(request.POST, numbers=numbers),
        lambda d: configuration.rule_add(regime=regime, by=request.user, **d),
        _("The check was added."),
        "rule_form",
    )


@login_required
@require_perm("reporting.configure")
@require_POST
def rule_remove(request, pk, rule_pk):
    regime = _regime(pk)
    rule = get_object_or_404(ValidationRule.objects.select_related("left", "right"), pk=rule_pk, form__regime=regime)
    configuration.rule_remove(regime=regime, rule=rule, by=request.user)
    messages.success(request, _("The check was removed."))
    return redirect("reporting:regime", pk=pk)


@login_required
@require_perm("reporting.configure")
@require_POST
def periods_generate(request, pk):
    regime = _regime(pk)
    form = YearForm(request.POST)
    if not form.is_valid():
        return _page(request, regime, year_form=form)
    year = form.cleaned_data["year"]
    created = services.periods_generate(regime=regime, year=year, by=request.user)
    if created:
        messages.success(request, _("%(n)s periods of %(year)s created.") % {"n": len(created), "year": year})
    else:
        messages.info(request, _("The periods of %(year)s exist already.") % {"year": year})
    return redirect("reporting:regime", pk=pk)
