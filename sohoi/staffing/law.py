"""Retirement age — Labour Code 2019 (45/2019/QH14) Art 169 and Decree 135/2020/NĐ-CP.

Art 169 k2 / Decree 135 Art 4: in normal working conditions the retirement age rises from 2021 by
3 months a year for men, from 60 years 3 months (2021) to 62 (2028), and by 4 months a year for women,
from 55 years 4 months (2021) to 60 (2035). Before 2021 it was 60 for men and 55 for women (Labour
Code 2012). The age that applies is the one of the year in which the person reaches it (Appendix I of
Decree 135 lists it by month of birth).
Decree 135 Art 6: the retirement time is the end of the last day of the month in which the person
reaches retirement age; the pension starts on the first day of the next month. When only the year of
birth is known, the birth date is taken as 1 January of that year.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

ROADMAP_START = 2021
BASE_MONTHS = {"M": 60 * 12, "F": 55 * 12}  # before 2021
STEP_MONTHS = {"M": 3, "F": 4}  # added each year from 2021
TARGET_MONTHS = {"M": 62 * 12, "F": 60 * 12}  # reached in 2028 (men) and 2035 (women)


def retirement_age_months(sex: str, year: int) -> int:
    """The retirement age, in months, for someone who reaches it in `year`."""
    if year < ROADMAP_START:
        return BASE_MONTHS[sex]
    months = BASE_MONTHS[sex] + STEP_MONTHS[sex] * (year - ROADMAP_START + 1)
    return min(months, TARGET_MONTHS[sex])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Retirement:
    age_years: int
    age_months: int
    last_day: dt.date  # retirement: the end of this day
    pension_from: dt.date

    @property
    def age_text(self) -> str:
        return f"{self.age_years} tuổi" + (f" {self.age_months} tháng" if self.age_months else "")


def retirement(sex: str, birth: dt.date) -> Retirement | None:
    """When a person of `sex` ("M"/"F") born on `birth` retires; None when the sex is unknown."""
    if sex not in BASE_MONTHS or birth is None:
        return None
    year = birth.year + BASE_MONTHS[sex] // 12
    while True:  # the first year in which the person reaches that year's retirement age
        months = retirement_age_months(sex, year)
        reach_year, reach_month = _add_months(birth.year, birth.month, months)
        if reach_year <= year:
            break
        year += 1
    last = dt.date(reach_year, reach_month, calendar.monthrange(reach_year, reach_month)[1])
    return Retirement(months // 12, months % 12, last, last + dt.timedelta(days=1))
