"""Age at joining against an association's charter rule (sohoi.members.models.EligibilityRule).

Seeded example: the Elderly Association's charter (Decision 972/QĐ-BNV 2017, amended by 288/QĐ-BNV
2022, Art 9): members are 60 or older; people of 55–59 may be admitted if they are active.
"""

import datetime as dt

from django.utils.translation import gettext as _

from sohoi.people.models import DatePrecision


def age_on(birth_date: dt.date, precision: str, day: dt.date) -> int:
    """Whole years on `day`. With only a year of birth, the age is the difference of the years."""
    if precision == DatePrecision.YEAR:
        return day.year - birth_date.year
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def eligibility_problem(
    rule, *, birth_date: dt.date | None, precision: str, joined_on: dt.date, exception: bool
) -> str | None:
    """Why this person may not join on `joined_on` under `rule`, or None when they may."""
    if rule is None or birth_date is None:
        return None
    age = age_on(birth_date, precision, joined_on)
    if rule.max_age is not None and age > rule.max_age:
        return _("At %(age)s the person is older than the charter's maximum age (%(max)s).") % {
            "age": age,
            "max": rule.max_age,
        }
    if rule.min_age is not None and age < rule.min_age:
        if rule.exception_min_age is not None and age >= rule.exception_min_age:
            if exception:
                return None
            return _(
                "At %(age)s the person is under the minimum age (%(min)s); from %(exc)s they may join only as an "
                "exception (%(note)s): tick “admitted under the charter's exception”."
            ) % {"age": age, "min": rule.min_age, "exc": rule.exception_min_age, "note": rule.exception_note}
        return _("At %(age)s the person is under the charter's minimum age (%(min)s).") % {
            "age": age,
            "min": rule.min_age,
        }
    return None
