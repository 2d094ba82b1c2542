"""Writes of the province's reporting configuration: regimes (who reports, how often, by when), their
forms (indicators and the checks between them) and their periods. A form that has reports is never
changed under them: the first edit after a report makes the next version, and only the periods with
no report yet move to it. Every change audited."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text
from sohoi.reporting.models import (
    DeadlineKind,
    Indicator,
    IndicatorKind,
    Operator,
    PeriodType,
    Prefill,
    Report,
    ReportForm,
    ReportingPeriod,
    ReportingRegime,
    ValidationRule,
)

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
REGIME_FIELDS = [
    "title",
    "period_type",
    "deadline_kind",
    "deadline_value",
    "only_assigned",
    "scope_level",
    "fields",
    "associations",
]


@dataclass
class RegimeData:
    title: str
    period_type: str
    deadline_kind: str
    deadline_value: int
    only_assigned: bool = False
    scope_level: str = ""
    fields: list = field(default_factory=list)
    associations: list = field(default_factory=list)


def _check_regime(data: RegimeData) -> None:
    if not clean_text(data.title):
        raise ApplicationError(_("Give the regime a title."), field="title")
    if data.period_type not in PeriodType.values:
        raise ApplicationError(_("Choose how often it is reported."), field="period_type")
    if data.deadline_kind == DeadlineKind.DAY_OF_LAST_MONTH and not 1 <= data.deadline_value <= 31:
        raise ApplicationError(_("A day of the month is from 1 to 31."), field="deadline_value")
    if data.deadline_kind == DeadlineKind.WORKING_DAYS_AFTER and not 0 <= data.deadline_value <= 60:
        raise ApplicationError(_("Give from 0 to 60 working days."), field="deadline_value")


@transaction.atomic
def regime_save(*, data: RegimeData, by, regime: ReportingRegime | None = None) -> ReportingRegime:
    """A new regime (with an empty first form), or its settings changed. Periods already generated keep
    their dates; a regime with periods keeps its frequency."""
    _check_regime(data)
    new = regime is None
    if new:
        regime = ReportingRegime()
    elif data.period_type != regime.period_type and regime.periods.exists():
        raise ApplicationError(
            _("This regime has periods already: its frequency stays. Create a new regime for another one."),
            field="period_type",
        )
    before = {} if new else snapshot(regime, REGIME_FIELDS)
    regime.title = clean_text(data.title)
    regime.period_type, regime.deadline_kind, regime.deadline_value = (
        data.period_type,
        data.deadline_kind,
        data.deadline_value,
    )
    regime.only_assigned, regime.scope_level = data.only_assigned, data.scope_level
    regime.save()
    regime.fields.set(data.fields)
    regime.associations.set(data.associations)
    if new:
        ReportForm.objects.create(regime=regime)
    changes = diff(before, snapshot(regime, REGIME_FIELDS))
    if new or changes:
        audit_log(actor=by, action=Action.CREATE if new else Action.UPDATE, obj=regime, changes=changes)
    return regime


def has_reports(form: ReportForm) -> bool:
    return Report.objects.filter(period__form=form).exists()


def editable_form(regime: ReportingRegime, by) -> ReportForm:
    """The form to change: the one in force while no report uses it, else its next version — a copy of
    its indicators and checks — onto which the periods with no report yet move."""
    current = regime.form or ReportForm.objects.create(regime=regime)
    if not has_reports(current):
        return current
    following = ReportForm.objects.create(regime=regime, version=current.version + 1)
    copies = {}
    for indicator in current.indicators.all():
        old_pk = indicator.pk
        indicator.pk, indicator.form = None, following
        indicator.save()
        copies[old_pk] = indicator
    for rule in current.rules.all():
        ValidationRule.objects.create(
            form=following, left=copies[rule.left_id], operator=rule.operator, right=copies[rule.right_id]
        )
    ReportingPeriod.objects.filter(form=current, reports__isnull=True).update(form=following)
    audit_log(
        actor=by,
        action=Action.CREATE,
        obj=following,
        note=_("Version %(new)s: version %(old)s has reports and stays as it is")
        % {"new": following.version, "old": current.version},
    )
    return following


@dataclass
class IndicatorData:
    code: str
    label: str
    kind: str = IndicatorKind.NUMBER
    prefill: str = Prefill.NONE
    required: bool = False
    order: int | None = None


@transaction.atomic
def indicator_save(*, regime: ReportingRegime, data: IndicatorData, by) -> Indicator:
    """Add an indicator to the regime's form, or change the one with this code."""
    code = data.code.strip().lower()
    if not CODE.match(code):
        raise ApplicationError(
            _("A code is up to 40 lower-case letters without accents, digits and _, beginning with a letter."),
            field="code",
        )
    if not clean_text(data.label):
        raise ApplicationError(_("Give the indicator a label."), field="label")
    if data.kind not in IndicatorKind.values:
        raise ApplicationError(_("Choose the kind of value."), field="kind")
    if data.prefill and data.kind == IndicatorKind.TEXT:
        raise ApplicationError(_("Only a number can be pre-filled from the registry."), field="prefill")
    form = editable_form(regime, by)
    indicator = form.indicators.filter(code=code).first()
    used = indicator and form.rules.filter(Q(left=indicator) | Q(right=indicator)).exists()
    if used and data.kind == IndicatorKind.TEXT:
        raise ApplicationError(_("A check uses this indicator: a text section cannot be compared."), field="kind")
    before = snapshot(indicator, ["label", "kind", "prefill", "required", "order"]) if indicator else {}
    if indicator is None:
        last = form.indicators.order_by("-order").values_list("order", flat=True).first()
        indicator = Indicator(form=form, code=code, order=(last or 0) + 1 if data.order is None else data.order)
    elif data.order is not None:
        indicator.order = data.order
    indicator.label, indicator.kind, indicator.prefill, indicator.required = (
        clean_text(data.label),
        data.kind,
        data.prefill,
        data.required,
    )
    indicator.save()
    changes = diff(before, snapshot(indicator, ["label", "kind", "prefill", "required", "order"]))
    if changes:
        audit_log(actor=by, action=Action.UPDATE, obj=form, changes=changes, note=code)
    return indicator


