"""Reporting periods and deadlines — Decree 09/2019/NĐ-CP on the state reporting regime.

Art 12: the data of a report are cut off at the 14th: a month runs from the 15th of the month
before to the 14th; a quarter from the 15th of the month before its first month to the 14th of its
last month; the 6-month report from 15/12 of the previous year to 14/06; the 9-month one from
15/12 to 14/09; the annual one from 15/12 of the previous year to 14/12.
Deadlines are set by each regime (a province may ask for N working days after the cut-off; the
province reports to the Government by the 25th of the period's last month): they are data.
"""

import datetime as dt

from sohoi.core.calendar import add_working_days
from sohoi.reporting.models import DeadlineKind, PeriodType

# How many periods a year has, and the last month of period `n`.
PERIODS_PER_YEAR = {
    PeriodType.MONTH: 12,
    PeriodType.QUARTER: 4,
    PeriodType.HALF_YEAR: 1,
    PeriodType.NINE_MONTHS: 1,
    PeriodType.YEAR: 1,
}


def _last_month(period_type: str, number: int) -> int:
    return {
        PeriodType.MONTH: number,
        PeriodType.QUARTER: 3 * number,
        PeriodType.HALF_YEAR: 6,
        PeriodType.NINE_MONTHS: 9,
        PeriodType.YEAR: 12,
    }[period_type]


def _first_month(period_type: str, number: int) -> int:
    return {PeriodType.MONTH: number, PeriodType.QUARTER: 3 * number - 2}.get(period_type, 1)


def period_bounds(period_type: str, year: int, number: int = 1) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the data of period `number` of `year` (Decree 09/2019 Art 12)."""
    if not 1 <= number <= PERIODS_PER_YEAR[period_type]:
        raise ValueError(f"{period_type} has no period {number}")
    first = _first_month(period_type, number)
    start = dt.date(year - 1, 12, 15) if first == 1 else dt.date(year, first - 1, 15)
    return start, dt.date(year, _last_month(period_type, number), 14)


def due_date(ends_on: dt.date, kind: str, value: int) -> dt.date:
    """The deadline of a period whose data end on `ends_on`, under the regime's rule."""
    if kind == DeadlineKind.WORKING_DAYS_AFTER:
        return add_working_days(ends_on, value)
    return ends_on.replace(day=value)
