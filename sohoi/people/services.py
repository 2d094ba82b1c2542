import datetime as dt

from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text, fold, given_name_first
from sohoi.people.cccd import check_cccd, check_cmnd, normalise
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


EDITABLE_FIELDS = [
    "full_name",
    "birth_date",
    "birth_precision",
    "sex",
    "cccd",
    "cmnd",
    "ethnicity",
    "occupation",
    "phone",
    "address_commune",
    "address_text",
]


def person_update(*, person: Person, by, birth_year: int | None = None, **data) -> Person:
    """Correct a person's data (any of EDITABLE_FIELDS but the precision, which follows from a full date
    or `birth_year`). The CCCD is checked again against sex and birth year, and against the registry.
    Side effect: an audit entry with what changed. The caller holds the transaction."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = snapshot(person, EDITABLE_FIELDS)
    if "birth_date" in data or birth_year is not None:
        person.birth_date, person.birth_precision = birth_fields(data.pop("birth_date", None), birth_year)
    for name, value in data.items():
        setattr(person, name, clean_text(value) if isinstance(value, str) and name not in ("cccd", "cmnd") else value)
    person.cccd, person.cmnd = normalise(person.cccd), normalise(person.cmnd)
    if person.cmnd and (problems := check_cmnd(person.cmnd)):
        raise ApplicationError(" ".join(p.message for p in problems), field="cmnd")
    if person.cccd:
        problems = check_cccd(
            person.cccd, sex=person.sex, birth_year=person.birth_date.year if person.birth_date else None
        )
        if problems:
            raise ApplicationError(" ".join(p.message for p in problems), field="cccd")
        if Person.objects.filter(cccd=person.cccd).exclude(pk=person.pk).exists():
            raise ApplicationError(_("A person with this CCCD number already exists."), field="cccd")
    person.name_folded = fold(person.full_name)
    person.given_folded = given_name_first(person.name_folded)
    person.full_clean()
    person.save()
    changes = diff(before, snapshot(person, EDITABLE_FIELDS))
    if changes:
        audit_log(actor=by, action=Action.UPDATE, obj=person, changes=changes)
    return person
