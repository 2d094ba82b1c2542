"""The quick path of the row check agrees with the full one on every kind of row: same clean row, or
it steps aside and the full check gives its messages."""

import datetime as dt
import unicodedata

import pytest

from sohoi.geo.selectors import home_communes
from sohoi.members import imports
from sohoi.members.importer import CleanRow, check_row, find_layout, full_check, quick_check
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
def context(cast, db):
    association = cast.association_a
    commune = home_communes().get(code="01840")
    Branch.objects.create(
        association=association, name="Chi hội Nà Pài", commune=commune, established_on=dt.date(2010, 1, 1)
    )
    EligibilityRule.objects.update_or_create(association=association, defaults={"min_age": 45})
    ctx = imports._context(association)
    ctx.open_cccds.add("008160009999")
    return association, ctx


def test_the_quick_path_agrees_with_the_full_check_on_every_kind_of_row(context):
    association, quick_ctx = context
    full_ctx = imports._context(association)
    full_ctx.open_cccds.add("008160009999")
    layout = find_layout([HEADER])
    clean, quick = [], []
    for number, values in enumerate(ROWS, start=2):
        quick_row = quick_check(values, number, layout, quick_ctx)
        got = (quick_row, []) if quick_row else full_check(values, number, layout, quick_ctx)
        assert got == full_check(values, number, layout, full_ctx), (number, values)
        clean += [number] if got[0] else []
        quick += [number] if quick_row else []
    assert quick_ctx.seen == full_ctx.seen
    assert clean == [2, 5, 6, 7, 8, 15, 16, 18, 19, 21, 22, 24, 25, 28, 30, 38, 40, 42, 43]
    # a CCCD with spaces, an ethnic code typed as a number and a name that is a number take the full path
    assert quick == [2, 5, 6, 7, 8, 16, 18, 21, 22, 24, 25, 28, 30, 40, 42, 43]


def test_check_row_takes_the_quick_path_first(context):
    association, ctx = context
    layout = find_layout([HEADER])
    assert check_row(_row(), 2, layout, ctx) == (quick_check(_row(), 2, layout, imports._context(association)), [])


def test_the_quick_path_takes_plain_rows_and_leaves_the_others(context):
    _association, ctx = context
    layout = find_layout([HEADER])
    clean = quick_check(_row(), 2, layout, ctx)
    assert clean == CleanRow(
        row=2,
        full_name="Hoàng Thị Lan",
        birth_date=dt.date(1960, 3, 12),
        birth_precision="day",
        sex="F",
        cccd="006160004321",
        ethnicity="02",  # Tày
        occupation="Nông dân",
        commune_id=clean.commune_id,
        address="Thôn Nà Pài",
        phone="0912345678",
        member_type="official",
        member_number="HV-01",
        branch_id=None,
        joined_on=dt.date(2020, 6, 1),
    )
    assert clean.commune_id is not None
    assert quick_check(_row(), 3, layout, ctx) is None  # a duplicate: the full check says of which row
    assert quick_check(_row(**{"Số CCCD": 6160004330.0}), 4, layout, ctx) is None
    assert ctx.seen == {6160004321: 2}  # the CCCD as a number


def test_a_large_sheet_parsed_by_reader_processes_is_checked_as_one_read_here(context, monkeypatch, tmp_path):
    """Many blocks, parsed by two reader processes and checked here: duplicates across blocks, rows
    for the full check, all in file order, as when this process reads the sheet itself."""
    from sohoi.members import importer
    from sohoi.members.tests.test_import import workbook

    association, _ctx = context
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook(ROWS * 3, header=HEADER))  # every row again twice: duplicates
    monkeypatch.setattr(importer, "READER_BLOCK", 2000)  # a few rows a block
    alone = list(imports.checked_rows(path, association)[2])
    monkeypatch.setattr(importer, "PARALLEL_FROM_ROWS", 1)
    calls, original = [], importer.rows_in_background
    monkeypatch.setattr(importer, "rows_in_background", lambda *a, **k: calls.append(k) or original(*a, **k))
    with_readers = list(imports.checked_rows(path, association)[2])
    assert calls == [{"block": 2000}]
    assert with_readers == alone
    assert len(alone) == 3 * len(ROWS)
    clean = [row for row, (clean, _problems) in enumerate(alone, start=2) if clean]
    # as in the first test, and row 45: its CCCD is a member only in that test's context
    assert clean == [2, 5, 6, 7, 8, 15, 16, 18, 19, 21, 22, 24, 25, 28, 30, 38, 40, 42, 43, 45]
    again = 2 + len(ROWS)  # the first row's second copy
    assert alone[again - 2][1][0].value == "006160004321"
    assert alone[again - 2][1][0].message.endswith("dòng 2)")
