"""Reading a province's member list from .xlsx: find the header, map the columns, check every row.

Real files have title rows above the header, merged header cells, an "STT" column, names in
capitals, NFD text, CCCD numbers stored as numbers (leading zeros lost), dates typed as text
dd/mm/yyyy, and columns nobody asked for. Each problem names the row, the column, the value and
what was expected, in Vietnamese.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sohoi.core.text import clean_text, fold, given_name_first
from sohoi.members.eligibility import eligibility_problem
from sohoi.members.models import MemberType
from sohoi.members.xlsxstream import (
    BLOCK,
    NotXlsx,
    StreamingSheet,
    excel_date,
    rows_in_background,
)
from sohoi.people.cccd import PROVINCE_PREFIXES, century_and_sex, check_cccd, normalise
from sohoi.people.ethnicity import ETHNIC_GROUPS
from sohoi.people.models import DatePrecision

# Folded header text → field. Hints in brackets and a trailing "*" are dropped before matching.
HEADER_ALIASES = {
    "stt": "_row",
    "so thu tu": "_row",
    "tt": "_row",
    "ho va ten": "full_name",
    "ho ten": "full_name",
    "ho va ten hoi vien": "full_name",
    "ngay sinh": "birth",
    "nam sinh": "birth",
    "ngay thang nam sinh": "birth",
    "gioi tinh": "sex",
    "so cccd": "cccd",
    "cccd": "cccd",
    "so can cuoc": "cccd",
    "so can cuoc cong dan": "cccd",
    "so dinh danh": "cccd",
    "so dinh danh ca nhan": "cccd",
    "dan toc": "ethnicity",
    "nghe nghiep": "occupation",
    "xa phuong thuong tru": "commune",
    "xa phuong": "commune",
    "ma xa": "commune",
    "xa": "commune",
    "noi thuong tru xa phuong": "commune",
    "dia chi thuong tru": "address",
    "dia chi": "address",
    "noi thuong tru": "address",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "loai hoi vien": "member_type",
    "so the hoi vien": "member_number",
    "so the": "member_number",
    "chi hoi": "branch",
    "ngay vao hoi": "joined_on",
    "ngay ket nap": "joined_on",
    "ngay gia nhap": "joined_on",
}
REQUIRED = ("full_name", "joined_on")
SEX_VALUES = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}
MEMBER_TYPES = {
    "chinh thuc": MemberType.OFFICIAL,
    "hoi vien chinh thuc": MemberType.OFFICIAL,
    "lien ket": MemberType.ASSOCIATE,
    "hoi vien lien ket": MemberType.ASSOCIATE,
    "danh du": MemberType.HONORARY,
    "hoi vien danh du": MemberType.HONORARY,
}
ETHNIC_BY_NAME = {fold(name): code for code, name in ETHNIC_GROUPS} | {
    fold(name).replace("-", " "): code for code, name in ETHNIC_GROUPS
}
DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
HEADER_SCAN_ROWS = 20


class ImportFileError(Exception):
    """The file as a whole cannot be read (not .xlsx, no header row…); the message says why."""


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str


@dataclass
class Layout:
    """Where the data is: the header row, columns by field, and the columns that are ignored."""

    header_row: int
    first_data_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    sex_by_birth_column: dict[int, str] = field(default_factory=dict)


def _header_key(text) -> str:
    folded = fold(re.sub(r"\(.*?\)|\*", " ", str(text or "")))
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", folded).split())


def find_layout(rows: list[list]) -> Layout:
    """The header is the first of the top rows naming at least the full name and one other known column."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = [_header_key(cell) for cell in row]
        fields = {HEADER_ALIASES.get(k) for k in keys} - {None}
        if "full_name" not in fields or len(fields) < 2:
            continue
        columns, headers, ignored = {}, {}, []
        for col, (key, cell) in enumerate(zip(keys, row, strict=False)):
            name = HEADER_ALIASES.get(key)
            if name and name not in columns:
                columns[name], headers[name] = col, clean_text(str(cell))
            elif key:
                ignored.append(clean_text(str(cell)))
        layout = Layout(
            header_row=index + 1, first_data_row=index + 2, columns=columns, headers=headers, ignored=ignored
        )
        _merged_sex_subheader(rows, index, layout)
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            raise ImportFileError(
                _("The header row (row %(row)s) has no column for: %(cols)s.")
                % {"row": index + 1, "cols": ", ".join(_field_labels()[m] for m in missing)}
            )
        return layout
    raise ImportFileError(
        _("No header row found in the first %(n)s rows: one row must name at least “Họ và tên” and “Ngày vào hội”.")
        % {"n": HEADER_SCAN_ROWS}
    )


