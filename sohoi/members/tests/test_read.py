"""The streaming reader gives what calamine gives, for the ways Excel files are written."""

import datetime as dt
import unicodedata

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from sohoi.members.importing.read import NotXlsx, StreamingSheet


def _strip(row):
    while row and row[-1] == "":
        row = row[:-1]
    return list(row)


def _xlsxwriter(path, options):
    wb = xlsxwriter.Workbook(path, options)
    ws = wb.add_worksheet("Danh sách")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    moment = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.merge_range(0, 0, 0, 4, "DANH SÁCH HỘI VIÊN & <mới>")
    ws.write_row(2, 0, ["STT", "Họ và tên", "Năm sinh", "CCCD", "Ngày vào hội"])
    ws.write_row(3, 0, [1, unicodedata.normalize("NFD", "Nguyễn Thị Lan"), 1960, "019160000101"])
    ws.write_datetime(3, 4, dt.date(2021, 1, 5), day)
    ws.write_row(4, 0, [2, "  Hà Văn Ba ", "", 6058001234, "05/01/2021"])
    ws.write_datetime(5, 4, dt.datetime(2021, 1, 5, 10, 30), moment)
    ws.write(5, 8, "cột thừa")
    ws.write_boolean(7, 1, True)
    ws.write_formula(8, 1, "=1+1", None, 2)
    ws.write_number(9, 2, 12.5)
    wb.close()


def _openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Số"])
    ws.append(["Lò Thị Mai", dt.date(1958, 3, 1), 12.5])
    ws.append([None, None, None])
    ws.append(["'=Chữ", dt.datetime(1958, 3, 1, 8, 0), 3])
    ws["B2"].number_format = "DD/MM/YYYY"
    wb.save(path)


@pytest.mark.parametrize(
    "write",
    [
        lambda p: _xlsxwriter(p, {}),  # shared strings
        lambda p: _xlsxwriter(p, {"constant_memory": True}),  # inline strings
        _openpyxl,
    ],
    ids=["shared-strings", "inline-strings", "openpyxl"],
)
def test_rows_are_those_calamine_reads(tmp_path, write):
    path = tmp_path / "ds.xlsx"
    write(str(path))
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    expected = [_strip(row) for row in sheet.iter_rows()]
    streamed = StreamingSheet(path)
    got = [(number, _strip(values)) for number, values in streamed.rows()]
    assert [values for _number, values in got] == expected
    assert [number for number, _values in got] == list(range(1, len(expected) + 1))
    assert streamed.height == len(expected)


def test_a_file_that_is_not_xlsx_is_refused(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(NotXlsx):
        StreamingSheet(path)


@pytest.mark.parametrize("readers", [1, 2, 3])
def test_other_processes_read_the_same_rows_block_by_block(tmp_path, readers):
    from sohoi.members.importing.read import rows_in_background

    path = tmp_path / "ds.xlsx"
    _xlsxwriter(str(path), {})
    expected = list(StreamingSheet(path).rows())
    assert len(expected) == 10
    assert list(rows_in_background(path, readers=readers, block=300)) == expected  # a few rows a block


def _plain(path, *, shared: bool):
    """What Excel-like writers produce for a member list: strings, numbers, dates, cells left out."""
    wb = xlsxwriter.Workbook(path, {"constant_memory": not shared})
    ws = wb.add_worksheet()
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["STT", "Họ và tên", "Ngày sinh", "CCCD", "Ghi chú", "Ngày vào hội"])
    for n in range(1, 40):
        ws.write_number(n, 0, n)
        ws.write_string(n, 1, f"Nông Thị Hoa {n} & <con>")
        ws.write_datetime(n, 2, dt.date(1950, 1, n % 28 + 1), day)
        if n % 3:
            ws.write_string(n, 3, f"0061500{n:05d}")  # every third row leaves the cell out
        ws.write_string(n, 5, "01/06/2020")
    ws.write_number(41, 4, 1.5)  # a row 41 that starts at E, after an empty row 40
    wb.close()


@pytest.mark.parametrize("shared", [True, False], ids=["shared-strings", "inline-strings"])
def test_plain_blocks_read_row_by_row_as_calamine_reads_them(tmp_path, shared):
    path = tmp_path / "plain.xlsx"
    _plain(str(path), shared=shared)
    rows = list(StreamingSheet(path).rows())
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    assert [_strip(values) for _number, values in rows] == [_strip(row) for row in calamine]
    assert rows[1] == (2, [1.0, "Nông Thị Hoa 1 & <con>", dt.date(1950, 1, 2), "006150000001", "", "01/06/2020"])
    assert rows[3] == (4, [3.0, "Nông Thị Hoa 3 & <con>", dt.date(1950, 1, 4), "", "", "01/06/2020"])
    assert rows[40:] == [(41, []), (42, ["", "", "", "", 1.5])]


