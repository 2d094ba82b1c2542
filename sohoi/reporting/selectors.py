"""Who must report for a period: the associations legally alive during it that the regime covers."""

from django.db.models import Max, Min, Q, QuerySet

from sohoi.registry.models import Association, EventKind, LineageRole, Status
from sohoi.reporting.models import ReportingPeriod

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
    field_ids = list(regime.fields.values_list("id", flat=True))
    if field_ids:
        qs = qs.filter(pk__in=Association.objects.filter(fields__in=field_ids).values("pk"))
    return qs.exclude(status=Status.PROPOSED).order_by("name_folded")
