"""Stage 3, check: every data row checked once, by one checker that names each problem (row, column,
value, what was expected) and each warning, and gives the clean row when there is no problem; then the
rows' CCCDs against the registry (`Registry`).

Speed, for a million-row list (bench/import_members.py): a list repeats its values — a few hundred dates,
communes, ethnic groups, the two sexes — so the check of a cell's raw value is made once per file and
remembered with its result, a value or the message of its problem (`Checker._remember`). A row then costs
a dict lookup a column and the few checks that join columns (the CCCD against sex and birth year, the
joining date against the birth, the charter's age rule, a person listed twice): about 3.5 µs.
"""

import datetime as dt
import json
import re
from functools import lru_cache
from operator import itemgetter

from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sohoi.core.text import clean_text, fold, given_name_first
from sohoi.members.eligibility import eligibility_problem
from sohoi.members.importing.columns import FIELDS
from sohoi.members.importing.layout import Layout, not_member_data
from sohoi.members.importing.read import excel_date
from sohoi.members.importing.records import CleanRow, Problem
from sohoi.members.models import MemberType
from sohoi.people.cccd import as_cmnd, check_cccd, normalise, repair_cccd
from sohoi.people.ethnicity import ETHNIC_GROUPS, OTHER_NAMES
from sohoi.people.identity import birth_text, same_person
from sohoi.people.models import DatePrecision

SEX_VALUES = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}
MEMBER_TYPES = {
    "chinh thuc": MemberType.OFFICIAL,
    "hoi vien chinh thuc": MemberType.OFFICIAL,
    "lien ket": MemberType.ASSOCIATE,
    "hoi vien lien ket": MemberType.ASSOCIATE,
    "danh du": MemberType.HONORARY,
    "hoi vien danh du": MemberType.HONORARY,
}
YES = {"co", "x", "1", "yes", "true", "dung", "ngoai le"}
NO = {"", "khong", "0", "no", "false"}
ETHNIC_BY_NAME = {
    key: code
    for code, name in [*ETHNIC_GROUPS, *((code, name) for name, code in OTHER_NAMES.items())]
    for key in (fold(name), fold(name).replace("-", " "), fold(name).replace("'", ""))
}
DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
YEAR = re.compile(r"\d{4}")
COMMUNE_CODE = re.compile(r"\b(\d{4,5})\b")
REFUSED = object()  # a memory's answer for a raw value with a problem (its message is in Checker._why)
UNSEEN = object()  # not in a memory yet
MEMO_LIMIT = 100_000  # values remembered per column: a column of all-different values stays small
REMEMBERED = ("full_name", "birth", "sex", "ethnicity", "commune", "member_type", "branch", "joined_on", "exception")


@lru_cache(maxsize=65536)  # a list repeats its communes, dates, sexes, ethnic groups
def text(value) -> str:
    """A cell as the text a person reads (and a message quotes)."""
    if value is None:
        return ""
    if type(value) is str:
        return clean_text(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def parse_date(value, *, allow_year: bool = True) -> tuple[dt.date | None, str, str | None]:
    """(date, precision, problem): a date cell, "dd/mm/yyyy" text, a bare year (birth dates only),
    or an unformatted Excel date serial number."""
    return _parse_date(value, allow_year, get_language())


@lru_cache(maxsize=65536)
def _parse_date(value, allow_year: bool, _language: str) -> tuple[dt.date | None, str, str | None]:
    if value in (None, ""):
        return None, DatePrecision.DAY, None
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY, None
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY, None
    typed = text(value)
    if allow_year and YEAR.fullmatch(typed):
        return dt.date(int(typed), 1, 1), DatePrecision.YEAR, None
    if isinstance(value, (int, float)) and 3000 < value < 80000:
        return excel_date(int(value)), DatePrecision.DAY, None
    match = DATE_TEXT.match(typed)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day), DatePrecision.DAY, None
        except ValueError:
            return None, DatePrecision.DAY, _("an existing date (this day does not exist)")
    if allow_year:
        return None, DatePrecision.DAY, _("a date dd/mm/yyyy or a year yyyy")
    return None, DatePrecision.DAY, _("a date dd/mm/yyyy")


