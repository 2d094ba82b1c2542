"""Age at joining against an association's charter rule (sohoi.members.models.EligibilityRule).

Seeded example: the Elderly Association's charter (Decision 972/QĐ-BNV 2017, amended by 288/QĐ-BNV
2022, Art 9): members are 60 or older; people of 55–59 may be admitted if they are active.

A rule binds from the day the charter decision that introduced it took effect (`effective_from`): a
membership that began before it was lawful under the charter of its day and is not judged by it.
The age judged is the age on the joining date, never today's.
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
    if rule.effective_from is not None and joined_on < rule.effective_from:
        return None
    age = age_on(birth_date, precision, joined_on)
    when = {"date": joined_on.strftime("%d/%m/%Y"), "age": age}
    if rule.max_age is not None and age > rule.max_age:
        return _(
            "When admitted on %(date)s, the person was %(age)s: older than the charter's maximum age (%(max)s)."
        ) % {
            **when,
            "max": rule.max_age,
        }
    if rule.min_age is not None and age < rule.min_age:
        if rule.exception_min_age is not None and age >= rule.exception_min_age:
            if exception:
                return None
            return _(
                "When admitted on %(date)s, the person was %(age)s: under the minimum age (%(min)s); from "
                "%(exc)s they may join only as an exception (%(note)s): write “Có” in the column “Kết nạp theo "
                "ngoại lệ”, or tick “admitted under the charter's exception”."
            ) % {**when, "min": rule.min_age, "exc": rule.exception_min_age, "note": rule.exception_note}
        return _("When admitted on %(date)s, the person was %(age)s: under the charter's minimum age (%(min)s).") % {
            **when,
            "min": rule.min_age,
        }
    return None


def rule_text(rule) -> str:
    """The rule in words, for the pages: "Tuổi khi kết nạp: từ 60; từ 55 theo ngoại lệ (…); áp dụng với hội
    viên kết nạp từ 06/04/2022."""
    if rule is None or (rule.min_age is None and rule.max_age is None):
        return _("No age rule: anyone may join at any age.")
    parts = []
    if rule.min_age is not None and rule.max_age is not None:
        parts.append(_("age at joining from %(min)s to %(max)s") % {"min": rule.min_age, "max": rule.max_age})
    elif rule.min_age is not None:
        parts.append(_("age at joining at least %(min)s") % {"min": rule.min_age})
    else:
        parts.append(_("age at joining at most %(max)s") % {"max": rule.max_age})
    if rule.exception_min_age is not None:
        parts.append(
            _("from %(exc)s as an exception (%(note)s)") % {"exc": rule.exception_min_age, "note": rule.exception_note}
        )
    if rule.effective_from is not None:
        parts.append(_("for members admitted from %(date)s") % {"date": rule.effective_from.strftime("%d/%m/%Y")})
    text = "; ".join(str(p) for p in parts)
    return f"{text[:1].upper()}{text[1:]}" + (f" ({rule.source})." if rule.source else ".")