def _merged_sex_subheader(rows, index, layout: Layout) -> None:
    """A common form: "Năm sinh" merged over two sub-columns "Nam" and "Nữ"; the year is written
    under the person's sex. Then the data starts one row lower."""
    if index + 1 >= len(rows):
        return
    below = [fold(str(c or "")) for c in rows[index + 1]]
    if "nam" in below and "nu" in below and "birth" in layout.columns:
        layout.sex_by_birth_column = {below.index("nam"): "M", below.index("nu"): "F"}
        layout.first_data_row = index + 3
        layout.ignored = [h for h in layout.ignored if fold(h) not in ("nam", "nu")]


def _field_labels() -> dict[str, str]:
    return {
        "full_name": _("Full name"),
        "joined_on": _("Joined on"),
        "birth": _("Date of birth"),
        "sex": _("Sex"),
        "cccd": _("CCCD number"),
        "ethnicity": _("Ethnicity"),
        "occupation": _("Occupation"),
        "commune": _("Permanent address: commune"),
        "address": _("Permanent address"),
        "phone": _("Phone"),
        "member_type": _("Member type"),
        "member_number": _("Member number"),
        "branch": _("Branch"),
    }


PARALLEL_FROM_ROWS = 50_000  # below this, starting reader processes costs more than it saves
READER_BLOCK = BLOCK // 4  # the XML a reader process parses at a time: 1 MB, about 1,500 rows


class Sheet:
    """The first worksheet of an .xlsx: its height and its rows (lists of cell values), read as a stream
    (sohoi.members.xlsxstream) so that memory stays flat whatever the number of rows."""

    def __init__(self, path):
        try:
            self._sheet = StreamingSheet(path)
            self._path = path
        except NotXlsx as exc:
            raise _unreadable() from exc
        self.height = self._sheet.height

    def rows(self, *, in_background: bool = True) -> Iterator[tuple[int, list]]:
        """(Excel row number, values) for every row; a large sheet is read by other processes."""
        if in_background and self.height >= PARALLEL_FROM_ROWS:
            return _readable(rows_in_background(self._path, block=READER_BLOCK))
        return _readable(self._sheet.rows())


def _unreadable() -> ImportFileError:
    return ImportFileError(_("The file cannot be read as an Excel workbook (.xlsx)."))


def _readable(items: Iterator) -> Iterator:
    """`items`, a damaged sheet found on the way (its compressed data, its CRC) said as the file's problem."""
    try:
        yield from items
    except NotXlsx as exc:
        raise _unreadable() from exc


@lru_cache(maxsize=65536)  # a list repeats its communes, dates, sexes, ethnic groups
def _text(value) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return clean_text(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


YEAR = re.compile(r"\d{4}")
COMMUNE_CODE = re.compile(r"\b(\d{4,5})\b")


def parse_date(value, *, allow_year: bool = True) -> tuple[dt.date | None, str, str | None]:
    """(date, precision, problem): a date cell, "dd/mm/yyyy" text, a bare year (birth dates only),
    or an unformatted Excel date serial number."""
    return _parse_date(value, allow_year, get_language())


@lru_cache(maxsize=65536)  # the same join dates and birth years recur down a list
def _parse_date(value, allow_year: bool, _language: str) -> tuple[dt.date | None, str, str | None]:
    if value in (None, ""):
        return None, DatePrecision.DAY, None
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY, None
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY, None
    text = _text(value)
    if allow_year and YEAR.fullmatch(text):
        return dt.date(int(text), 1, 1), DatePrecision.YEAR, None
    if isinstance(value, (int, float)) and 3000 < value < 80000:
        return excel_date(int(value)), DatePrecision.DAY, None
    match = DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day), DatePrecision.DAY, None
        except ValueError:
            return None, DatePrecision.DAY, _("an existing date (this day does not exist)")
    if allow_year:
        return None, DatePrecision.DAY, _("a date dd/mm/yyyy or a year yyyy")
    return None, DatePrecision.DAY, _("a date dd/mm/yyyy")


