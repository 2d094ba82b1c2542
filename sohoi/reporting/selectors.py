"""Who must report for a period: the associations legally alive during it that the regime covers."""

from dataclasses import dataclass

from django.db.models import Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from sohoi.core.text import parse_whole_number
from sohoi.registry.models import Association, AssociationLink, EventKind, LineageRole, Status
from sohoi.reporting.models import ConsolidatedReport, Report, ReportingPeriod, ReportStatus

# The events that give an association legal existence, and those that end it.
_BEGINS = Q(events__kind=EventKind.ESTABLISHMENT_PERMIT) | Q(events__lineage_role=LineageRole.TARGET)
_ENDS = Q(events__kind=EventKind.DISSOLUTION) | (
    Q(events__lineage_role=LineageRole.SOURCE) & ~Q(events__kind=EventKind.SEPARATION)
)


def expected_associations(period: ReportingPeriod) -> QuerySet[Association]:
    """Associations permitted on or before the period's last day and not ended before its first day
    (an association dissolved in March is still expected for the 6-month report), filtered by the
    regime's scope."""
    regime = period.regime
    qs = (
        Association.objects.annotate(
            began_on=Min("events__occurred_on", filter=_BEGINS),
            ended_on=Max("events__occurred_on", filter=_ENDS),
        )
        .filter(began_on__lte=period.ends_on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.starts_on))
    )
    if regime.only_assigned:
        qs = qs.filter(is_assigned_tasks=True)
    if regime.scope_level:
        qs = qs.filter(scope_level=regime.scope_level)
    only = list(regime.associations.values_list("pk", flat=True))
    if only:
        qs = qs.filter(pk__in=only)
    field_ids = list(regime.fields.values_list("id", flat=True))
    if field_ids:
        qs = qs.filter(pk__in=Association.objects.filter(fields__in=field_ids).values("pk"))
    return qs.exclude(status=Status.PROPOSED).order_by("name_folded")


@dataclass
class CompletenessRow:
    association: Association
    report: Report | None
    state: str  # missing, draft, submitted, returned, accepted
    late: bool
    # for an association formed by a reorganisation since the previous period: its predecessors that
    # were expected then, each with what became of its report for that period (a status label)
    predecessors: list[tuple[Association, str]] = ()


@dataclass
class Completeness:
    rows: list[CompletenessRow]
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    returned: int
    previous: ReportingPeriod | None = None
    previous_expected: int = 0
    previous_submitted: int = 0
    merged: int = 0  # the previous period's associations now reporting as one of this period's results

    @property
    def accepted(self) -> int:
        return sum(r.state == ReportStatus.ACCEPTED for r in self.rows)

    def rate(self, part: int) -> float:
        return round(100 * part / self.expected, 1) if self.expected else 0.0


def previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    """The same regime's period that ended last before this one began."""
    return (
        ReportingPeriod.objects.filter(regime=period.regime, ends_on__lt=period.starts_on).order_by("-ends_on").first()
    )


def predecessors_of(ids) -> dict[int, list[Association]]:
    """Each of these associations' predecessors (registry lineage links), in the order they were linked."""
    links: dict[int, list[Association]] = {}
    for link in AssociationLink.objects.filter(successor__in=ids).select_related("predecessor").order_by("pk"):
        links.setdefault(link.successor_id, []).append(link.predecessor)
    return links


def completeness(period: ReportingPeriod) -> Completeness:
    """Expected, submitted (ever), on time, late, missing and returned reports of a period; beside them
    the previous period's expected and submitted, and for each association formed by a reorganisation
    since then, how its predecessors stood in that period."""
    from sohoi.reporting.services import is_late  # one rule for "late", kept with the writes

    reports = {r.association_id: r for r in Report.objects.filter(period=period).select_related("period")}
    rows = []
    for association in expected_associations(period):
        report = reports.get(association.pk)
        state = report.status if report else "missing"
        rows.append(CompletenessRow(association, report, state, bool(report) and is_late(report)))
    submitted = [r for r in rows if r.report and r.report.first_submitted_at]
    result = Completeness(
        rows=rows,
        expected=len(rows),
        submitted=len(submitted),
        late=sum(r.late for r in submitted),
        on_time=sum(not r.late for r in submitted),
        missing=len(rows) - len(submitted),
        returned=sum(r.state == ReportStatus.RETURNED for r in rows),
    )
    previous = previous_period(period)
    if previous:
        _beside_previous(result, previous)
    return result


