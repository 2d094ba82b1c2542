import datetime as dt

from django.utils.translation import gettext as _

from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text, fold, given_name_first
from sohoi.people.cccd import check_cccd, normalise
from sohoi.people.models import DatePrecision, Person


def birth_fields(birth_date: dt.date | None, birth_year: int | None) -> tuple[dt.date | None, str]:
    """A bare year of birth is stored as 1 January of that year with year precision."""
    if birth_date is None and birth_year:
        return dt.date(birth_year, 1, 1), DatePrecision.YEAR
    return birth_date, DatePrecision.DAY


def person_create(
    *,
    full_name: str,
    birth_year: int | None = None,
    birth_date: dt.date | None = None,
    sex: str = "",
    phone: str = "",
    cccd: str = "",
    ethnicity: str = "",
    occupation: str = "",
    address_commune=None,
    address_text: str = "",
) -> Person:
    """Create a person. A CCCD, when given, must be valid and agree with sex and birth year."""
    name = clean_text(full_name)
    birth_date, precision = birth_fields(birth_date, birth_year)
    cccd = normalise(cccd)
    if cccd:
        problems = check_cccd(cccd, sex=sex, birth_year=birth_date.year if birth_date else None)
        if problems:
            raise ApplicationError(" ".join(p.message for p in problems), field="cccd")
        if Person.objects.filter(cccd=cccd).exists():
            raise ApplicationError(_("A person with this CCCD number already exists."), field="cccd")
    person = Person(
        full_name=name,
        name_folded=fold(name),
        given_folded=given_name_first(fold(name)),
        birth_date=birth_date,
        birth_precision=precision,
        sex=sex,
        phone=clean_text(phone),
        cccd=cccd,
        ethnicity=ethnicity,
        occupation=clean_text(occupation),
        address_commune=address_commune,
        address_text=clean_text(address_text),
    )
    person.full_clean()
    person.save()
    return person


def person_by_cccd(cccd) -> Person | None:
    number = normalise(cccd)
    return Person.objects.filter(cccd=number).first() if number else None