_FOLDED: dict = {}


def _folded_lookup(table: dict, raw) -> str:
    """`table[fold(raw)]`, remembered: the few values a column takes are folded once per process."""
    key = (id(table), raw)
    found = _FOLDED.get(key)
    if found is None:
        if len(_FOLDED) > 10_000:  # a column of all-different values: stay small
            _FOLDED.clear()
        found = _FOLDED[key] = table.get(fold(_text(raw)), "")
    return found


def _commune(ctx, raw) -> int | None:
    """The commune a cell names, by 5-digit code or by name (remembered per file)."""
    if raw in ctx.commune_memo:
        return ctx.commune_memo[raw]
    text = _text(raw)
    code_match = COMMUNE_CODE.search(text)
    unit = ctx.communes_by_code.get(code_match.group(1).zfill(5)) if code_match else None
    unit = unit or ctx.communes_by_name.get(fold(text))
    if len(ctx.commune_memo) < 20_000:
        ctx.commune_memo[raw] = unit
    return unit


@dataclass
class Context:
    """What row checks need to know, loaded once per file."""

    rule: object
    communes_by_code: dict
    communes_by_name: dict
    branches_by_name: dict
    open_cccds: set  # CCCDs of persons already members of this association now
    today: dt.date = field(default_factory=timezone.localdate)
    seen: dict = field(default_factory=dict)  # duplicate key → first row
    picker: tuple | None = None
    quick_checks: dict = field(default_factory=dict)
    commune_memo: dict = field(default_factory=dict)
    # The quick path's memory: a column's raw value → its checked value, or REFUSED (see quick_check).
    memo: dict = field(default_factory=lambda: {name: {} for name in QUICK_MEMOS})


class CleanRow(NamedTuple):
    """A checked row, ready to write (a tuple: cheap to build, stage and read back)."""

    row: int
    full_name: str
    birth_date: dt.date | None
    birth_precision: str
    sex: str
    cccd: str
    ethnicity: str
    occupation: str
    commune_id: int | None
    address: str
    phone: str
    member_type: str
    member_number: str
    branch_id: int | None
    joined_on: dt.date


def check_row(values: list, row: int, layout: Layout, ctx: Context) -> tuple[CleanRow | None, list[Problem]]:
    """Check one data row; `row` is its Excel row number. A plainly good row passes the quick path;
    any other takes the full one, which names every problem."""
    clean = quick_check(values, row, layout, ctx)
    if clean is not None:
        return clean, []
    return full_check(values, row, layout, ctx)


QUICK_FIELDS = (
    "full_name",
    "birth",
    "sex",
    "cccd",
    "ethnicity",
    "occupation",
    "commune",
    "address",
    "phone",
    "member_type",
    "member_number",
    "branch",
    "joined_on",
)
QUICK_MEMOS = ("birth", "sex", "ethnicity", "commune", "member_type", "branch", "joined_on")
REFUSED = object()  # a memo's answer for a value the full path must explain
UNSEEN = object()  # not in a memo yet
MEMO_LIMIT = 100_000  # values remembered per column: a column of all-different values stays small
CENTURY_AND_SEX = {str(digit): century_and_sex(digit) for digit in range(10)}


