"""The columns of a member list, in one list: the field each fills, its title in the template and the
export, the name messages give it, and the header texts offices type for it.

A header text is compared folded (lower case, no diacritics, hints in brackets and "*" dropped,
punctuation as spaces): "Nơi ở hiện nay", "NOI O HIEN NAY" and "Nơi ở hiện nay (thôn, xã)" are one key.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sohoi.core.text import fold


@dataclass(frozen=True)
class Column:
    field: str
    title: str  # in the template and the export, as Vietnamese offices read it
    label: Promise  # in messages, when the file has no title of its own for it
    aliases: tuple[str, ...]  # folded header texts
    width: int = 14
    as_text: bool = False  # formatted as text in the template: numbers that are not amounts


ROW_NUMBER = ("stt", "so thu tu", "tt", "so tt")  # "STT": the row's number in the list, not member data

COLUMNS = (
    Column(
        "full_name",
        "Họ và tên",
        _("Full name"),
        ("ho va ten", "ho ten", "ho va ten hoi vien", "ho ten hoi vien", "ten hoi vien", "ho va ten hv", "ho ten hv"),
        28,
    ),
    Column(
        "birth",
        "Ngày sinh (dd/mm/yyyy hoặc năm)",
        _("Date of birth"),
        ("ngay sinh", "nam sinh", "ngay thang nam sinh", "ngay thang sinh", "sinh ngay", "ns"),
        16,
        True,
    ),
    Column("sex", "Giới tính", _("Sex"), ("gioi tinh", "gt", "nam nu"), 10),
    Column(
        "cccd",
        "Số CCCD",
        _("CCCD number"),
        (
            "so cccd",
            "cccd",
            "so can cuoc",
            "can cuoc",
            "so can cuoc cong dan",
            "so dinh danh",
            "so dinh danh ca nhan",
            "ma dinh danh",
            "cccd cmnd",
            "so cccd cmnd",
            "cmnd cccd",
            "so cmnd cccd",
        ),
        16,
        True,
    ),
    Column("ethnicity", "Dân tộc", _("Ethnicity"), ("dan toc",)),
    Column(
        "occupation",
        "Nghề nghiệp",
        _("Occupation"),
        ("nghe nghiep", "nghe nghiep hien nay", "cong viec", "cong viec hien nay", "nghe nghiep cong viec"),
        18,
    ),
    Column(
        "commune",
        "Xã, phường thường trú",
        _("Permanent address: commune"),
        ("xa phuong thuong tru", "xa phuong", "ma xa", "xa", "noi thuong tru xa phuong", "xa phuong thi tran"),
        30,
    ),
    Column(
        "address",
        "Địa chỉ thường trú",
        _("Permanent address"),
        (
            "dia chi thuong tru",
            "dia chi",
            "noi thuong tru",
            "noi o hien nay",
            "cho o hien nay",
            "noi o",
            "noi cu tru",
            "dia chi noi o",
            "dia chi lien he",
            "thon xom",
            "thon ban",
        ),
        28,
    ),
    Column(
        "phone",
        "Điện thoại",
        _("Phone"),
        ("dien thoai", "so dien thoai", "sdt", "so dt", "dt", "dien thoai lien he", "so dien thoai lien he"),
        14,
        True,
    ),
    Column("member_type", "Loại hội viên", _("Member type"), ("loai hoi vien", "loai hv"), 16),
    Column(
        "member_number",
        "Số thẻ hội viên",
        _("Member number"),
        ("so the hoi vien", "so the", "so the hv", "ma hoi vien", "ma so hoi vien", "so hoi vien", "ma hv"),
        14,
        True,
    ),
    Column("branch", "Chi hội", _("Branch"), ("chi hoi", "ten chi hoi", "thuoc chi hoi", "sinh hoat tai chi hoi"), 24),
    Column(
        "joined_on",
        "Ngày vào hội",
        _("Joined on"),
        (
            "ngay vao hoi",
            "ngay ket nap",
            "ngay gia nhap",
            "ngay ket nap hoi vien",
            "ngay vao hoi vien",
            "ngay ket nap hv",
        ),
        14,
        True,
    ),
    Column(
        "exception",
        "Kết nạp theo ngoại lệ (Có/Không)",
        _("Admitted under the charter's exception"),
        ("ket nap theo ngoai le", "ngoai le", "ngoai le theo dieu le", "ket nap ngoai le"),
        16,
    ),
)
BY_FIELD = {column.field: column for column in COLUMNS}
FIELDS = tuple(BY_FIELD)
REQUIRED = ("full_name", "joined_on")
ALIASES = {alias: column.field for column in COLUMNS for alias in column.aliases} | dict.fromkeys(ROW_NUMBER, "_row")
TEMPLATE_TITLES = ("STT", *(column.title for column in COLUMNS))


def header_key(text) -> str:
    """A header cell's text folded for matching: hints in brackets and "*" dropped, punctuation as spaces."""
    folded = fold(re.sub(r"\(.*?\)|\*", " ", str(text or "")))
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", folded).split())


def field_choices() -> list[tuple[str, str]]:
    """The fields a column can be mapped to, for the mapping step of the import page."""
    return [(column.field, str(column.label)) for column in COLUMNS]