@lru_cache(maxsize=65536)  # names recur in a long list
def name_keys(full_name: str) -> tuple[str, str]:
    """The person's folded name and the same with the given name first (search keys)."""
    folded = fold(full_name)
    return folded, given_name_first(folded)


class Checker:
    """The checks of one file: `check(values, row)` for each data row, in file order.

    Knows the association's communes, open branches and charter rule; remembers each column's values, the
    persons seen (a person listed twice), whether a footer line has passed, and the rows that are not
    member data (`skipped`)."""

    def __init__(self, layout: Layout, *, rule, communes, branches_by_name: dict, today: dt.date | None = None):
        self.layout, self.rule, self.today = layout, rule, today or timezone.localdate()
        self.communes_by_code = {c.code: c.pk for c in communes}
        self.communes_by_name = {fold(c.name): c.pk for c in communes} | {
            fold(c.name.split(" ", 1)[1]): c.pk for c in communes if " " in c.name
        }
        self.branches_by_name = branches_by_name
        # A person listed twice: the CCCD as a number (a million of them in half the memory of strings),
        # else the folded name and the birth date → the first row.
        self.seen: dict = {}
        self.skipped: list[int] = list(layout.skipped)
        self.after_footer = False
        # A row padded with empty cells to the header's width; a field the file lacks reads the last one.
        width = max(layout.columns.values()) + 1
        self._pick = itemgetter(*(layout.columns.get(name, -1) for name in FIELDS))
        self._padding = [""] * (width + 1)
        self._sex_columns = layout.sex_by_birth_column
        self._checks = {
            "full_name": _full_name,
            "birth": self._birth,
            "sex": _lookup(SEX_VALUES, _("“Nam” or “Nữ”")),
            "ethnicity": _ethnicity,
            "commune": self._commune,
            "member_type": _lookup(MEMBER_TYPES, _("“Chính thức”, “Liên kết” or “Danh dự”"), MemberType.OFFICIAL),
            "branch": _lookup(branches_by_name, _("a branch of this association"), None),
            "joined_on": _joined,
            "exception": _exception,
        }
        self._memo = {name: {} for name in REMEMBERED}
        self._why = {name: {} for name in REMEMBERED}
        self._gets = tuple(self._memo[name].get for name in REMEMBERED)  # bound: no attribute lookup a cell

    def _remember(self, name: str, raw):
        """A column's raw value checked, remembered with its value or REFUSED and its message."""
        value, problem = self._checks[name](raw)
        memo = self._memo[name]
        if len(memo) < MEMO_LIMIT:
            memo[raw] = REFUSED if problem else value
            if problem:
                self._why[name][raw] = problem
        return REFUSED if problem else value

    def _problem_of(self, name: str, raw) -> str:
        return self._why[name].get(raw) or self._checks[name](raw)[1]

    def check(self, values: list, row: int) -> tuple[CleanRow | None, list[Problem]]:
        """The row's clean values and its warnings, or None and every problem (warnings too). A row that
        is not member data (a footer line, a numbering row) gives None and nothing, and joins `skipped`."""
        (
            raw_name,
            raw_birth,
            raw_sex,
            raw_cccd,
            raw_eth,
            raw_occupation,
            raw_commune,
            raw_address,
            raw_phone,
            raw_type,
            raw_number,
            raw_branch,
            raw_joined,
            raw_exception,
        ) = self._pick(values + self._padding if type(values) is list else [*values, *self._padding])
        if self._sex_columns:  # the year written under "Nam" or "Nữ"
            for col, coded in self._sex_columns.items():
                if col < len(values) and values[col] not in (None, ""):
                    raw_birth = values[col]
                    raw_sex = raw_sex if raw_sex not in (None, "") else ("Nam" if coded == "M" else "Nữ")

        # Each column's value from its memory, else checked and remembered. Written out column by column:
        # the same as a loop over the nine, it takes a third longer.
        g_name, g_birth, g_sex, g_eth, g_commune, g_type, g_branch, g_joined, g_exc = self._gets
        if (name := g_name(raw_name, UNSEEN)) is UNSEEN:
            name = self._remember("full_name", raw_name)
        if (birth := g_birth(raw_birth, UNSEEN)) is UNSEEN:
            birth = self._remember("birth", raw_birth)
        if (sex := g_sex(raw_sex, UNSEEN)) is UNSEEN:
            sex = self._remember("sex", raw_sex)
        if (ethnicity := g_eth(raw_eth, UNSEEN)) is UNSEEN:
            ethnicity = self._remember("ethnicity", raw_eth)
        if (commune_id := g_commune(raw_commune, UNSEEN)) is UNSEEN:
            commune_id = self._remember("commune", raw_commune)
        if (member_type := g_type(raw_type, UNSEEN)) is UNSEEN:
            member_type = self._remember("member_type", raw_type)
        if (branch_id := g_branch(raw_branch, UNSEEN)) is UNSEEN:
            branch_id = self._remember("branch", raw_branch)
        if (joined_on := g_joined(raw_joined, UNSEEN)) is UNSEEN:
            joined_on = self._remember("joined_on", raw_joined)
        if (exception := g_exc(raw_exception, UNSEEN)) is UNSEEN:
            exception = self._remember("exception", raw_exception)

        problems = []
        checked = (name, birth, sex, ethnicity, commune_id, member_type, branch_id, joined_on, exception)
        if REFUSED in checked:
            raws = (raw_name, raw_birth, raw_sex, raw_eth, raw_commune, raw_type, raw_branch, raw_joined, raw_exception)
            problems = [
                self._error(row, field, raw, self._problem_of(field, raw))
                for field, raw, value in zip(REMEMBERED, raws, checked, strict=True)
                if value is REFUSED
            ]
        birth_date, precision = birth if birth is not REFUSED else (None, DatePrecision.DAY)
        sex = sex if sex is not REFUSED else ""

        cccd = cmnd = ""
        if raw_cccd not in (None, "") and (
            cccd_problems := check_cccd(raw_cccd, sex, birth_date and birth_date.year)
        ):  # a valid number costs this one call; any other is explained, or restored (repair_cccd)
            cccd, cccd_problems, repaired = repair_cccd(raw_cccd, sex=sex, birth_year=birth_date and birth_date.year)
            if not repaired and (cmnd := as_cmnd(raw_cccd)):  # the old identity card, kept as such
                cccd, cccd_problems = "", []
                problems.append(
                    Problem(
                        row,
                        self.layout.title("cccd"),
                        text(raw_cccd),
                        _("the old 9-digit CMND %(number)s, kept as a CMND, not as a CCCD") % {"number": cmnd},
                        warning=True,
                    )
                )
            for p in cccd_problems:
                problems.append(self._error(row, "cccd", raw_cccd, p.message))
            if repaired:
                problems.append(
                    Problem(
                        row,
                        self.layout.title("cccd"),
                        text(raw_cccd),
                        _("leading zeros restored: %(number)s") % {"number": cccd},
                        warning=True,
                    )
                )
            if cccd_problems and not (len(cccd) == 12 and cccd.isdigit() and cccd.isascii()):
                cccd = None  # not a number a person is known by: nor is the row known by its name
        elif raw_cccd not in (None, ""):
            cccd = raw_cccd if type(raw_cccd) is str and len(raw_cccd) == 12 else normalise(raw_cccd)

        if joined_on is not REFUSED:
            if joined_on > self.today:
                problems.append(self._error(row, "joined_on", raw_joined, _("a date not in the future")))
            elif birth_date and joined_on < birth_date:
                problems.append(self._error(row, "joined_on", raw_joined, _("a date after the birth date")))
            elif self.rule is not None and exception is not REFUSED:
                why = eligibility_problem(
                    self.rule, birth_date=birth_date, precision=precision, joined_on=joined_on, exception=exception
                )
                if why:
                    problems.append(self._error(row, "birth", raw_birth, why))

        errors = problems and any(not p.warning for p in problems)
        if errors:
            skip, footer = not_member_data(values, self.after_footer)
            if skip:
                self.after_footer = self.after_footer or footer
                self.skipped.append(row)
                return None, []
        if cccd or (cccd == "" and name is not REFUSED):
            key = int(cccd) if cccd else (name_keys(name)[0], birth_date)  # see self.seen
            seen = self.seen
            if key not in seen:
                seen[key] = row
            else:
                first = seen[key]
                errors = True
                problems.append(
                    self._error(
                        row,
                        "cccd" if cccd else "full_name",
                        raw_cccd if cccd else raw_name,
                        _("a person listed once (the same person is on row %(row)s)") % {"row": first},
                    )
                )
        if errors:
            return None, problems
        return CleanRow(
            row,
            name,
            birth_date,
            precision,
            sex,
            cccd or "",
            ethnicity,
            text(raw_occupation)[:120],
            commune_id,
            text(raw_address)[:200],
            text(raw_phone)[:20] if type(raw_phone) is str else phone(raw_phone),
            member_type,
            text(raw_number)[:30],
            branch_id,
            joined_on,
            exception,
            cmnd,
        ), problems

    def _error(self, row: int, name: str, raw, message: str) -> Problem:
        return Problem(row, self.layout.title(name), text(raw), message)

    def _birth(self, raw):
        birth_date, precision, problem = parse_date(raw)
        if problem:
            return None, problem
        if birth_date and not dt.date(1900, 1, 1) <= birth_date <= self.today:
            return None, _("a birth date between 1900 and today")
        return (birth_date, precision), None

    def _commune(self, raw):
        """The commune a cell names, by 5-digit code or by name."""
        if raw in (None, ""):
            return None, None
        typed = text(raw)
        code_match = COMMUNE_CODE.search(typed)
        unit = self.communes_by_code.get(code_match.group(1).zfill(5)) if code_match else None
        unit = unit or self.communes_by_name.get(fold(typed))
        if unit is None:
            return None, _("a current commune of the province (5-digit code or name)")
        return unit, None


