import datetime as dt

from sohoi.core.text import clean_text, fold
from sohoi.people.models import DatePrecision, Person


def person_create(
    *, full_name: str, birth_year: int | None = None, birth_date: dt.date | None = None, sex: str = "", phone: str = ""
) -> Person:
    """Create a person; a bare year of birth is stored as 1 January with year precision."""
    name = clean_text(full_name)
    precision = DatePrecision.DAY
    if birth_date is None and birth_year:
        birth_date, precision = dt.date(birth_year, 1, 1), DatePrecision.YEAR
    person = Person(
        full_name=name, name_folded=fold(name), birth_date=birth_date, birth_precision=precision, sex=sex, phone=phone
    )
    person.full_clean()
    person.save()
    return person
