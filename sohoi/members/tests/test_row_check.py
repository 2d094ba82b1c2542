"""The one row checker on every kind of row: the clean row, or every problem with its message; its
memory of each column's values gives the same answers as a first look."""

import datetime as dt
import unicodedata

import pytest

from sohoi.geo.selectors import home_communes
from sohoi.members.importing import job, read
from sohoi.members.importing.layout import find_layout
from sohoi.members.importing.records import CleanRow
from sohoi.members.models import EligibilityRule
from sohoi.registry.models import Branch

HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Nghề nghiệp",
    "Xã, phường thường trú",
    "Địa chỉ thường trú",
    "Điện thoại",
    "Loại hội viên",
    "Số thẻ hội viên",
    "Chi hội",
    "Ngày vào hội",
    "Ghi chú",
]
GOOD = [1, "Hoàng Thị Lan", "12/03/1960", "Nữ", "006160004321", "Tày", "Nông dân", "01840", "Thôn Nà Pài"]
TAIL = ["0912345678", "Chính thức", "HV-01", "", "01/06/2020"]


def _row(**changes):
    row = GOOD + TAIL + [""]
    for column, value in changes.items():
        row[HEADER.index(column)] = value
    return row


ROWS = [
    _row(),
    _row(),  # the same person twice
    _row(**{"Số CCCD": "006160004322", "Họ và tên": "NÔNG VĂN BA", "Giới tính": "Nam"}),  # digit 4 says female
    _row(**{"Số CCCD": "006060004322", "Họ và tên": "NÔNG VĂN BA", "Giới tính": "Nam", "Ngày sinh": "1960"}),
    _row(**{"Số CCCD": "006160004323", "Họ và tên": unicodedata.normalize("NFD", "Lò Thị Mai")}),
    _row(**{"Số CCCD": "006160004324", "Ngày sinh": dt.date(1960, 1, 2), "Ngày vào hội": dt.datetime(2021, 1, 5)}),
    _row(**{"Số CCCD": "006161004325", "Ngày sinh": "1961", "Ngày vào hội": 44000.0}),
    _row(**{"Số CCCD": "006160004326", "Ngày sinh": "31/02/1960"}),
    _row(**{"Số CCCD": "006160004327", "Ngày sinh": "1960-03-12"}),
    _row(**{"Số CCCD": "006162004328"}),  # year digits say 1962
    _row(**{"Số CCCD": "999160004329"}),  # no such province
    _row(**{"Số CCCD": 6160004330.0}),  # a number: its leading zeros are gone
    _row(**{"Số CCCD": "00616000433"}),
    _row(**{"Số CCCD": "006 160 004 331"}),
    _row(**{"Số CCCD": ""}),
    _row(**{"Số CCCD": "", "Ngày sinh": "12/03/1960"}),  # same name and birth date, no CCCD: the same person
    _row(**{"Số CCCD": "006160004332", "Dân tộc": "1"}),
    _row(**{"Số CCCD": "006160004333", "Dân tộc": 2}),
    _row(**{"Số CCCD": "006160004334", "Dân tộc": "Mèo"}),
    _row(**{"Số CCCD": "006160004335", "Dân tộc": "tay"}),
    _row(**{"Số CCCD": "006160004336", "Xã, phường thường trú": "Xã Ba Bể"}),
    _row(**{"Số CCCD": "006160004337", "Xã, phường thường trú": "99999"}),
    _row(**{"Số CCCD": "006160004338", "Xã, phường thường trú": 1840}),
    _row(**{"Số CCCD": "006160004339", "Giới tính": "nu"}),
    _row(**{"Số CCCD": "006160004340", "Giới tính": "X"}),
    _row(**{"Số CCCD": "006160004341", "Giới tính": 1}),
    _row(**{"Số CCCD": "006160004342", "Loại hội viên": "Danh dự"}),
    _row(**{"Số CCCD": "006160004343", "Loại hội viên": "Khác"}),
    _row(**{"Số CCCD": "006160004344", "Chi hội": "Chi hội Nà Pài"}),
    _row(**{"Số CCCD": "006160004345", "Chi hội": "Chi hội không có"}),
    _row(**{"Số CCCD": "006160004346", "Ngày vào hội": ""}),
    _row(**{"Số CCCD": "006160004347", "Ngày vào hội": "2020"}),
    _row(**{"Số CCCD": "006160004348", "Ngày vào hội": "01/06/2099"}),
    _row(**{"Số CCCD": "006160004349", "Ngày vào hội": "01/06/1950"}),  # before the birth
    _row(**{"Số CCCD": "006160004350", "Ngày sinh": "1890"}),
    _row(**{"Số CCCD": "006160004351", "Họ và tên": ""}),
    _row(**{"Số CCCD": "006160004352", "Họ và tên": 12345}),
    _row(**{"Số CCCD": "006160004353", "Họ và tên": "A" * 121}),
    _row(**{"Số CCCD": "006160004354", "Điện thoại": 912345678.0, "Số thẻ hội viên": 17.0}),
    _row(**{"Số CCCD": "006180004355", "Ngày sinh": "1980"}),  # too young for the rule
    _row(**{"Số CCCD": "006157004356", "Ngày sinh": "1957", "Ghi chú": "=HYPERLINK(1)"}),
    _row(**{"Số CCCD": "006160004357", "Ngày sinh": "  12/03/1960 "}),
    _row(**{"Số CCCD": "006200004358", "Ngày sinh": "2000", "Giới tính": "Nam"}),  # digit 4 = 2: 2000s man
    _row(**{"Số CCCD": "008160009999"}),  # already a member
    ["", "Trần Văn Cụt", "1958", "Nam", "006058000001"],  # a short row: the last cells left out
]


