"""The member registry's Excel files: the import template, the rejected rows and the member list (the
generic, formula-safe helpers are in sohoi.core.xlsx). Their columns are the import's
(sohoi.members.importing.columns), so every file re-imports."""

import xlsxwriter
from django.utils.translation import gettext as _

from sohoi.core import xlsx as core_xlsx
from sohoi.core.xlsx import new_workbook, safe, write_cell
from sohoi.geo.selectors import home_communes
from sohoi.members.importing.columns import COLUMNS, TEMPLATE_TITLES
from sohoi.members.models import MemberType
from sohoi.people.ethnicity import ETHNIC_GROUPS

# An export carries the template's columns (without "STT"), so it can be edited and imported again.
EXPORT_COLUMNS = [column.title for column in COLUMNS] + ["Ngày thôi"]


def import_template(association) -> bytes:
    """The template: the columns, dropdowns for sex, ethnicity, commune, member type and branch,
    and an instructions sheet, in Vietnamese."""
    buffer, wb = new_workbook()
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = wb.add_format({"num_format": "@"})
    sheet = wb.add_worksheet("Hội viên")
    lists = wb.add_worksheet("Danh mục")
    guide = wb.add_worksheet("Hướng dẫn")
    sheet.write_string(0, 0, "STT", bold)
    sheet.set_column(0, 0, 6)
    for col, column in enumerate(COLUMNS, start=1):
        sheet.write_string(0, col, column.title, bold)
        sheet.set_column(col, col, column.width, text if column.as_text else None)
    sheet.freeze_panes(1, 0)
    choices = {
        "Giới tính": ["Nam", "Nữ"],
        "Dân tộc": [name for _code, name in ETHNIC_GROUPS],
        "Xã, phường thường trú": [f"{c.name} ({c.code})" for c in home_communes()],
        "Loại hội viên": [str(label) for label in ("Chính thức", "Liên kết", "Danh dự")],
        "Chi hội": [b.name for b in association.branches.filter(closed_on__isnull=True)] or ["—"],
        "Kết nạp theo ngoại lệ (Có/Không)": ["Có", "Không"],
    }
    for list_col, (title, values) in enumerate(choices.items()):
        lists.write_string(0, list_col, title, bold)
        for row, value in enumerate(values, start=1):
            lists.write_string(row, list_col, value)
        col = TEMPLATE_TITLES.index(title)
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
        "8. Kết nạp theo ngoại lệ: ghi “Có” khi hội viên được kết nạp theo trường hợp ngoại lệ của điều lệ "
        "(ví dụ người 55–59 tuổi tích cực vào Hội Người cao tuổi).",
        "9. Dòng tổng cộng, dòng đánh số cột (1), (2)…, ngày tháng và chữ ký dưới bảng được bỏ qua.",
        "",
        f"Loại hội viên: {', '.join(str(label) for _v, label in MemberType.choices)}",
    ]
    for row, line in enumerate(lines):
        guide.write_string(row, 0, line, bold if row == 0 else None)
    guide.set_column(0, 0, 110)
    sheet.activate()
    wb.close()
    return buffer.getvalue()


def rows_with_reasons(header_rows: list[list], rows: list[list], reasons: list[str], sex_columns: dict) -> bytes:
    """The rejected rows as they were uploaded, under the file's own header rows (both levels of a
    two-level header, "Năm sinh" merged again over "Nam" / "Nữ"), with a last column saying what to fix:
    corrected, the file imports again with every column meaning what it meant."""
    buffer, wb = new_workbook()
    bold = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "vcenter"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    sheet = wb.add_worksheet("Dòng bị từ chối")
    width = max((len(r) for r in [*header_rows, *rows]), default=0)
    levels = len(header_rows)
    for r, header in enumerate(header_rows):
        for col, title in enumerate(header):
            if title not in (None, ""):
                sheet.write_string(r, col, safe(str(title)), bold)
    if levels == 2:  # merged again: a title over its sub-columns, a title of both rows down them
        top, below = header_rows
        subs = sorted(sex_columns)
        if subs and subs[0] < len(top) and top[subs[0]] and subs == list(range(subs[0], subs[-1] + 1)):
            sheet.merge_range(0, subs[0], 0, subs[-1], safe(str(top[subs[0]])), bold)
        for col, title in enumerate(top):
            if title not in (None, "") and col not in subs and (col >= len(below) or below[col] in (None, "")):
                sheet.merge_range(0, col, 1, col, safe(str(title)), bold)
    if levels > 1:
        sheet.merge_range(0, width, levels - 1, width, "Lỗi cần sửa", bold)
    else:
        sheet.write_string(0, width, "Lỗi cần sửa", bold)
    sheet.set_column(width, width, 70)
    for r, (values, reason) in enumerate(zip(rows, reasons, strict=True), start=levels):
        for c, value in enumerate(values):
            write_cell(sheet, r, c, value, date)
        sheet.write_string(r, width, safe(reason))
    wb.close()
    return buffer.getvalue()


def member_list(memberships, *, sensitive: bool) -> tuple[bytes, int]:
    """The member list in the template's columns (ethnicity only for who may see it) and the date left;
    and how many rows it has."""
    rows = [
        [
            m.person.full_name,
            m.person.birth_display,
            m.person.get_sex_display(),
            m.person.cccd,
            m.person.get_ethnicity_display() if sensitive else "",
            m.person.occupation,
            m.person.address_commune.name if m.person.address_commune else "",
            m.person.address_text,
            m.person.phone,
            m.get_member_type_display(),
            m.member_number,
            m.branch.name if m.branch else "",
            m.joined_on,
            "Có" if m.eligibility_exception else "",
            m.left_on,
        ]
        for m in memberships
    ]
    return core_xlsx.table("Hội viên", EXPORT_COLUMNS, rows), len(rows)