def _quick_picker(layout: Layout):
    """What takes the QUICK_FIELDS' cells from a row padded with empty cells, and the padding."""
    width = max(layout.columns.values()) + 1
    places = [layout.columns.get(name, width) for name in QUICK_FIELDS]
    return itemgetter(*places), [""] * (width + 1)


def _remember(ctx: Context, name: str, raw):
    """A column's value checked by its QUICK_MEMOS function and remembered; REFUSED for a value with
    a problem."""
    found = ctx.quick_checks[name](raw)
    found = REFUSED if found is None else found
    if len(ctx.memo[name]) < MEMO_LIMIT:
        ctx.memo[name][raw] = found
    return found


def _quick_setup(ctx: Context, layout: Layout) -> None:
    """Once per file: the picker of the row's cells, and per QUICK_MEMOS column the function that checks
    a value not seen before, its memory holding already what an empty cell stands for."""
    pick, padding = _quick_picker(layout)
    checks = {  # name: (function, an empty cell's value, text only: anything else is REFUSED)
        "birth": (_birth(ctx), (None, DatePrecision.DAY), False),
        "sex": (_lookup(SEX_VALUES), "", True),
        "ethnicity": (_ethnicity, "", True),
        "commune": (lambda raw: _commune(ctx, raw), None, False),
        "member_type": (_lookup(MEMBER_TYPES), MemberType.OFFICIAL, True),
        "branch": (_lookup(ctx.branches_by_name), None, False),
        "joined_on": (_joined, REFUSED, False),
    }
    for name, (function, empty, text_only) in checks.items():
        ctx.quick_checks[name] = _text_only(function) if text_only else function
        ctx.memo[name].update({None: empty, "": empty})
    ctx.picker = pick, padding, tuple(ctx.memo[name] for name in QUICK_MEMOS)


def _text_only(function):
    return lambda raw: function(raw) if type(raw) is str else None


def _birth(ctx: Context):
    def compute(raw):
        birth_date, precision, problem = parse_date(raw)
        if problem or not _plausible_birth(birth_date, ctx.today):
            return None
        return birth_date, precision

    return compute


def _joined(raw):
    joined_on, _precision, problem = parse_date(raw, allow_year=False)
    return None if problem else joined_on


def _lookup(table):
    return lambda raw: table.get(fold(_text(raw))) or None


def _plausible_birth(birth_date: dt.date | None, today: dt.date) -> bool:
    """No birth date, or one between 1900 and today."""
    return not birth_date or dt.date(1900, 1, 1) <= birth_date <= today


def _ethnicity(raw) -> str | None:
    """The code of Decision 121-TCTK/PPCĐ a cell names (by name, or code 01–56), or None."""
    text = _text(raw)
    return (text.zfill(2) if text.isdigit() and 1 <= int(text) <= 56 else ETHNIC_BY_NAME.get(fold(text))) or None


