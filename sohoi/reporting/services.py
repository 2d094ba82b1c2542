"""Writes of the reporting module: atomic, validated, audited. Every state change of a report goes
through one of report_save / report_submit / report_return / report_accept."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.accounts.selectors import officers_of, province_officers
from sohoi.activities.selectors import figures as activity_figures
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff
from sohoi.core.errors import ApplicationError
from sohoi.core.text import parse_whole_number
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send
from sohoi.reporting import law
from sohoi.reporting.models import (
    IndicatorKind,
    Operator,
    Prefill,
    Report,
    ReportForm,
    ReportingPeriod,
    ReportingRegime,
    ReportStatus,
    ReportVersion,
)


@transaction.atomic
def periods_generate(*, regime: ReportingRegime, year: int, by) -> list[ReportingPeriod]:
    """Create the regime's periods of `year` that do not exist yet, on the form in force. Side effects:
    audit entries."""
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100, not %(year)s.") % {"year": year}, field="year")
    form = regime.form or ReportForm.objects.create(regime=regime)  # a regime's first form may be empty
    created = []
    for number in range(1, law.PERIODS_PER_YEAR[regime.period_type] + 1):
        starts_on, ends_on = law.period_bounds(regime.period_type, year, number)
        period, is_new = ReportingPeriod.objects.get_or_create(
            regime=regime,
            year=year,
            number=number,
            defaults={
                "starts_on": starts_on,
                "ends_on": ends_on,
                "due_on": law.due_date(ends_on, regime.deadline_kind, regime.deadline_value),
                "form": form,
            },
        )
        if is_new:
            audit_log(actor=by, action=Action.CREATE, obj=period)
            created.append(period)
    return created


def prefill_values(*, period: ReportingPeriod, association) -> dict:
    """What the registry knows on the period's cut-off date, and the activities register of the period,
    for the indicators that ask for it."""
    from sohoi.members.selectors import active_on, joined_between  # reporting reads the registry, not the reverse

    memberships = association.memberships.all()
    on = period.ends_on
    sources = {
        Prefill.MEMBERS: lambda: active_on(memberships, on).count(),
        Prefill.NEW_MEMBERS: lambda: joined_between(memberships, period.starts_on, on).count(),
        Prefill.WOMEN: lambda: active_on(memberships, on).filter(person__sex="F").count(),
        Prefill.ETHNIC_MINORITY: lambda: active_on(memberships, on).exclude(person__ethnicity__in=["", "01"]).count(),
        Prefill.BRANCHES: lambda: (
            association.branches.filter(established_on__lte=on).exclude(closed_on__lte=on).count()
        ),
    }
    register = {}  # the activities register's figures for the period, read once when a form asks for one

    def activity(key):
        def read():
            if not register:
                register.update(activity_figures(association, period.starts_on, on))
            return register[key]

        return read

    sources |= {
        Prefill.ACTIVITIES: activity("activities"),
        Prefill.BENEFICIARIES: activity("beneficiaries"),
        Prefill.MONEY_RAISED: activity("money_raised"),
        Prefill.LEGAL_SESSIONS: activity("legal"),
        Prefill.DIGITAL_ACTIVITIES: activity("digital"),
        Prefill.PRODUCTION_MEMBERS: activity("production_members"),
    }
    form = period.form
    return {i.code: sources[i.prefill]() for i in form.indicators.all() if i.prefill in sources}


@transaction.atomic
def report_open(*, period: ReportingPeriod, association, by) -> Report:
    """The association's report for the period, created as a pre-filled draft the first time.
    Side effect on creation: the report row and its audit entry."""
    report, created = Report.objects.get_or_create(period=period, association=association)
    if created:
        report.values = prefill_values(period=period, association=association)
        report.save(update_fields=["values"])
        audit_log(actor=by, action=Action.CREATE, obj=report, changes=diff({}, report.values))
    return report


def report_problems(report: Report, values: dict) -> dict[str, str]:
    """{indicator code: message} for every missing value, bad number and broken rule of the form."""
    form = report.period.form
    indicators = {i.code: i for i in form.indicators.all()}
    problems: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for code, indicator in indicators.items():
        value = values.get(code)
        if value in (None, ""):
            if indicator.required:
                problems[code] = _("Fill in “%(label)s”.") % {"label": indicator.label}
            continue
        if indicator.kind != IndicatorKind.TEXT:
            number = parse_whole_number(value)
            if number is None:
                problems[code] = _("“%(label)s” must be a whole number, not “%(value)s”.") % {
                    "label": indicator.label,
                    "value": value,
                }
                continue
            if number < 0:
                problems[code] = _("“%(label)s” cannot be negative.") % {"label": indicator.label}
                continue
            numbers[code] = number
    for rule in form.rules.select_related("left", "right"):
        left, right = numbers.get(rule.left.code), numbers.get(rule.right.code)
        if left is None or right is None or rule.left.code in problems:
            continue
        holds = {Operator.LTE: left <= right, Operator.GTE: left >= right, Operator.EQ: left == right}[rule.operator]
        if not holds:
            problems[rule.left.code] = _("“%(left)s” (%(lv)s) must be %(op)s “%(right)s” (%(rv)s).") % {
                "left": rule.left.label,
                "lv": left,
                "op": rule.get_operator_display(),
                "right": rule.right.label,
                "rv": right,
            }
    return problems


def _stale() -> ApplicationError:
    return ApplicationError(
        _(
            "Someone else saved this report after you opened it. Your changes were not saved: copy them, "
            "reload the page to see the other changes, and enter yours again."
        )
    )


def _lock(report: Report, revision: int) -> Report:
    locked = Report.objects.select_for_update(of=("self",)).select_related("period__form").get(pk=report.pk)
    if locked.status == ReportStatus.ACCEPTED:
        raise ApplicationError(_("This report was accepted and is locked."))
    if locked.status == ReportStatus.SUBMITTED:
        raise ApplicationError(_("This report was submitted and is waiting for review: it cannot be changed now."))
    if locked.revision != revision:
        raise _stale()
    return locked


@transaction.atomic
def report_save(*, report: Report, values: dict, revision: int, by) -> Report:
    """Save a draft. Refused when the report is locked or was saved by someone else since `revision`."""
    report = _lock(report, revision)
    changes = diff(report.values, values)
    report.values, report.revision = values, report.revision + 1
    report.save(update_fields=["values", "revision"])
    audit_log(actor=by, action=Action.UPDATE, obj=report, changes=changes)
    return report


@transaction.atomic
def report_submit(*, report: Report, values: dict, revision: int, by) -> Report:
    """Validate and submit; the submitted values are kept as a new version."""
    report = _lock(report, revision)
    problems = report_problems(report, values)
    if problems:
        error = ApplicationError(_("The report has problems: see the marked fields."))
        error.problems = problems
        raise error
    now = timezone.now()
    report.values, report.revision, report.status = values, report.revision + 1, ReportStatus.SUBMITTED
    report.first_submitted_at = report.first_submitted_at or now
    report.save(update_fields=["values", "revision", "status", "first_submitted_at"])
    ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        values=values,
        submitted_at=now,
        submitted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_log(actor=by, action=Action.UPDATE, obj=report, changes={"status": ["", ReportStatus.SUBMITTED]})
    text = _("%(name)s submitted the report “%(title)s %(year)s”: review it.") % _named(report)
    url = reverse("reporting:report", args=[report.period_id, report.association_id])
    notices_send(users=province_officers(), kind=NoticeKind.REPORT_SUBMITTED, text=text, url=url, by=by)
    return report


def _review(report: Report, status: str, by, comment: str = "") -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be reviewed."))
    before = locked.status
    locked.status, locked.return_comment, locked.revision = status, comment, locked.revision + 1
    locked.save(update_fields=["status", "return_comment", "revision"])
    audit_log(actor=by, action=Action.UPDATE, obj=locked, changes={"status": [before, status]}, note=comment[:300])
    return locked


def _tell_association(report: Report, kind: str, text: str, by) -> None:
    url = reverse("reporting:report", args=[report.period_id, report.association_id])
    notices_send(users=officers_of([report.association_id]), kind=kind, text=text, url=url, by=by)


def _named(report: Report) -> dict:
    return {"title": report.period.regime.title, "year": report.period.year, "name": report.association.name}


@transaction.atomic
def report_return(*, report: Report, comment: str, by) -> Report:
    """Send a submitted report back to the association with a comment. Side effect: a notice to its
    officers."""
    if not comment.strip():
        raise ApplicationError(_("Say what must be revised."), field="comment")
    report = _review(report, ReportStatus.RETURNED, by, comment.strip())
    text = _("The report “%(title)s %(year)s” of %(name)s was returned for revision: %(comment)s")
    _tell_association(report, NoticeKind.REPORT_RETURNED, text % {**_named(report), "comment": comment.strip()}, by)
    return report


@transaction.atomic
def report_accept(*, report: Report, by) -> Report:
    """Accept a submitted report; it is locked from then on. Side effect: a notice to its officers."""
    report = _review(report, ReportStatus.ACCEPTED, by)
    text = _("The report “%(title)s %(year)s” of %(name)s was accepted.") % _named(report)
    _tell_association(report, NoticeKind.REPORT_ACCEPTED, text, by)
    return report


def is_late(report: Report) -> bool:
    """Late when first submitted after the period's deadline (the deadline day itself is on time)."""
    if report.first_submitted_at is None:
        return False
    return timezone.localtime(report.first_submitted_at).date() > report.period.due_on


