"""The account list as an .xlsx: the template a province officer fills in, and its reading back.

One row an account: user name, full name, role (its Vietnamese name or code), associations (names or
abbreviations, separated by ";"), e-mail, phone. Titles are recognised without diacritics or case.
"""

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from sohoi.accounts.models import Role
from sohoi.accounts.services import UserData
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text, fold
from sohoi.core.xlsx import table

# field, title (the template's), other titles people write
COLUMNS = [
    ("username", "Tên đăng nhập", ("tai khoan", "username", "ten dang nhap")),
    ("full_name", "Họ và tên", ("ho ten", "ho va ten", "full name")),
    ("role", "Vai trò", ("vai tro", "role")),
    ("associations", "Hội", ("hoi", "associations", "cac hoi")),
    ("email", "Thư điện tử", ("email", "e-mail", "thu dien tu")),
    ("phone", "Điện thoại", ("dien thoai", "so dien thoai", "phone")),
]
REQUIRED = ("username", "full_name", "role")


def template() -> bytes:
    example = ["hoi.nct.dongky", "Nông Thị Hoa", str(Role.ASSOCIATION_OFFICER.label), "Hội Người cao tuổi", "", ""]
    return table(_("Accounts"), [title for _f, title, _o in COLUMNS], [example])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def read(file, associations) -> tuple[list[tuple[int, UserData]], list[str]]:
    """(row number, UserData) for each filled row, and every problem with its row and column.
    `associations`: those the accounts may be given, found by name or abbreviation."""
    try:
        rows = CalamineWorkbook.from_filelike(file).get_sheet_by_index(0).to_python()
    except Exception as exc:  # calamine's own error types for a file that is not a workbook
        raise ApplicationError(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    titles = {fold(other): name for name, title, others in COLUMNS for other in (fold(title), *others)}
    header = next(
        (n for n, row in enumerate(rows[:10]) if sum(fold(_text(v)) in titles for v in row) >= len(REQUIRED)), None
    )
    if header is None:
        raise ApplicationError(
            _("No header row with the columns %(names)s was found in the first 10 rows.")
            % {"names": ", ".join(f"“{t}”" for n, t, _o in COLUMNS if n in REQUIRED)}
        )
    where = {titles[fold(_text(v))]: col for col, v in enumerate(rows[header]) if fold(_text(v)) in titles}
    written = {name: _text(rows[header][col]) for name, col in where.items()}  # the titles as the file has them
    roles = {fold(str(label)): code for code, label in Role.choices} | {code: code for code in Role.values}
    by_name = {}
    for association in associations:
        by_name[association.name_folded] = association
        if association.abbreviation:
            by_name.setdefault(fold(association.abbreviation), association)
    found, problems = [], []
    for n, row in enumerate(rows[header + 1 :], start=header + 2):
        values = {name: _text(row[col]) if col < len(row) else "" for name, col in where.items()}
        if not any(values.values()):
            continue
        role = roles.get(fold(values.get("role", "")), values.get("role", ""))
        if values.get("role") and role not in Role.values:
            problems.append(
                _("Row %(row)s, column “%(col)s”: “%(value)s” is not a role; write one of %(roles)s.")
                % {
                    "row": n,
                    "col": written["role"],
                    "value": values["role"],
                    "roles": ", ".join(f"“{label}”" for _c, label in Role.choices),
                }
            )
        chosen = []
        for name in filter(None, (clean_text(p) for p in values.get("associations", "").split(";"))):
            association = by_name.get(fold(name))
            if association is None:
                problems.append(
                    _("Row %(row)s, column “%(col)s”: no association “%(value)s” in the registry.")
                    % {"row": n, "col": written["associations"], "value": name}
                )
            else:
                chosen.append(association)
        found.append(
            (
                n,
                UserData(
                    username=values.get("username", ""),
                    full_name=values.get("full_name", ""),
                    role=role,
                    email=values.get("email", ""),
                    phone=values.get("phone", ""),
                    associations=chosen,
                ),
            )
        )
    return found, problems