# A sheet as other writers lay it out: pretty-printed, attributes in another order or left out, rich
# text and phonetic runs, a formula, a boolean, an error, an ISO date, a line break and a tab in a text,
# empty values.
UNUSUAL_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <dimension ref="A1:E5"/>
  <sheetData>
    <row r="1" spans="1:3">
      <c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>
      <c t="inlineStr" r="B1" s="0"><is><r><rPr><b/></rPr><t>Ngày</t></r><r><t xml:space="preserve"> sinh</t></r><rPh sb="0" eb="1"><t>ngay</t></rPh></is></c>
      <c r="C1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>
    </row>
    <row r="2">
      <c r="A2" t="inlineStr"><is><t>Lò Thị
Mai	B</t></is></c>
      <c r="C2" t="b"><v>1</v></c>
      <c r="D2" t="d"><v>2021-01-05T10:30:00</v></c>
      <c r="E2" cm="1"><f>1+1</f><v>2</v></c>
    </row>
    <row>
      <c><v>3</v></c><c><v>4.5</v></c>
    </row>
    <row r="5"><c r="B5" t="s"><v/></c><c r="C5" t="inlineStr"><is><t/></is></c><c r="D5"><v>7</v></c></row>
  </sheetData>
</worksheet>"""


def test_a_sheet_laid_out_otherwise_reads_the_same(tmp_path):
    import zipfile

    plain, path = tmp_path / "plain.xlsx", tmp_path / "unusual.xlsx"
    _plain(str(plain), shared=False)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, UNUSUAL_SHEET.encode() if item.filename == "xl/worksheets/sheet1.xml" else data)
    rows = [(number, _strip(values)) for number, values in StreamingSheet(path).rows()]
    assert rows == [
        (1, ["Họ và tên", "Ngày sinh", "ab"]),
        (2, ["Lò Thị\nMai\tB", "", True, dt.datetime(2021, 1, 5, 10, 30), 2.0]),
        (3, [3.0, 4.5]),
        (4, []),
        (5, ["", "", "", 7.0]),
    ]
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    assert [values for _number, values in rows] == [_strip(row) for row in calamine]


def test_a_row_that_is_not_worksheet_xml_is_refused(tmp_path):
    sheet = StreamingSheet(_plain_file(tmp_path))
    with pytest.raises(NotXlsx, match="not a worksheet"):
        sheet.block_rows(b'<row r="1"><c r="A1"><v>1</v><x/></c></row>')


def _plain_file(tmp_path):
    path = tmp_path / "plain.xlsx"
    _plain(str(path), shared=True)
    return path


def test_a_broken_sheet_read_by_a_second_process_says_so(tmp_path):
    import zipfile

    from sohoi.members.importing.read import rows_in_background

    path = tmp_path / "broken.xlsx"
    _xlsxwriter(str(path), {})
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "b2.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B4" t="s"><v>', b'<c r="B4" t="s"><v>999999')
            target.writestr(item, data)
    with pytest.raises(NotXlsx):
        list(rows_in_background(tmp_path / "b2.xlsx"))


def test_without_a_second_process_the_rows_are_read_in_this_one(tmp_path, monkeypatch):
    import subprocess

    from sohoi.members.importing.read import rows_in_background

    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    path = tmp_path / "ds.xlsx"
    _xlsxwriter(str(path), {})
    assert list(rows_in_background(path)) == list(StreamingSheet(path).rows())


def _rewritten(source_path, target_path, change) -> None:
    """A copy of a workbook whose sheet entry is `change(info, data)` → (info, data) for writestr."""
    import zipfile

    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                item, data = change(item, data)
            target.writestr(item, data)


@pytest.mark.parametrize("block", [64, 1000, 4 * 1024 * 1024])
def test_a_sheet_is_read_the_same_deflated_or_stored(tmp_path, block):
    import zipfile

    path = tmp_path / "ds.xlsx"
    _xlsxwriter(str(path), {})
    stored = tmp_path / "stored.xlsx"

    def store(item, data):
        item.compress_type = zipfile.ZIP_STORED
        return item, data

    _rewritten(path, stored, store)
    with zipfile.ZipFile(stored) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_STORED
    deflated = StreamingSheet(path, block)
    assert b"".join(deflated._xml()) == zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert list(deflated.rows()) == list(StreamingSheet(stored, block).rows())
    name = unicodedata.normalize("NFD", "Nguyễn Thị Lan")  # as the file has it
    assert list(deflated.rows())[3] == (4, [1.0, name, 1960.0, "019160000101", dt.date(2021, 1, 5)])


def test_a_damaged_deflated_sheet_is_refused(tmp_path):
    """A flipped byte inside the compressed sheet: the inflater or the CRC says so, as zipfile would."""
    path = tmp_path / "ds.xlsx"
    _xlsxwriter(str(path), {})
    import zipfile

    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(NotXlsx):
        list(StreamingSheet(path).rows())
