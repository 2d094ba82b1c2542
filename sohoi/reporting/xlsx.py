"""A report as an Excel file for work without a connection, and reading the filled file back.

The file carries the period, the association and the report's revision on a hidden sheet, so that an
upload lands on the right report and never silently overwrites a save made since the download."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from sohoi.core import xlsx
from sohoi.core.errors import ApplicationError
from sohoi.reporting.models import IndicatorKind, Report

SHEET = "Báo cáo"
META = "_sohoi"
CODE_HEADER = "Mã"
VALUE_COLUMN = "D"


def report_workbook(report: Report, indicators) -> bytes:
    period = report.period
    buffer, wb = xlsx.new_workbook()
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    locked = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    value = wb.add_format({"border": 1, "locked": False, "bg_color": "#FFF2CC", "text_wrap": True, "valign": "top"})
    sheet = wb.add_worksheet(SHEET)
    sheet.write_string(0, 0, xlsx.safe(f"{period.regime.title} {period.year}"), bold)
    sheet.write_string(1, 0, xlsx.safe(report.association.name), bold)
    sheet.write_string(
        2, 0, f"Số liệu từ {period.starts_on:%d/%m/%Y} đến {period.ends_on:%d/%m/%Y}; hạn gửi {period.due_on:%d/%m/%Y}."
    )
    sheet.write_string(
        3, 0, "Điền cột D (Giá trị) rồi tải tệp lên trang báo cáo. Không sửa cột Mã. Số ghi liền, không dấu chấm."
    )
    for col, (title, width) in enumerate([("STT", 5), (CODE_HEADER, 16), ("Chỉ tiêu", 45), ("Giá trị", 60)]):
        sheet.write_string(4, col, title, head)
        sheet.set_column(col, col, width)
    for n, indicator in enumerate(indicators, start=1):
        row = 4 + n
        sheet.write_number(row, 0, n, locked)
        sheet.write_string(row, 1, indicator.code, locked)
        sheet.write_string(row, 2, xlsx.safe(indicator.label), locked)
        current = report.values.get(indicator.code, "")
        number = _as_int(current) if indicator.kind != IndicatorKind.TEXT else None
        if number is not None:
            sheet.write_number(row, 3, number, value)
        else:
            sheet.write_string(row, 3, xlsx.safe(str(current)), value)
        if indicator.kind == IndicatorKind.TEXT:
            sheet.set_row(row, 90)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    meta = wb.add_worksheet(META)
    for r, (name, number) in enumerate(
        [("period", period.pk), ("association", report.association_id), ("revision", report.revision)]
    ):
        meta.write_string(r, 0, name)
        meta.write_number(r, 1, number)
    meta.hide()
    wb.close()
    return buffer.getvalue()


def _as_int(value):
    try:
        return int(str(value).replace(".", "").replace(" ", ""))
    except ValueError:
        return None


@dataclass
class Filled:
    period: int | None
    association: int | None
    revision: int | None
    values: dict  # indicator code → text as typed
    rows: dict  # indicator code → Excel row number
    problems: list[str]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_filled(file, indicators) -> Filled:
    """The values of a filled report file; a file that is not one of ours is refused whole."""
    try:
        workbook = CalamineWorkbook.from_filelike(file)
        rows = workbook.get_sheet_by_name(SHEET).to_python()
        meta = {r[0]: r[1] for r in workbook.get_sheet_by_name(META).to_python() if len(r) > 1}
    except Exception as exc:  # calamine raises its own types for unreadable files and missing sheets
        raise ApplicationError(
            _("This file is not a report form downloaded from Sổ Hội (.xlsx). Download the form again and fill it in.")
        ) from exc

    def whole(name):
        value = meta.get(name)
        return int(value) if isinstance(value, float) and value.is_integer() else None

    known = {i.code: i for i in indicators}
    header = next((n for n, r in enumerate(rows) if len(r) > 1 and _cell_text(r[1]) == CODE_HEADER), None)
    if header is None:
        raise ApplicationError(_("The column “%(name)s” of the form is missing.") % {"name": CODE_HEADER})
    filled = Filled(whole("period"), whole("association"), whole("revision"), {}, {}, [])
    for n, row in enumerate(rows[header + 1 :], start=header + 2):
        code = _cell_text(row[1]) if len(row) > 1 else ""
        text = _cell_text(row[3]) if len(row) > 3 else ""
        if not code:
            continue
        if code not in known:
            filled.problems.append(
                _("Row %(row)s, column B: the code “%(value)s” is not an indicator of this form.")
                % {"row": n, "value": code}
            )
            continue
        filled.rows[code] = n
        if text:
            filled.values[code] = text
    return filled