@pytest.fixture
def checker(cast, db):
    """A checker of the association's lists: a branch, and a rule of 45 at least."""
    association = cast.association_a
    commune = home_communes().get(code="01840")
    Branch.objects.create(
        association=association, name="Chi hội Nà Pài", commune=commune, established_on=dt.date(2010, 1, 1)
    )
    EligibilityRule.objects.update_or_create(association=association, defaults={"min_age": 45})

    def make():
        return job._checker(find_layout([HEADER]), association)

    return make


CLEAN = [2, 5, 6, 7, 8, 13, 15, 16, 18, 19, 21, 22, 24, 25, 28, 30, 38, 40, 42, 43, 45]
PROBLEMS = [
    (3, "Số CCCD", "006160004321", "mỗi người chỉ một dòng (người này đã có ở dòng 2)"),
    (4, "Số CCCD", "006160004322", "Chữ số thứ 4 (1) cho biết giới tính nữ, nhưng giới tính đã nhập là nam."),
    (9, "Ngày sinh", "31/02/1960", "một ngày có thật (ngày này không tồn tại)"),
    (10, "Ngày sinh", "1960-03-12", "ngày dạng dd/mm/yyyy hoặc năm yyyy"),
    (11, "Số CCCD", "006162004328", "Các chữ số 4–6 (162) cho biết năm sinh 1962, nhưng năm sinh đã nhập là 1960."),
    (12, "Số CCCD", "999160004329", "Ba chữ số đầu 999 không phải mã tỉnh."),
    (14, "Số CCCD", "00616000433", "Số CCCD gồm 12 chữ số; số này có 11 chữ số."),
    (17, "Họ và tên", "Hoàng Thị Lan", "mỗi người chỉ một dòng (người này đã có ở dòng 16)"),
    (20, "Dân tộc", "Mèo", "một dân tộc theo Quyết định 121-TCTK/PPCĐ (tên hoặc mã 01–56)"),
    (23, "Xã, phường thường trú", "99999", "một xã, phường hiện có của tỉnh (mã 5 chữ số hoặc tên)"),
    (26, "Giới tính", "X", "“Nam” hoặc “Nữ”"),
    (27, "Giới tính", "1", "“Nam” hoặc “Nữ”"),
    (29, "Loại hội viên", "Khác", "“Chính thức”, “Liên kết” hoặc “Danh dự”"),
    (31, "Chi hội", "Chi hội không có", "một chi hội của hội này"),
    (32, "Ngày vào hội", "", "ngày vào hội (dd/mm/yyyy)"),
    (33, "Ngày vào hội", "2020", "ngày dạng dd/mm/yyyy"),
    (34, "Ngày vào hội", "01/06/2099", "một ngày không ở tương lai"),
    (35, "Ngày vào hội", "01/06/1950", "một ngày sau ngày sinh"),
    (36, "Ngày sinh", "1890", "ngày sinh từ năm 1900 đến hôm nay"),
    (37, "Họ và tên", "", "họ và tên"),
    (39, "Họ và tên", "A" * 121, "tối đa 120 ký tự"),
    (
        41,
        "Ngày sinh",
        "1980",
        "Khi kết nạp ngày 01/06/2020, người này 40 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (45).",
    ),
    (
        44,
        "Ngày sinh",
        "2000",
        "Khi kết nạp ngày 01/06/2020, người này 20 tuổi, chưa đủ tuổi tối thiểu theo điều lệ (45).",
    ),
    (46, "Ngày vào hội", "", "ngày vào hội (dd/mm/yyyy)"),
]