def quick_check(values: list, row: int, layout: Layout, ctx: Context) -> CleanRow | None:
    """The row checked the short way: each column's few values are checked once per file and
    remembered; the CCCD's digits are checked in place. None when anything is not plainly right (or the
    layout is an unusual one): then the full check gives the same result with its messages. A test
    compares the two on every kind of row."""
    if layout.sex_by_birth_column:
        return None
    if ctx.picker is None:
        _quick_setup(ctx, layout)
    pick, padding, memos = ctx.picker
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
    ) = pick(values + padding if type(values) is list else list(values) + padding)
    if type(raw_name) is not str:
        return None
    name = _text(raw_name)
    if not name or len(name) > 120:
        return None
    if name.isupper():
        name = name.title()

    # Each column's value from its memory (a dict lookup, no call), else checked and remembered. A code
    # typed as a number (sex, ethnicity, member type) is left to the full check. Written out column by
    # column on purpose: the same as a loop over the seven, it takes 3.0 µs a row instead of 3.9.
    m_birth, m_sex, m_eth, m_commune, m_type, m_branch, m_joined = memos
    if (birth := m_birth.get(raw_birth, UNSEEN)) is UNSEEN:
        birth = _remember(ctx, "birth", raw_birth)
    if (sex := m_sex.get(raw_sex, UNSEEN)) is UNSEEN:
        sex = _remember(ctx, "sex", raw_sex)
    if (ethnicity := m_eth.get(raw_eth, UNSEEN)) is UNSEEN:
        ethnicity = _remember(ctx, "ethnicity", raw_eth)
    if (commune_id := m_commune.get(raw_commune, UNSEEN)) is UNSEEN:
        commune_id = _remember(ctx, "commune", raw_commune)
    if (member_type := m_type.get(raw_type, UNSEEN)) is UNSEEN:
        member_type = _remember(ctx, "member_type", raw_type)
    if (branch_id := m_branch.get(raw_branch, UNSEEN)) is UNSEEN:
        branch_id = _remember(ctx, "branch", raw_branch)
    if (joined_on := m_joined.get(raw_joined, UNSEEN)) is UNSEEN:
        joined_on = _remember(ctx, "joined_on", raw_joined)
    if REFUSED in (sex, birth, ethnicity, commune_id, member_type, branch_id, joined_on):
        return None
    birth_date, precision = birth
    if joined_on > ctx.today or (birth_date and joined_on < birth_date):
        return None

    cccd = ""
    if raw_cccd not in (None, ""):
        if type(raw_cccd) is not str or len(raw_cccd) != 12 or not (raw_cccd.isascii() and raw_cccd.isdigit()):
            return None
        if raw_cccd[:3] not in PROVINCE_PREFIXES:
            return None
        century, coded_sex = CENTURY_AND_SEX[raw_cccd[3]]
        if (sex and sex != coded_sex) or (birth_date and birth_date.year != century + int(raw_cccd[4:6])):
            return None
        cccd = raw_cccd

    key = person_key(cccd, name, birth_date)
    if key in ctx.seen or (cccd and cccd in ctx.open_cccds):
        return None
    if ctx.rule is not None and eligibility_problem(
        ctx.rule, birth_date=birth_date, precision=precision, joined_on=joined_on, exception=False
    ):
        return None
    ctx.seen[key] = row
    return CleanRow(
        row,
        name,
        birth_date,
        precision,
        sex,
        cccd,
        ethnicity,
        _text(raw_occupation)[:120],
        commune_id,
        _text(raw_address)[:200],
        _text(raw_phone)[:20],
        member_type,
        _text(raw_number)[:30],
        branch_id,
        joined_on,
    )


def person_key(cccd: str, name: str, birth_date) -> int | tuple:
    """What makes two rows of a file the same person: the CCCD (checked: 12 digits), as a number — a
    million of them kept in half the memory of strings —, else the folded name and the birth date."""
    return int(cccd) if cccd else (name_keys(name)[0], birth_date)


@lru_cache(maxsize=65536)  # names recur in a long list
def name_keys(full_name: str) -> tuple[str, str]:
    """The person's folded name and the same with the given name first (search keys)."""
    folded = fold(full_name)
    return folded, given_name_first(folded)


_iso_day = lru_cache(maxsize=65536)(dt.date.isoformat)  # few different dates in a list


def staged_row(clean: CleanRow) -> tuple:
    """A checked row as the staging keeps it (sohoi.members.staging.COLUMNS): the name's two search keys
    after the name, dates in ISO form."""
    birth = clean[2]
    return (clean[0], clean[1], *name_keys(clean[1]), birth and _iso_day(birth), *clean[3:14], _iso_day(clean[14]))


