"""Working days, for the legal deadlines counted in them.

Labour Code 2019 Art 112 names the public holidays (Tết Dương lịch 01/01, Tết Nguyên đán 5 days,
Giỗ Tổ Hùng Vương 10/3 lunar, 30/04, 01/05, Quốc khánh 02/09 + one adjacent day); the Government
announces each year's exact days off, including days moved to make a bridge. They are listed below
per year from those notices; a deployment adds any the list lacks with SOHOI_EXTRA_HOLIDAYS.
"""

import datetime as dt
from functools import cache

from django.conf import settings

_HOLIDAYS_BY_YEAR: dict[int, list[str]] = {
    2023: ["01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03", "09-01", "09-04"],
    2024: ["01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30", "05-01", "09-02", "09-03"],
    2025: ["01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01", "05-02", "09-01", "09-02"],
    2026: ["01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27", "04-30", "05-01", "09-01", "09-02"],
    2027: ["01-01", "02-04", "02-05", "02-08", "02-09", "02-10", "04-16", "04-30", "05-03", "09-02", "09-03"],
}


@cache
def _holidays(extra: tuple[str, ...]) -> frozenset[dt.date]:
    days = {dt.date.fromisoformat(f"{year}-{md}") for year, mds in _HOLIDAYS_BY_YEAR.items() for md in mds}
    days.update(dt.date.fromisoformat(item) for item in extra)
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(tuple(settings.SOHOI_EXTRA_HOLIDAYS))


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date `count` working days after `start` (start itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day and month `years` later; 29/02 becomes 28/02 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
