"""Excel files Sổ Hội hands out. Every text cell goes through ``safe`` so that a value beginning with
= + - @ cannot run as a formula when the file is opened (formula injection)."""

import io

import xlsxwriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text that a spreadsheet will show, never evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def new_workbook():
    buffer = io.BytesIO()
    return buffer, xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )


def table(title: str, header: list[str], rows) -> bytes:
    """A plain table (member list export)."""
    buffer, wb = new_workbook()
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    sheet = wb.add_worksheet(title[:31])
    for col, name in enumerate(header):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, 18)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            write_cell(sheet, r, c, value, date)
    sheet.freeze_panes(1, 0)
    wb.close()
    return buffer.getvalue()


def write_cell(sheet, row, col, value, date_format):
    if value is None or value == "":
        return
    if hasattr(value, "year") and hasattr(value, "month"):
        sheet.write_datetime(row, col, value, date_format)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, safe(str(value)))
