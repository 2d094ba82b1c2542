"""When two records of a person are the same person: the one rule every path that matches a person by
CCCD applies (the member import, the new-member form) before it attaches anything to a registered person.

A CCCD is not a key to someone else's record: a list that gives a registered number under another name,
or another birth date, is not attached to that person and learns nothing of them; the province checks.
"""


def same_person(name_folded: str, birth, precision: str, other_folded: str, other_birth, other_precision: str) -> bool:
    """The same folded name (sohoi.core.text.fold), and birth dates that do not contradict each other:
    the same day, the same year where either record has only the year, or either not known. Dates may
    be dates or ISO text."""
    if name_folded != other_folded:
        return False
    if not birth or not other_birth:
        return True
    birth, other_birth = str(birth)[:10], str(other_birth)[:10]
    if precision == "year" or other_precision == "year":
        return birth[:4] == other_birth[:4]
    return birth == other_birth


def birth_text(birth, precision: str) -> str:
    """A birth date as people write it: dd/mm/yyyy, or the year alone."""
    if not birth:
        return ""
    return str(birth.year) if precision == "year" else birth.strftime("%d/%m/%Y")
