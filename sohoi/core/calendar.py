"""Working days, for the legal deadlines counted in them.

Labour Code 2019 Art 112 names the public holidays (Tết Dương lịch 01/01, Tết Nguyên đán 5 days,
Giỗ Tổ Hùng Vương 10/3 lunar, 30/04, 01/05, Quốc khánh 02/09 + one adjacent day); the Government
announces each year's exact days off, including days moved to make a bridge. They are listed below
per year from those notices. Province officers enter the days of other years, and weekend days
worked in exchange, on the calendar page (core.CalendarDay, read through `entered_days`, kept for
ENTERED_TTL seconds in each process); a deployment may also list days off in SOHOI_EXTRA_HOLIDAYS.
"""

import datetime as dt
import time
from functools import cache

from django.conf import settings

_HOLIDAYS_BY_YEAR: dict[int, list[str]] = {
    2023: ["01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03", "09-01", "09-04"],
    2024: ["01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30", "05-01", "09-02", "09-03"],
    2025: ["01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01", "05-02", "09-01", "09-02"],
    2026: ["01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27", "04-30", "05-01", "09-01", "09-02"],
    2027: ["01-01", "02-04", "02-05", "02-08", "02-09", "02-10", "04-16", "04-30", "05-03", "09-02", "09-03"],
}


KNOWN_YEARS = frozenset(_HOLIDAYS_BY_YEAR)
ENTERED_TTL = 60  # seconds: a day entered on the page counts in every process within a minute


@cache
def _holidays(extra: tuple[str, ...]) -> frozenset[dt.date]:
    days = {dt.date.fromisoformat(f"{year}-{md}") for year, mds in _HOLIDAYS_BY_YEAR.items() for md in mds}
    days.update(dt.date.fromisoformat(item) for item in extra)
    return frozenset(days)


def built_in(year: int) -> list[dt.date]:
    """The days off of `year` from the Government's notice, as this module lists them."""
    return sorted(dt.date.fromisoformat(f"{year}-{md}") for md in _HOLIDAYS_BY_YEAR.get(year, ()))


_entered: dict = {"at": -ENTERED_TTL, "days": {}}


def _load_entered() -> dict[dt.date, str]:
    from sohoi.core.models import CalendarDay

    return dict(CalendarDay.objects.values_list("day", "kind"))


def entered_days() -> dict[dt.date, str]:
    """The days the officers entered (day → "off" or "worked"), read again after ENTERED_TTL seconds."""
    now = time.monotonic()
    if now - _entered["at"] >= ENTERED_TTL:
        _entered["days"], _entered["at"] = _load_entered(), now
    return _entered["days"]


def forget_entered() -> None:
    """After a change on the calendar page: this process reads the days again at once."""
    _entered["at"] = -ENTERED_TTL


def is_working_day(day: dt.date) -> bool:
    entered = entered_days().get(day)
    if entered:
        return entered == "worked"
    return day.weekday() < 5 and day not in _holidays(tuple(settings.SOHOI_EXTRA_HOLIDAYS))


def has_days_off(year: int) -> bool:
    """Whether the calendar knows the days off of `year` (listed here, or entered)."""
    return year in KNOWN_YEARS or any(d.year == year and kind == "off" for d, kind in entered_days().items())


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


def missing_year_ahead(today: dt.date) -> int | None:
    """The year ahead when the calendar knows none of its days off (the deadline pages warn), else None."""
    return None if has_days_off(today.year + 1) else today.year + 1
