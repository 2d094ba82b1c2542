"""Stage 1, prepare: person records as rows of the columns the model compares.

Vietnamese names: "Nguyễn Thị Lan" is also typed "NGUYEN THI LAN", "Nguyễn Lan" (no middle name), "Lan
Nguyễn Thị" (given name first) and in NFD; so the name is compared in NFC lower-case, folded (no
diacritics, "đ" as "d"), with its words sorted (any order), and as its first and last words, sorted
(middle words dropped or added, in either order: "An Trần" for "Trần Văn An"). A birth date may be a
year alone; its day and month may be swapped. A CCCD Excel shortened is restored. A commune of before
01/07/2025 counts as the commune it became. The old 9-digit CMND is kept where a record has one.
"""

import datetime as dt
from collections.abc import Iterable

from sohoi.core.text import clean_text, fold
from sohoi.people.cccd import check_cccd, normalise

COLUMNS = (
    "unique_id",
    "name",
    "name_ascii",
    "name_sorted",
    "name_short",
    "family",
    "given",
    "dob",
    "dob_swapped",
    "birth_year",
    "sex",
    "cccd",
    "commune",
    "cmnd",
    "name_words",
)


def row(
    unique_id,
    name: str,
    born: dt.date | int | str | None,
    sex: str,
    cccd: str,
    commune: str,
    *,
    year_only: bool = False,
    successor: dict | None = None,
    cmnd: str = "",
) -> dict:
    """One record's comparable columns. `born`: a date, a year, or "YYYY-MM-DD" / "YYYY" text."""
    folded = fold(name)
    words = folded.split()
    day, year = _birth(born, year_only)
    number = normalise(cccd) if cccd else ""
    if number and len(number) < 12 and number.isdigit():
        padded = number.zfill(12)
        if not check_cccd(padded):
            number = padded
    return {
        "unique_id": unique_id,
        "name": clean_text(name).lower() or None,
        "name_ascii": folded or None,
        "name_sorted": " ".join(sorted(words)) or None,
        "name_short": " ".join(sorted(words[:1] + words[-1:])) if len(words) > 1 else (folded or None),
        "family": words[0] if words else None,
        "given": words[-1] if words else None,
        "dob": day.isoformat() if day else None,
        "dob_swapped": _swapped(day),
        "birth_year": year,
        "sex": sex or None,
        "cccd": number or None,
        "commune": (successor or {}).get(commune, commune) or None,
        "cmnd": normalise(cmnd) or None,
        "name_words": len(words),
    }


def _birth(born, year_only: bool) -> tuple[dt.date | None, int | None]:
    if born in (None, ""):
        return None, None
    if isinstance(born, dt.date):
        return (None if year_only else born), born.year
    text = str(born).strip()
    if len(text) == 4 and text.isdigit():
        return None, int(text)
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None, None
    return day, day.year


def _swapped(day: dt.date | None) -> str | None:
    """The date with day and month swapped, when that is a date too (03/04 for 04/03)."""
    if day is None or day.day > 12 or day.day == day.month:
        return None
    return dt.date(day.year, day.day, day.month).isoformat()


def from_registry(persons: Iterable, successor: dict) -> list[dict]:
    """The rows of registry persons (values of id, full_name, birth_date, birth_precision, sex, cccd, the
    commune's code and cmnd)."""
    return [
        row(pk, name, born, sex, cccd, commune or "", year_only=precision == "year", successor=successor, cmnd=cmnd)
        for pk, name, born, precision, sex, cccd, commune, cmnd in persons
    ]
