"""CCCD — the 12-digit citizen identity number (số định danh cá nhân).

Structure (Decree 137/2015/NĐ-CP Art 13; Circular 59/2021/TT-BCA Art 4; kept by the 2023 Law on
Identity): digits 1–3 the province (pre-2025 codes) where the birth was registered; digit 4 century
and sex (1900s: 0 male / 1 female, 2000s: 2/3, 2100s: 4/5, 2200s: 6/7, 2300s: 8/9); digits 5–6 the
last two digits of the birth year; digits 7–12 random. There is no check digit.

The prefix says where a birth was registered, not where the person lives now: never derive a
current province from it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# The 63 provinces' codes before 01/07/2025 (Circular 07/2016/TT-BCA annex); they stay valid for
# numbers issued then, whatever the 2025 merger did to the provinces.
PROVINCE_PREFIXES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


@dataclass(frozen=True)
class CccdProblem:
    code: str
    message: str


def normalise(value) -> str:
    """The number as a string of digits: Excel gives numbers as int or float, people type spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[\s.\-]", "", str(value))


def century_and_sex(digit: int) -> tuple[int, str]:
    """Digit 4: (first year of the century, "M" or "F")."""
    return 1900 + (digit // 2) * 100, "M" if digit % 2 == 0 else "F"


CENTURY_AND_SEX = {str(digit): century_and_sex(digit) for digit in range(10)}


def check_cccd(value, sex: str = "", birth_year: int | None = None) -> list[CccdProblem]:
    """Every problem with `value` (empty when it is a valid CCCD consistent with sex and year).

    Written for a million-row list: a 12-digit text is taken as it is (no normalising), and a valid
    number costs a few comparisons — 0.6 µs (bench/import_members.py calls it on every row)."""
    if type(value) is str and len(value) == 12 and value.isdigit() and value.isascii():
        number = value
    else:
        number = normalise(value)
        if not (number.isdigit() and number.isascii()):
            return [CccdProblem("not_digits", _("A CCCD number has only digits."))]
        if len(number) != 12:
            if len(number) in (10, 11) and number.zfill(12)[:3] in PROVINCE_PREFIXES:
                return [CccdProblem("leading_zero", _leading_zero_message(number))]
            return [CccdProblem("length", _("A CCCD number has 12 digits; this one has %(n)s.") % {"n": len(number)})]
    century, coded_sex = CENTURY_AND_SEX[number[3]]
    if (
        number[:3] in PROVINCE_PREFIXES
        and (not sex or sex == coded_sex)
        and (not birth_year or birth_year == century + int(number[4:6]))
    ):
        return []
    problems = []
    if number[:3] not in PROVINCE_PREFIXES:
        problems.append(
            CccdProblem(
                "prefix", _("The first three digits %(prefix)s are not a province code.") % {"prefix": number[:3]}
            )
        )
    if sex and sex != coded_sex:
        problems.append(
            CccdProblem(
                "sex",
                _("Digit 4 (%(digit)s) says %(coded)s, but the sex given is %(given)s.")
                % {"digit": number[3], "coded": _sex_label(coded_sex), "given": _sex_label(sex)},
            )
        )
    coded_year = century + int(number[4:6])
    if birth_year and birth_year != coded_year:
        problems.append(
            CccdProblem(
                "year",
                _("Digits 4–6 (%(digits)s) say born in %(coded)s, but the birth year given is %(given)s.")
                % {"digits": number[3:6], "coded": coded_year, "given": birth_year},
            )
        )
    return problems


def _leading_zero_message(number: str) -> str:
    return _(
        "The CCCD number has %(n)s digits: Excel probably dropped its leading zeros (%(padded)s). "
        "Format the column as Text and type it again."
    ) % {"n": len(number), "padded": number.zfill(12)}


def repair_cccd(value, *, sex: str = "", birth_year: int | None = None) -> tuple[str, list[CccdProblem], bool]:
    """(number, problems, repaired). A number Excel shortened (stored as a number, 10 or 11 digits left)
    is taken padded with zeros when the padded number passes every rule against the sex and the birth
    year given with it — both must be given, or nothing confirms the padding. Otherwise the problems of
    check_cccd, saying why the padding could not be taken."""
    problems = check_cccd(value, sex=sex, birth_year=birth_year)
    if not problems or problems[0].code != "leading_zero":
        return (value if type(value) is str and len(value) == 12 else normalise(value)), problems, False
    short = normalise(value)
    padded = short.zfill(12)
    if not sex or not birth_year:
        why = _("Give the sex and the birth year on the row to confirm it.")
    else:
        contradictions = check_cccd(padded, sex=sex, birth_year=birth_year)
        if not contradictions:
            return padded, [], True
        why = " ".join(p.message for p in contradictions)
    return padded, [CccdProblem("leading_zero", f"{_leading_zero_message(short)} {why}")], False


def _sex_label(sex: str) -> str:
    return _("male") if sex == "M" else _("female")


def check_cmnd(value) -> list[CccdProblem]:
    """The old identity card number (chứng minh nhân dân, Decree 05/1999/NĐ-CP): nine digits. No longer
    valid since 31/12/2024 (the transitional provisions of the 2023 Law on Identity), but still what older
    members' records give, so it is kept as a second way to know a person, never as their CCCD."""
    number = normalise(value)
    if len(number) == 9 and number.isdigit() and number.isascii():
        return []
    return [
        CccdProblem(
            "cmnd_format",
            _("A CMND number has 9 digits; “%(value)s” has %(n)s characters.") % {"value": number, "n": len(number)},
        )
    ]


def as_cmnd(value) -> str:
    """The CMND a list's identity-number cell holds, or "": nine digits, or eight when Excel took the
    leading 0 of a number typed as a number (Thái Nguyên's and Bắc Kạn's CMNDs begin with 0). Never a
    CCCD: the shortest CCCD Excel can leave has ten digits (a province code is at least 001)."""
    number = normalise(value)
    if not (number.isdigit() and number.isascii()) or len(number) not in (8, 9):
        return ""
    return number.zfill(9)