def phone(raw) -> str:
    """A phone number as text. Typed as a number, it lost its leading 0 (a mobile's 10 digits, a landline's
    11, all begin with 0): given back."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw == int(raw) and raw > 0:
        digits = str(int(raw))
        return ("0" + digits if len(digits) in (9, 10) else digits)[:20]
    return text(raw)[:20]


def _full_name(raw):
    name = text(raw)
    if name.isupper():
        name = name.title()
    if not name:
        return "", _("a full name")
    if len(name) > 120:
        return "", _("at most 120 characters")
    return name, None


def _lookup(table: dict, expected: str, empty=""):
    """A column of a few known values, typed as text: its value, or `empty` for an empty cell."""

    def check(raw):
        if raw in (None, ""):
            return empty, None
        found = table.get(fold(text(raw))) if type(raw) is str else None
        return (found, None) if found else (None, expected)

    return check


def _ethnicity(raw):
    """The code of Decision 121-TCTK/PPCĐ a cell names (by name, or code 01–56)."""
    if raw in (None, ""):
        return "", None
    typed = text(raw)
    code = typed.zfill(2) if typed.isdigit() and 1 <= int(typed) <= 56 else ETHNIC_BY_NAME.get(fold(typed))
    return (code, None) if code else (None, _("an ethnic group of Decision 121-TCTK/PPCĐ (name or code 01–56)"))


def _joined(raw):
    if raw in (None, ""):
        return None, _("the date the person joined (dd/mm/yyyy)")
    joined_on, _precision, problem = parse_date(raw, allow_year=False)
    return (None, problem) if problem else (joined_on, None)


def _exception(raw):
    if raw is True or raw is False:
        return raw, None
    folded = fold(text(raw))
    if folded in YES:
        return True, None
    if folded in NO:
        return False, None
    return None, _("“Có” or “Không”")


# --- the registry ---------------------------------------------------------------------------------


PRELOAD_LIMIT = 200_000  # persons whose identity is loaded at once: about 40 MB


class Registry:
    """The persons already registered under the CCCDs of a file, asked a block of clean rows at a time:
    a row is refused when its person is already a member of the association, or when its CCCD is
    registered to another person (another name or birth date — people.identity.same_person): then the
    row reveals nothing of that person, and the conflict is kept for the province's officers.

    With no more persons registered than rows in the file (a first load, say), every identity is loaded
    once; else each block asks the database for its own CCCDs."""

    def __init__(self, association_id: int, rows: int):
        self.association_id = association_id
        self.conflicts: list[tuple] = []  # (row, cccd, name given, birth given, registered person id)
        self.known: dict | None = None  # every identity, when loaded at once
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM people_person WHERE cccd <> ''")
            if cursor.fetchone()[0] <= min(rows, PRELOAD_LIMIT):
                self.known = self._query(cursor, None)

    def identities(self, cccds: list[str]) -> dict:
        """CCCD → (person id, folded name, birth date, precision, whether an open member here), for the
        numbers of `cccds` that are registered."""
        if self.known is not None:
            return self.known
        if not cccds:
            return {}
        with connection.cursor() as cursor:
            return self._query(cursor, cccds)

    def _query(self, cursor, cccds: list[str] | None) -> dict:
        """The identities, then which of those persons are open members here — a second query, for the
        persons found (or, with every identity, the association's open members at once)."""
        sql = (
            "SELECT p.cccd, p.id, p.name_folded, p.birth_date, p.birth_precision FROM people_person p "
            "WHERE p.cccd <> ''"
        )
        params: list = []
        if cccds is not None:
            if connection.vendor == "postgresql":
                sql += " AND p.cccd = ANY(%s)"
                params.append(cccds)
            else:
                sql += " AND p.cccd IN (SELECT value FROM json_each(%s))"
                params.append(_json_list(cccds))
        cursor.execute(sql, params)
        found = cursor.fetchall()
        members: set[int] = set()
        if found:
            sql = "SELECT person_id FROM members_membership WHERE association_id = %s AND left_on IS NULL"
            params = [self.association_id]
            if cccds is not None:  # only the persons found, not the association's every member
                ids = [pk for _cccd, pk, *_rest in found]
                if connection.vendor == "postgresql":
                    sql += " AND person_id = ANY(%s)"
                    params.append(ids)
                else:
                    sql += " AND person_id IN (SELECT value FROM json_each(%s))"
                    params.append(json.dumps(ids))
            cursor.execute(sql, params)
            members = {pk for (pk,) in cursor.fetchall()}
        return {cccd: (pk, *rest, pk in members) for cccd, pk, *rest in found}

    def check(self, rows: list[CleanRow]) -> tuple[list[CleanRow], list[Problem]]:
        """The rows that may be written, and the problems of the others."""
        known = self.identities([r.cccd for r in rows if r.cccd])
        if not known:
            return rows, []
        kept, problems = [], []
        for r in rows:
            found = known.get(r.cccd) if r.cccd else None
            if found is None:  # a number no one has: most rows of a first load
                kept.append(r)
                continue
            verdict = judge(found, name_keys(r.full_name)[0], r.birth_date, r.birth_precision)
            if verdict is NEW or verdict is SAME:
                kept.append(r)
            else:
                problems.append(verdict(r.row, r.cccd))
                if verdict is registered_to_another:
                    self.conflicts.append(
                        (r.row, r.cccd, r.full_name, birth_text(r.birth_date, r.birth_precision), found[0])
                    )
        return kept, problems


NEW, SAME = "new", "same"


def judge(found: tuple | None, folded: str, birth, precision: str):
    """What a row whose CCCD found `found` in the registry (Registry identities, or None) may do: NEW (no
    one has the number), SAME (the registered person, not yet a member here), or the function that
    makes its problem (already_member, registered_to_another)."""
    if found is None:
        return NEW
    _person_id, other_folded, other_birth, other_precision, member_here = found
    if not same_person(folded, birth, precision, other_folded, other_birth, other_precision):
        return registered_to_another
    return already_member if member_here else SAME


def _json_list(values: list[str]) -> str:
    return "[" + ",".join(f'"{v}"' for v in values) + "]"  # CCCDs: digits only


def already_member(row: int, cccd: str) -> Problem:
    return Problem(row, _("CCCD number"), cccd, _("a person not yet in the association (already a member)"))


def registered_to_another(row: int, cccd: str) -> Problem:
    return Problem(
        row,
        _("CCCD number"),
        cccd,
        _("this number is registered to another person; the province will check (nothing was attached)"),
    )


def closed_branch(row: int, branch_id: int) -> Problem:
    return Problem(row, _("Branch"), str(branch_id), _("a branch of this association"))