def _beside_previous(result: Completeness, previous: ReportingPeriod) -> None:
    expected_then = set(expected_associations(previous).values_list("pk", flat=True))
    states = dict(Report.objects.filter(period=previous).values_list("association", "status"))
    result.previous = previous
    result.previous_expected = len(expected_then)
    result.previous_submitted = Report.objects.filter(
        period=previous, association__in=expected_then, first_submitted_at__isnull=False
    ).count()
    new = [row for row in result.rows if row.association.pk not in expected_then]
    links = predecessors_of([row.association.pk for row in new])
    for row in new:
        then = [p for p in links.get(row.association.pk, []) if p.pk in expected_then]
        row.predecessors = [(p, ReportStatus(states[p.pk]).label if p.pk in states else _("Not started")) for p in then]
        result.merged += len(row.predecessors)


@dataclass
class Consolidation:
    indicators: list  # numeric indicators of the form, in order
    rows: list[tuple[Association, dict]]  # accepted reports: association, its numbers
    totals: dict
    previous_totals: dict  # the same regime's period before, for the change column
    previous: ReportingPeriod | None
    texts: list[tuple[str, list[tuple[Association, str]]]]  # text sections gathered by association
    lineage: list["LineageLine"] = ()  # results of a reorganisation, against their predecessors


@dataclass
class LineageLine:
    """An association formed by a reorganisation since the previous period, beside the sum of its
    predecessors' figures for that period ("so với tổng của các hội hợp nhất")."""

    association: Association
    predecessors: list[Association]
    values: dict
    previous: dict

    def change(self, code: str) -> int:
        return self.values[code] - self.previous[code]

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(this period, the predecessors' sum) for the first three indicators."""
        return [(self.values[code], self.previous[code]) for code in list(self.values)[:3]]


def consolidation(period: ReportingPeriod) -> Consolidation:
    """The province's figures for a period: totals and per-association tables of the accepted reports,
    the change against the previous period, and the text sections gathered by association."""
    from sohoi.reporting.models import IndicatorKind

    indicators = list(period.form.indicators.all())
    numeric = [i for i in indicators if i.kind != IndicatorKind.TEXT]

    def accepted(p):
        return (
            Report.objects.filter(period=p, status=ReportStatus.ACCEPTED)
            .select_related("association")
            .order_by("association__name_folded")
        )

    def numbers(values: dict) -> dict:
        return {i.code: parse_whole_number(values.get(i.code)) or 0 for i in numeric}

    def total(reports) -> dict:
        sums = dict.fromkeys((i.code for i in numeric), 0)
        for report in reports:
            for code, value in numbers(report.values).items():
                sums[code] += value
        return sums

    reports = list(accepted(period))
    previous = previous_period(period)
    texts = [
        (i.label, [(r.association, r.values[i.code]) for r in reports if r.values.get(i.code)])
        for i in indicators
        if i.kind == IndicatorKind.TEXT
    ]
    texts = [(label, entries) for label, entries in texts if entries]  # sections nobody wrote are left out
    rows = [(r.association, numbers(r.values)) for r in reports]
    return Consolidation(
        indicators=numeric,
        rows=rows,
        totals=total(reports),
        previous_totals=total(accepted(previous)) if previous else {},
        previous=previous,
        texts=texts,
        lineage=_lineage(rows, accepted(previous), numbers) if previous else [],
    )


def _lineage(rows, previous_reports, numbers) -> list[LineageLine]:
    """For each association of `rows` with no report of its own in the previous period but predecessors
    (registry lineage links) that reported then: their figures added up."""
    earlier = {r.association_id: r for r in previous_reports}
    links = predecessors_of([a.pk for a, _values in rows if a.pk not in earlier])
    lines = []
    for association, values in rows:
        reported = [p for p in links.get(association.pk, []) if p.pk in earlier]
        if not reported:
            continue
        previous = dict.fromkeys(values, 0)
        for predecessor in reported:
            for code, value in numbers(earlier[predecessor.pk].values).items():
                previous[code] += value
        lines.append(LineageLine(association, reported, values, previous))
    return lines


def change(data: Consolidation, code: str) -> int | None:
    """This period's total minus the previous period's, or None when there is no previous period."""
    if not data.previous_totals:
        return None
    return data.totals[code] - data.previous_totals[code]


def chart(data: Consolidation) -> list[tuple]:
    """Rows of the bar chart: (indicator, total, previous, the larger of the two as the scale)."""
    return [
        (
            i,
            data.totals[i.code],
            data.previous_totals.get(i.code),
            max(data.totals[i.code], data.previous_totals.get(i.code) or 0, 1),
        )
        for i in data.indicators
    ]


def consolidated_get(period: ReportingPeriod) -> ConsolidatedReport:
    """The province's saved number, narrative and signer for the period, or an unsaved blank one."""
    return ConsolidatedReport.objects.filter(period=period).first() or ConsolidatedReport(period=period)