def full_check(values: list, row: int, layout: Layout, ctx: Context) -> tuple[CleanRow | None, list[Problem]]:
    """Check one data row, naming every problem."""
    cols, headers = layout.columns, layout.headers
    problems: list[Problem] = []

    def cell(name):
        col = cols.get(name)
        return values[col] if col is not None and col < len(values) else None

    def problem(name, value, expected):
        problems.append(Problem(row, headers.get(name, name), _text(value), expected))

    name = _text(cell("full_name"))
    if name.isupper():
        name = name.title()
    if not name:
        problem("full_name", "", _("a full name"))
    elif len(name) > 120:
        problem("full_name", name[:40] + "…", _("at most 120 characters"))

    sex = ""
    raw_sex = cell("sex")
    if raw_sex not in (None, ""):
        sex = _folded_lookup(SEX_VALUES, raw_sex)
        if not sex:
            problem("sex", raw_sex, _("“Nam” or “Nữ”"))

    raw_birth = cell("birth")
    if layout.sex_by_birth_column:
        for col, coded in layout.sex_by_birth_column.items():
            if col < len(values) and values[col] not in (None, ""):
                raw_birth, sex = values[col], sex or coded
    birth_date, precision, birth_problem = parse_date(raw_birth)
    if birth_problem:
        problem("birth", raw_birth, birth_problem)
    elif not _plausible_birth(birth_date, ctx.today):
        problem("birth", raw_birth, _("a birth date between 1900 and today"))
        birth_date = None

    cccd = normalise(cell("cccd"))
    if cccd:
        for p in check_cccd(cccd, sex=sex, birth_year=birth_date.year if birth_date else None):
            problem("cccd", cell("cccd"), p.message)

    ethnicity = ""
    raw_eth = cell("ethnicity")
    if raw_eth not in (None, ""):
        ethnicity = _ethnicity(raw_eth) or ""
        if not ethnicity:
            problem("ethnicity", raw_eth, _("an ethnic group of Decision 121-TCTK/PPCĐ (name or code 01–56)"))

    commune_id = None
    raw_commune = cell("commune")
    if raw_commune not in (None, ""):
        unit = _commune(ctx, raw_commune)
        if unit is None:
            problem("commune", raw_commune, _("a current commune of the province (5-digit code or name)"))
        else:
            commune_id = unit

    member_type = MemberType.OFFICIAL
    raw_type = cell("member_type")
    if raw_type not in (None, ""):
        member_type = _folded_lookup(MEMBER_TYPES, raw_type)
        if not member_type:
            problem("member_type", raw_type, _("“Chính thức”, “Liên kết” or “Danh dự”"))

    branch_id = None
    raw_branch = cell("branch")
    if raw_branch not in (None, ""):
        branch_id = ctx.branches_by_name.get(fold(_text(raw_branch)))
        if branch_id is None:
            problem("branch", raw_branch, _("a branch of this association"))

    joined_on, _precision, joined_problem = parse_date(cell("joined_on"), allow_year=False)
    if joined_problem:
        problem("joined_on", cell("joined_on"), joined_problem)
    elif joined_on is None:
        problem("joined_on", "", _("the date the person joined (dd/mm/yyyy)"))
    elif joined_on > ctx.today:
        problem("joined_on", cell("joined_on"), _("a date not in the future"))
    elif birth_date and joined_on < birth_date:
        problem("joined_on", cell("joined_on"), _("a date after the birth date"))

    if not problems:
        key = person_key(cccd, name, birth_date)
        if key in ctx.seen:
            problem(
                "cccd" if cccd else "full_name",
                cccd or name,
                _("a person listed once (the same person is on row %(row)s)") % {"row": ctx.seen[key]},
            )
        elif cccd and cccd in ctx.open_cccds:
            problem("cccd", cccd, _("a person not yet in the association (already a member)"))
        else:
            ctx.seen[key] = row
            why = eligibility_problem(
                ctx.rule, birth_date=birth_date, precision=precision, joined_on=joined_on, exception=False
            )
            if why:
                problem("birth", raw_birth, why)
    if problems:
        return None, problems
    return CleanRow(
        row=row,
        full_name=name,
        birth_date=birth_date,
        birth_precision=precision,
        sex=sex,
        cccd=cccd,
        ethnicity=ethnicity,
        occupation=_text(cell("occupation"))[:120],
        commune_id=commune_id,
        address=_text(cell("address"))[:200],
        phone=_text(cell("phone"))[:20],
        member_type=member_type,
        member_number=_text(cell("member_number"))[:30],
        branch_id=branch_id,
        joined_on=joined_on,
    ), []