@transaction.atomic
def indicator_remove(*, regime: ReportingRegime, code: str, by) -> None:
    """Take an indicator off the form (and the checks that use it); the reports of earlier versions keep
    their values."""
    form = editable_form(regime, by)
    indicator = form.indicators.filter(code=code).first()
    if indicator is None:
        raise ApplicationError(_("The form has no indicator “%(code)s”.") % {"code": code})
    form.rules.filter(left=indicator).delete()
    form.rules.filter(right=indicator).delete()
    indicator.delete()
    audit_log(actor=by, action=Action.DELETE, obj=form, note=code)


@transaction.atomic
def rule_add(*, regime: ReportingRegime, left: str, operator: str, right: str, by) -> ValidationRule:
    """A check between two numbers of the form (e.g. women ≤ members)."""
    if operator not in Operator.values:
        raise ApplicationError(_("Choose how the two are compared."), field="operator")
    if left == right:
        raise ApplicationError(_("Compare two different indicators."), field="right")
    form = editable_form(regime, by)
    found = {i.code: i for i in form.indicators.filter(code__in=[left, right]).exclude(kind=IndicatorKind.TEXT)}
    if left not in found or right not in found:
        raise ApplicationError(_("Choose two numbers of the form."), field="left")
    if form.rules.filter(left=found[left], operator=operator, right=found[right]).exists():
        raise ApplicationError(_("The form has this check already."))
    rule = ValidationRule.objects.create(form=form, left=found[left], operator=operator, right=found[right])
    audit_log(actor=by, action=Action.UPDATE, obj=form, note=str(rule))
    return rule


@transaction.atomic
def rule_remove(*, regime: ReportingRegime, rule: ValidationRule, by) -> None:
    form = editable_form(regime, by)
    text = str(rule)
    # the same check on the version being edited (a new version has copies of the rules)
    form.rules.filter(left__code=rule.left.code, operator=rule.operator, right__code=rule.right.code).delete()
    audit_log(actor=by, action=Action.DELETE, obj=form, note=text)