def version_diff(old: ReportVersion, new: ReportVersion) -> dict[str, list]:
    return diff(old.values, new.values)


@transaction.atomic
def report_upload(*, report: Report, file, by) -> Report:
    """Save the values of a filled report file (sohoi.reporting.xlsx) as the draft, with the checks of
    submission except "required" (a draft may be incomplete). Any problem refuses the whole file."""
    from sohoi.reporting.xlsx import VALUE_COLUMN, read_filled

    filled = read_filled(file, list(report.period.form.indicators.all()))
    if (filled.period, filled.association) != (report.period_id, report.association_id):
        raise ApplicationError(_("This file is the form of another report: download this report's form."))
    problems = list(filled.problems)
    found = report_problems(report, filled.values)
    for code, message in sorted(found.items(), key=lambda item: filled.rows.get(item[0], 0)):
        if code in filled.values:
            problems.append(
                _("Row %(row)s, column %(col)s: %(problem)s")
                % {"row": filled.rows[code], "col": VALUE_COLUMN, "problem": message}
            )
    if problems:
        raise ApplicationError(problems)
    return report_save(report=report, values=filled.values, revision=filled.revision, by=by)


def reminder_targets(period: ReportingPeriod) -> list:
    """The expected associations whose report is not submitted (missing, draft or returned)."""
    from sohoi.reporting.selectors import completeness

    return [
        row.association
        for row in completeness(period).rows
        if row.state in ("missing", ReportStatus.DRAFT, ReportStatus.RETURNED)
    ]