def _run(checker, rows) -> tuple[list[int], list[tuple], list[tuple]]:
    clean, problems, warnings = [], [], []
    for number, values in enumerate(rows, start=2):
        row, found = checker.check(values, number)
        clean += [number] if row else []
        problems += [(p.row, p.column, p.value, p.message) for p in found if not p.warning]
        warnings += [(p.row, p.column, p.value, p.message) for p in found if p.warning]
    return clean, problems, warnings


def test_every_kind_of_row_is_clean_or_names_each_of_its_problems(checker):
    clean, problems, warnings = _run(checker(), ROWS)
    assert clean == CLEAN
    assert problems == PROBLEMS
    # Excel dropped the leading zeros of a number the row's sex and birth year confirm: taken, and said
    assert warnings == [(13, "Số CCCD", "6160004330", "đã khôi phục số 0 ở đầu: 006160004330")]


def test_a_remembered_value_gives_the_answer_of_a_first_look(checker, monkeypatch):
    from sohoi.members.importing import check

    remembered = _run(checker(), ROWS * 2)
    monkeypatch.setattr(check, "MEMO_LIMIT", 0)  # nothing remembered: every cell looked at afresh
    assert _run(checker(), ROWS * 2) == remembered


def test_a_clean_row_has_every_field(checker):
    clean, found = checker().check(_row(**{"Số CCCD": 6160004321.0}), 2)
    assert clean == CleanRow(
        row=2,
        full_name="Hoàng Thị Lan",
        birth_date=dt.date(1960, 3, 12),
        birth_precision="day",
        sex="F",
        cccd="006160004321",
        ethnicity="02",  # Tày
        occupation="Nông dân",
        commune_id=home_communes().get(code="01840").pk,
        address="Thôn Nà Pài",
        phone="0912345678",
        member_type="official",
        member_number="HV-01",
        branch_id=None,
        joined_on=dt.date(2020, 6, 1),
        eligibility_exception=False,
    )
    assert [(p.column, p.message, p.warning) for p in found] == [
        ("Số CCCD", "đã khôi phục số 0 ở đầu: 006160004321", True)
    ]


def test_a_duplicate_is_named_beside_the_rows_other_problems(checker):
    c = checker()
    c.check(_row(), 2)
    _clean, found = c.check(_row(**{"Xã, phường thường trú": "99999"}), 3)
    assert [(p.column, p.message) for p in found] == [
        ("Xã, phường thường trú", "một xã, phường hiện có của tỉnh (mã 5 chữ số hoặc tên)"),
        ("Số CCCD", "mỗi người chỉ một dòng (người này đã có ở dòng 2)"),
    ]


def test_a_large_sheet_parsed_by_reader_processes_is_checked_as_one_read_here(checker, monkeypatch, tmp_path):
    """Many blocks, parsed by two reader processes and checked here: duplicates across blocks, all in
    file order, as when this process reads the sheet itself."""
    from sohoi.members.tests.test_import import workbook

    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook(ROWS * 3, header=HEADER))  # every row again twice: duplicates
    monkeypatch.setattr(read, "READER_BLOCK", 2000)  # a few rows a block

    def checked():
        c = checker()
        return [c.check(values, index) for index, values in read.Sheet(path).rows() if index > 1]

    alone = checked()
    monkeypatch.setattr(read, "PARALLEL_FROM_ROWS", 1)
    calls, original = [], read.rows_in_background
    monkeypatch.setattr(read, "rows_in_background", lambda *a, **k: calls.append(k) or original(*a, **k))
    with_readers = checked()
    assert calls == [{"block": 2000}]
    assert with_readers == alone
    assert len(alone) == 3 * len(ROWS)
    assert [row for row, (clean, _problems) in enumerate(alone, start=2) if clean] == CLEAN
    again = 2 + len(ROWS)  # the first row's second copy
    assert [(p.value, p.message) for p in alone[again - 2][1]] == [
        ("006160004321", "mỗi người chỉ một dòng (người này đã có ở dòng 2)")
    ]
