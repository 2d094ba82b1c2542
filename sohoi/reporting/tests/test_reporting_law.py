import datetime as dt

import pytest

from sohoi.registry.models import EventKind
from sohoi.reporting import law
from sohoi.reporting.models import DeadlineKind, PeriodType, ReportingRegime
from sohoi.reporting.selectors import expected_associations
from sohoi.reporting.services import periods_generate
from tests.factories import AssociationFactory, active_association, record


def test_the_6_month_report_of_2026_covers_15_12_2025_to_14_06_2026():
    assert law.period_bounds(PeriodType.HALF_YEAR, 2026) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))


@pytest.mark.parametrize(
    ("period_type", "number", "bounds"),
    [
        (PeriodType.YEAR, 1, (dt.date(2025, 12, 15), dt.date(2026, 12, 14))),
        (PeriodType.NINE_MONTHS, 1, (dt.date(2025, 12, 15), dt.date(2026, 9, 14))),
        (PeriodType.QUARTER, 1, (dt.date(2025, 12, 15), dt.date(2026, 3, 14))),
        (PeriodType.QUARTER, 3, (dt.date(2026, 6, 15), dt.date(2026, 9, 14))),
        (PeriodType.MONTH, 1, (dt.date(2025, 12, 15), dt.date(2026, 1, 14))),
        (PeriodType.MONTH, 7, (dt.date(2026, 6, 15), dt.date(2026, 7, 14))),
    ],
)
def test_cut_off_dates_of_every_period_type(period_type, number, bounds):
    assert law.period_bounds(period_type, 2026, number) == bounds


def test_deadlines_in_working_days_or_on_a_fixed_day():
    # 14/06/2026 is a Sunday: two working days later is Tuesday 16/06.
    assert law.due_date(dt.date(2026, 6, 14), DeadlineKind.WORKING_DAYS_AFTER, 2) == dt.date(2026, 6, 16)
    assert law.due_date(dt.date(2026, 6, 14), DeadlineKind.DAY_OF_LAST_MONTH, 25) == dt.date(2026, 6, 25)


@pytest.mark.django_db
def test_periods_are_generated_once_per_year():
    regime = ReportingRegime.objects.create(title="Báo cáo 6 tháng các hội đặc thù", period_type=PeriodType.HALF_YEAR)
    [period] = periods_generate(regime=regime, year=2026, by=None)
    assert (period.starts_on, period.ends_on, period.due_on) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 6, 14),
        dt.date(2026, 6, 16),
    )
    assert periods_generate(regime=regime, year=2026, by=None) == []


@pytest.mark.django_db
def test_an_association_dissolved_in_march_is_expected_in_that_period_and_not_the_next():
    regime = ReportingRegime.objects.create(title="Báo cáo 6 tháng", period_type=PeriodType.HALF_YEAR)
    [h1_2026] = periods_generate(regime=regime, year=2026, by=None)
    [h1_2027] = periods_generate(regime=regime, year=2027, by=None)
    dissolved = active_association(name="Hội Giải Thể", founded=dt.date(2020, 1, 6))
    record(dissolved, EventKind.DISSOLUTION, dt.date(2026, 3, 10))
    active_association(name="Hội Còn Hoạt Động", founded=dt.date(2020, 1, 6))
    active_association(name="Hội Mới Lập", founded=dt.date(2026, 7, 1))
    AssociationFactory(name="Hội Đang Vận Động")
    assert [a.name for a in expected_associations(h1_2026)] == ["Hội Còn Hoạt Động", "Hội Giải Thể"]
    assert [a.name for a in expected_associations(h1_2027)] == ["Hội Còn Hoạt Động", "Hội Mới Lập"]


@pytest.mark.django_db
def test_a_regime_for_assigned_associations_expects_only_them():
    regime = ReportingRegime.objects.create(
        title="Hội được giao biên chế", period_type=PeriodType.YEAR, only_assigned=True
    )
    [period] = periods_generate(regime=regime, year=2026, by=None)
    active_association(name="Hội Đặc Thù", is_assigned_tasks=True)
    active_association(name="Hội Thường")
    assert [a.name for a in expected_associations(period)] == ["Hội Đặc Thù"]