def reminders_send(*, period: ReportingPeriod, today, by=None) -> int:
    """Remind the officers of every association that has not submitted the period's report: a notice in
    the app and an e-mail, at most once a day each. Returns the number of associations reminded."""
    reminded = 0
    for association in reminder_targets(period):
        officers = officers_of([association.pk])
        if today > period.due_on:
            text = _("The report “%(title)s %(year)s” of %(name)s is overdue: it was due on %(due)s.")
        else:
            text = _("The report “%(title)s %(year)s” of %(name)s is due on %(due)s.")
        text %= {
            "title": period.regime.title,
            "year": period.year,
            "name": association.name,
            "due": period.due_on.strftime("%d/%m/%Y"),
        }
        url = reverse("reporting:report", args=[period.pk, association.pk])
        key = f"report:{period.pk}:{association.pk}:{today}"
        if notices_send(users=officers, kind=NoticeKind.REPORT_REMINDER, text=text, url=url, key=key):
            reminded += 1
    if by is not None:
        audit_log(actor=by, action=Action.UPDATE, obj=period, note=f"reminders: {reminded}")
    return reminded


@transaction.atomic
def consolidated_save(*, period: ReportingPeriod, data: dict, revision: int, by):
    """Save the province's number, date, narrative and signer of a period's consolidated report."""
    from sohoi.reporting.models import ConsolidatedReport

    ConsolidatedReport.objects.get_or_create(period=period)
    locked = ConsolidatedReport.objects.select_for_update().get(period=period)
    if locked.revision != revision:
        raise _stale()
    fields = ["parent_body", "number", "place", "issued_on", "narrative", "signer_title", "signer_name"]
    before = {f: str(getattr(locked, f) or "") for f in fields}
    for name in fields:
        setattr(locked, name, data[name])
    locked.revision += 1
    locked.save()
    audit_log(
        actor=by,
        action=Action.UPDATE,
        obj=locked,
        changes=diff(before, {f: str(getattr(locked, f) or "") for f in fields}),
    )
    return locked


def obligations_carry(*, sources: list[int], to: list, by) -> int:
    """A reorganisation's report obligations (inside the caller's transaction): every regime that names
    one of `sources` names the associations `to` too (the sources stay named for the periods they
    reported). The regimes that choose by field, scope or assignment need nothing: the results are
    chosen as the sources were, from their reorganisation's date. Returns the regimes changed."""
    regimes = list(ReportingRegime.objects.filter(associations__in=sources).distinct().order_by("pk"))
    for regime in regimes:
        regime.associations.add(*to)
        audit_log(actor=by, action=Action.UPDATE, obj=regime, note=", ".join(a.name for a in to))
    return len(regimes)
