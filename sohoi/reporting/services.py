from django.db import transaction

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.reporting import law
from sohoi.reporting.models import ReportingPeriod, ReportingRegime


@transaction.atomic
def periods_generate(*, regime: ReportingRegime, year: int, by) -> list[ReportingPeriod]:
    """Create the regime's periods of `year` that do not exist yet. Side effects: audit entries."""
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
            },
        )
        if is_new:
            audit_log(actor=by, action=Action.CREATE, obj=period)
            created.append(period)
    return created
