"""Stage 2, layout: where the member data is among the rows read.

Real lists have title rows above the header, a header on two levels ("Năm sinh" over "Nam" / "Nữ"), a
row numbering the columns "(1) (2) (3)…" under it, and under the table a totals row, the place and date,
the signers' titles and names. The header is the first of the top rows that names the full name and one
other known column — known from `columns.COLUMNS` or from a mapping an officer of the association chose
on an earlier upload. `not_member_data` tells the rows under the header that are not members.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sohoi.core.text import clean_text, fold
from sohoi.members.importing.columns import ALIASES, BY_FIELD, REQUIRED, header_key
from sohoi.members.importing.records import ImportFileError

HEADER_SCAN_ROWS = 20


@dataclass
class Layout:
    """Where the data is: the header row(s), columns by field, and what the file has that is not used."""

    header_row: int
    first_data_row: int
    columns: dict[str, int]  # field → column index
    headers: dict[str, str]  # field → the file's own title
    titles: list[tuple[int, str, str]] = field(default_factory=list)  # every titled column: (index, title, field)
    sex_by_birth_column: dict[int, str] = field(default_factory=dict)
    header_rows: list[list] = field(default_factory=list)  # as read: one row, or two for a two-level header
    skipped: list[int] = field(default_factory=list)  # rows between the header and the data: not member data

    @property
    def ignored(self) -> list[str]:
        """The titles of the columns no field is read from."""
        return [title for _index, title, name in self.titles if not name]

    def title(self, name: str) -> str:
        """The column's title as the file has it, else the field's name."""
        return self.headers.get(name) or str(BY_FIELD[name].label)


class MissingColumns(ImportFileError):
    """A header was found but a required column was not recognised: the officer may map one."""

    def __init__(self, message: str, layout: Layout):
        super().__init__(message)
        self.layout = layout


def find_layout(rows: list[list], remembered: dict[str, str] | None = None) -> Layout:
    """The layout of a sheet from its first rows. `remembered`: header key → field, chosen by an officer."""
    aliases = ALIASES | (remembered or {})
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = [header_key(cell) for cell in row]
        fields = {aliases.get(k) for k in keys} - {None, "", "_row"}
        if "full_name" not in fields or len(fields) < 2:
            continue
        layout = Layout(header_row=index + 1, first_data_row=index + 2, columns={}, headers={})
        for col, (key, cell) in enumerate(zip(keys, row, strict=False)):
            name = aliases.get(key) or ""
            if not key:
                continue
            if name == "_row":
                continue
            if name and name not in layout.columns:
                layout.columns[name], layout.headers[name] = col, clean_text(str(cell))
            else:
                name = ""
            layout.titles.append((col, clean_text(str(cell)), name))
        layout.header_rows = [list(row)]
        _sex_subheader(rows, index, layout)
        _numbering_row(rows, layout)
        missing = [name for name in REQUIRED if name not in layout.columns]
        if missing:
            raise MissingColumns(
                _("The header row (row %(row)s) has no column for: %(cols)s.")
                % {"row": index + 1, "cols": ", ".join(str(BY_FIELD[m].label) for m in missing)},
                layout,
            )
        return layout
    raise ImportFileError(
        _("No header row found in the first %(n)s rows: one row must name at least “Họ và tên” and “Ngày vào hội”.")
        % {"n": HEADER_SCAN_ROWS}
    )


def _sex_subheader(rows, index, layout: Layout) -> None:
    """A common form: "Năm sinh" merged over two sub-columns "Nam" and "Nữ"; the year is written
    under the person's sex. Then the header has two rows and the data starts one row lower."""
    if index + 1 >= len(rows) or "birth" not in layout.columns:
        return
    below = [fold(str(c or "")).strip() for c in rows[index + 1]]
    if "nam" in below and "nu" in below:
        layout.sex_by_birth_column = {below.index("nam"): "M", below.index("nu"): "F"}
        layout.first_data_row = index + 3
        layout.header_rows.append(list(rows[index + 1]))


NUMBERING_CELL = re.compile(r"\(?\s*[0-9a-z]{1,2}\s*\)?")


def _numbering_row(rows, layout: Layout) -> None:
    """The row that numbers the columns, "(1) (2) (3)…" or "A B 1 2…", right under the header."""
    index = layout.first_data_row - 1
    if index < len(rows) and is_numbering(rows[index]):
        layout.skipped.append(layout.first_data_row)
        layout.first_data_row += 1


def is_numbering(values) -> bool:
    cells = [fold(str(v)).strip() for v in values if v not in (None, "")]
    return len(cells) >= 3 and all(NUMBERING_CELL.fullmatch(c) for c in cells)


# Under the table: "Tổng cộng: 125 hội viên", "Người lập biểu", "(Ký, ghi rõ họ tên)", "T/M BAN CHẤP HÀNH",
# "Chủ tịch", "Thái Nguyên, ngày 15 tháng 3 năm 2026" ("…, ngày … tháng … năm …" folds the same way).
FOOTER = re.compile(
    r"^(tong cong|tong so|tong|cong)\b"
    r"|nguoi lap|lap bieu|thu truong|ky ten|ky ghi ro|ghi ro ho ten|xac nhan|dong dau"
    r"|^(t m|tm|chu tich|pho chu tich|truong ban|ban chap hanh|thay mat)\b"
    r"|\bngay\b[\s\d./,]*\bthang\b[\s\d./,]*\bnam\b"
)


def not_member_data(values, after_footer: bool) -> tuple[bool, bool]:
    """(whether the row is not member data, whether it is a footer line). Asked only of rows the check
    refused: a numbering row, a footer line, or — below a footer — a row of one or two cells of text (a
    signer's name)."""
    cells = [clean_text(str(v)) for v in values if v not in (None, "")]
    if not cells:
        return True, False
    if is_numbering(values):
        return True, False
    text = fold(" ".join(cells))
    if FOOTER.search(text):
        return True, True
    if after_footer and len(cells) <= 2 and all(isinstance(v, str) for v in values if v not in (None, "")):
        return True, False
    return False, False
