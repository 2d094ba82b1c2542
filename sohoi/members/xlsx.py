"""The member registry's Excel files: the import template and the rejected rows (the generic,
formula-safe helpers are in sohoi.core.xlsx)."""

import xlsxwriter
from django.utils.translation import gettext as _

from sohoi.core.xlsx import new_workbook, safe, write_cell
from sohoi.geo.selectors import home_communes
from sohoi.members.models import MemberType
from sohoi.people.ethnicity import ETHNIC_GROUPS

TEMPLATE_COLUMNS = [
    ("STT", 6),
    ("Họ và tên", 28),
    ("Ngày sinh (dd/mm/yyyy hoặc năm)", 16),
    ("Giới tính", 10),
    ("Số CCCD", 16),
    ("Dân tộc", 14),
    ("Nghề nghiệp", 18),
    ("Xã, phường thường trú", 30),
    ("Địa chỉ thường trú", 28),
    ("Điện thoại", 14),
    ("Loại hội viên", 16),
    ("Số thẻ hội viên", 14),
    ("Chi hội", 24),
    ("Ngày vào hội", 14),
]
# An export carries the template's columns (without "STT"), so it can be edited and imported again.
EXPORT_COLUMNS = [title for title, _width in TEMPLATE_COLUMNS[1:]] + ["Ngày thôi"]


def import_template(association) -> bytes:
    """The template: the columns, dropdowns for sex, ethnicity, commune, member type and branch,
    and an instructions sheet, in Vietnamese."""
    buffer, wb = new_workbook()
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = wb.add_format({"num_format": "@"})
    sheet = wb.add_worksheet("Hội viên")
    lists = wb.add_worksheet("Danh mục")
    guide = wb.add_worksheet("Hướng dẫn")
    for col, (title, width) in enumerate(TEMPLATE_COLUMNS):
        sheet.write_string(0, col, title, bold)
        sheet.set_column(
            col,
            col,
            width,
            text
            if title in ("Số CCCD", "Điện thoại", "Ngày sinh (dd/mm/yyyy hoặc năm)", "Ngày vào hội", "Số thẻ hội viên")
            else None,
        )
    sheet.freeze_panes(1, 0)
    choices = {
        "Giới tính": ["Nam", "Nữ"],
        "Dân tộc": [name for _code, name in ETHNIC_GROUPS],
        "Xã, phường thường trú": [f"{c.name} ({c.code})" for c in home_communes()],
        "Loại hội viên": [str(label) for label in ("Chính thức", "Liên kết", "Danh dự")],
        "Chi hội": [b.name for b in association.branches.filter(closed_on__isnull=True)] or ["—"],
    }
    for list_col, (title, values) in enumerate(choices.items()):
        lists.write_string(0, list_col, title, bold)
        for row, value in enumerate(values, start=1):
            lists.write_string(row, list_col, value)
        col = next(i for i, (t, _w) in enumerate(TEMPLATE_COLUMNS) if t == title)
        letter = xlsxwriter.utility.xl_col_to_name(list_col)
        sheet.data_validation(
            1,
            col,
            20000,
            col,
            {
                "validate": "list",
                "source": f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}",
                "error_type": "warning",
            },
        )
    lines = [
        _("How to fill in the member list of %(name)s") % {"name": association.name},
        "",
        "1. Mỗi dòng là một hội viên. Không xóa dòng tiêu đề; có thể thêm dòng tiêu đề phía trên.",
        "2. Bắt buộc: Họ và tên, Ngày vào hội (dd/mm/yyyy).",
        "3. Ngày sinh: dd/mm/yyyy, hoặc chỉ năm sinh (yyyy) nếu không rõ ngày.",
        "4. Số CCCD: 12 chữ số, nhập dạng văn bản để Excel không bỏ số 0 ở đầu.",
        "5. Dân tộc, Giới tính, Xã/phường, Loại hội viên, Chi hội: chọn trong danh sách (sheet Danh mục).",
        "6. Người đã có trong hệ thống (cùng số CCCD) sẽ được thêm tư cách hội viên, không tạo người mới.",
        "7. Sau khi tải lên, hệ thống kiểm tra từng dòng và báo lỗi theo dòng, cột, giá trị.",
        "",
        f"Loại hội viên: {', '.join(str(label) for _v, label in MemberType.choices)}",
    ]
    for row, line in enumerate(lines):
        guide.write_string(row, 0, line, bold if row == 0 else None)
    guide.set_column(0, 0, 110)
    sheet.activate()
    wb.close()
    return buffer.getvalue()


def rows_with_reasons(header: list, rows: list[list], reasons: list[str]) -> bytes:
    """The rejected rows as they were uploaded, with a first column saying what to fix."""
    buffer, wb = new_workbook()
    bold = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    sheet = wb.add_worksheet("Dòng bị từ chối")
    sheet.write_string(0, 0, "Lỗi cần sửa", bold)
    for col, title in enumerate(header, start=1):
        sheet.write_string(0, col, str(title or ""), bold)
    sheet.set_column(0, 0, 70)
    for r, (values, reason) in enumerate(zip(rows, reasons, strict=True), start=1):
        sheet.write_string(r, 0, safe(reason))
        for c, value in enumerate(values, start=1):
            write_cell(sheet, r, c, value, date)
    wb.close()
    return buffer.getvalue()
