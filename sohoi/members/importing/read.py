"""Stage 1, read: the first worksheet of an .xlsx file as a stream of rows, for member lists of any size.

calamine (python-calamine) reads a sheet whole: about 1.1 GB for a million rows of twelve columns. This
reader decompresses the sheet's XML in blocks and yields one row at a time, so memory stays flat
whatever the file size (the shared-strings table is the one thing held whole). It returns what calamine
returns: text, numbers (int when whole), booleans, and dates for date-formatted cells.
"""

import contextlib
import datetime as dt
import itertools
import os
import pickle
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from functools import cache
from html import unescape
from operator import itemgetter
from pathlib import Path
from xml.etree.ElementTree import iterparse

from zlib_ng import zlib_ng

from sohoi.core.bulk import gc_paused

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
BLOCK = 4 * 1024 * 1024
DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?[A-Z]*(\d+)"')
# Built-in number formats that are dates or times (ECMA-376 18.8.30).
DATE_FORMAT_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class NotXlsx(Exception):
    pass


@cache
def column_index(letters: bytes) -> int:
    """b"A" → 0, b"AB" → 27."""
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


@cache
def column_name(index: int) -> bytes:
    """0 → b"A", 27 → b"AB"."""
    name, n = b"", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = bytes([65 + rest]) + name
    return name


def excel_date(serial: float) -> dt.date | dt.datetime:
    """A date-formatted number: a date, or a datetime when it has a time of day."""
    moment = EXCEL_EPOCH + dt.timedelta(days=serial)
    return moment.date() if moment.time() == dt.time() else moment


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dy]|m(?![^;]*[hs])", code)) and "general" not in code


class StreamingSheet:
    """`height` (from the sheet's dimension, 0 when the file does not say) and `rows()`."""

    def __init__(self, path, block: int = BLOCK):
        self._path, self._block = path, block
        try:
            with zipfile.ZipFile(path) as self._zip:
                self._sheet = self._first_sheet()
                self._strings = self._shared_strings()
                self._dates = self._date_styles()
                self.height = self._dimension()
                self._layouts = {}
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise NotXlsx(str(exc)) from exc

    def _first_sheet(self) -> str:
        names = set(self._zip.namelist())
        try:
            with self._zip.open("xl/workbook.xml") as f:
                sheet = next(e for _ev, e in iterparse(f) if e.tag == f"{NS}sheet")
            rel_id = sheet.get(f"{REL_NS}id")
            with self._zip.open("xl/_rels/workbook.xml.rels") as f:
                for _ev, rel in iterparse(f):
                    if rel.get("Id") == rel_id:
                        target = rel.get("Target").lstrip("/")
                        target = target if target.startswith("xl/") else f"xl/{target}"
                        if target in names:
                            return target
        except (KeyError, StopIteration):
            pass
        return "xl/worksheets/sheet1.xml"

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self._zip.namelist():
            return []
        strings = []
        with self._zip.open("xl/sharedStrings.xml") as f:
            for _ev, element in iterparse(f):
                if element.tag == f"{NS}si":
                    parts = [t.text or "" for t in element.iter(f"{NS}t")]
                    phonetic = {id(t) for ph in element.iter(f"{NS}rPh") for t in ph.iter(f"{NS}t")}
                    if phonetic:
                        parts = [t.text or "" for t in element.iter(f"{NS}t") if id(t) not in phonetic]
                    strings.append("".join(parts))
                    element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        if "xl/styles.xml" not in self._zip.namelist():
            return set()
        custom, formats, in_xfs = {}, [], False
        with self._zip.open("xl/styles.xml") as f:
            for event, element in iterparse(f, events=("start", "end")):
                if element.tag == f"{NS}numFmt" and event == "end":
                    custom[int(element.get("numFmtId"))] = element.get("formatCode", "")
                elif element.tag == f"{NS}cellXfs":
                    in_xfs = event == "start"
                elif element.tag == f"{NS}xf" and event == "end" and in_xfs:
                    formats.append(int(element.get("numFmtId", 0)))
        return {
            index
            for index, fmt in enumerate(formats)
            if fmt in DATE_FORMAT_IDS or (fmt in custom and _is_date_format(custom[fmt]))
        }

    def _dimension(self) -> int:
        with self._zip.open(self._sheet) as f:
            head = f.read(4096)
        match = DIMENSION.search(head)
        return int(match.group(1)) if match else 0

    def _blocks(self) -> Iterator[bytes]:
        """The sheet's XML cut after the last complete row of each block."""
        rest = b""
        for block in self._xml():
            end = block.rfind(b"</row>")
            if end < 0:
                rest += block
                continue
            yield b"".join((rest, memoryview(block)[: end + 6]))  # one copy of the block, not two
            rest = block[end + 6 :]
        if rest:
            yield rest

    def _xml(self) -> Iterator[bytes]:
        """The sheet's XML, a block at a time. A deflated sheet (what Excel writes) is inflated here by
        zlib-ng, twice as fast as the zlib behind zipfile — each reader process inflates the whole
        sheet —, its CRC checked as zipfile would; any other goes through zipfile."""
        with zipfile.ZipFile(self._path) as archive:
            info = archive.getinfo(self._sheet)
            if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # 0x1: encrypted
                with archive.open(info) as f:
                    while block := f.read(self._block):
                        yield block
                return
        inflater, crc, left = zlib_ng.decompressobj(-zlib_ng.MAX_WBITS), 0, info.compress_size
        with open(self._path, "rb") as f:
            f.seek(info.header_offset)
            header = f.read(30)  # the local file header: its name and extra field come before the data
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                raise NotXlsx(f"no local header for {self._sheet}")
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            f.seek(info.header_offset + 30 + name_length + extra_length)
            try:
                while left > 0 or inflater.unconsumed_tail:
                    if not inflater.unconsumed_tail:
                        data = f.read(min(left, max(self._block // 8, 1)))
                        if not data:
                            raise NotXlsx(f"{self._sheet} is cut short")
                        left -= len(data)
                    else:
                        data = inflater.unconsumed_tail
                    if block := inflater.decompress(data, self._block):
                        crc = zlib_ng.crc32(block, crc)
                        yield block
                if block := inflater.flush():
                    crc = zlib_ng.crc32(block, crc)
                    yield block
            except zlib_ng.error as exc:
                raise NotXlsx(f"{self._sheet}: {exc}") from exc
        if crc != info.CRC:
            raise NotXlsx(f"{self._sheet}: bad CRC")

    def rows(self) -> Iterator[tuple[int, list]]:
        """(Excel row number, values) for every row, empty rows between included, as calamine gives them
        (trailing empty cells left out)."""
        return numbered(self.block_rows(block) for block in self._blocks())

    def block_rows(self, block: bytes) -> list[tuple[int | None, list]]:
        """A block's rows as the file has them (number None where the row does not say).

        The one parse: the block's XML is first brought to the form Excel writes (`_common_form`), then
        turned into lines of tab-separated cells by a few whole-block replacements in C — a cell's text
        stays XML-escaped, marked by its kind — and split; a Python step per row, not per cell: three
        times faster on a million-row list than a regular expression's match per cell."""
        start = block.find(b"<row")
        if start < 0:
            return []
        end = block.find(b"</sheetData>", start)
        body = _common_form(block[start:] if end < 0 else block[start:end])
        lines = self._lines(body)
        if lines is None:  # cells with their attributes in another order, or others than r, s and t
            lines = self._lines(CELL_START.sub(_canonical_cell, body))
        if lines is None:
            raise NotXlsx(f"{self._sheet}: a row holds XML that is not a worksheet's ({body[:120]!r})")
        return self._rows(*lines)

    def _lines(self, body: bytes) -> tuple[list[str], list[bytes]] | None:
        """The block's rows as lines of tab-separated cells, and each cell's column letters; None when
        a cell is not in Excel's form."""
        letters = CELL_COLUMN.findall(body)
        for dated in self._dates:  # numbers in a date style: marked \x03, before the other numbers
            body = re.sub(rb'<c r="[A-Z]*\d*" s="%d"(?: t="n")?><v>' % dated, b"\t\x03", body)
        for pattern, replacement in CELLS:
            body = pattern.sub(replacement, body)
        body = body.replace(b"</v></c>", b"").replace(b"</t></is></c>", b"").replace(b"</row>", b"")
        if b"<" in body or len(letters) != body.count(b"\t"):
            return None
        return body.decode().split("\n")[1:], letters

    def _rows(self, lines: list[str], letters: list[bytes]) -> list[tuple[int | None, list]]:
        rows, strings, offset, layouts = [], self._strings, 0, self._layouts
        for line in lines:
            cells = line.split("\t")
            number = int(cells[0]) if cells[0] else None
            count = len(cells) - 1
            if count and letters[offset + count - 1] != column_name(count - 1):  # empty cells left out
                key = b",".join(letters[offset : offset + count])
                gather = layouts.get(key) or self._layout(key)
                cells[0] = ""  # the row number's place serves the left-out cells
                values = list(gather(cells))
            else:
                values = cells[1:]
            offset += count
            if "\x01" in line or "\x02" in line or "\x03" in line or "\x04" in line or "\x05" in line or "&" in line:
                values = [v if not v or (v[0] > "\x05" and "&" not in v) else _cell_value(v, strings) for v in values]
            rows.append((number, values))
        return rows

    def _layout(self, key: bytes):
        """For the cells of a row that leaves some out or does not name their columns (their letters
        joined by commas, empty where a cell does not say: the column after the one before), what picks
        the row's values from its cells, the left-out ones from the empty first."""
        columns, column = [], -1
        for letters in key.split(b","):
            column = column_index(letters) if letters else column + 1
            columns.append(column)
        if columns == list(range(len(columns))):
            gather = itemgetter(slice(1, None))
        else:
            source = [0] * (columns[-1] + 1)
            for place, column in enumerate(columns, start=1):
                source[column] = place
            gather = itemgetter(*source)  # a gap: at least two columns
        self._layouts[key] = gather
        return gather


def _common_form(body: bytes) -> bytes:
    """The rows' XML in the form Excel writes, by whole-block replacements that run only where a block
    needs them: no white space between tags (a pretty-printed sheet), tabs and line ends inside texts as
    character references, formulas left out (their cached value stays), rich text and phonetic runs
    joined into one text, empty values as empty cells."""
    if b"\n" in body or b"\t" in body or b"\r" in body:
        body = BETWEEN_TAGS.sub(b"><", body)
        body = body.replace(b"\t", b"&#9;").replace(b"\n", b"&#10;").replace(b"\r", b"&#13;")
    if b"\x01" in body or b"\x02" in body or b"\x03" in body or b"\x04" in body or b"\x05" in body:
        body = CONTROLS.sub(b"", body)  # not allowed in XML 1.0; the reader's marks
    if b"<f" in body:
        body = FORMULA.sub(b"", body)
    if b"<r>" in body or b"<rPh" in body or b"<phoneticPr" in body:
        for pattern, replacement in RICH_TEXT:
            body = pattern.sub(replacement, body)
    if b"<v/>" in body or b"<t/>" in body:
        body = body.replace(b"<v/>", b"").replace(b"<is><t/></is>", b"").replace(b"<t/>", b"<t></t>")
    return body


def _canonical_cell(match: re.Match) -> bytes:
    """A cell's start tag with its attributes as Excel orders them: r, s, t (the others dropped)."""
    attributes = dict(ATTRIBUTE.findall(match.group(1)))
    tag = b'<c r="' + attributes.get(b"r", b"") + b'"'
    if b"s" in attributes:
        tag += b' s="' + attributes[b"s"] + b'"'
    if b"t" in attributes:
        tag += b' t="' + attributes[b"t"] + b'"'
    return tag + match.group(2) + b">"


BETWEEN_TAGS = re.compile(rb">[ ]*[\t\r\n][ \t\r\n]*<")  # a line break or tab: layout, not a text
CONTROLS = re.compile(rb"[\x01-\x05]")
FORMULA = re.compile(rb"<f\b[^>]*/>|<f\b[^>]*>.*?</f>", re.S)
RICH_TEXT = [
    (re.compile(rb"<rPh\b.*?</rPh>|<phoneticPr\b[^>]*/>|<rPr>.*?</rPr>|<rPr/>", re.S), b""),
    (re.compile(rb'</t></r><r><t(?: xml:space="preserve")?>'), b""),
    (re.compile(rb"<is><r><t"), b"<is><t"),
    (re.compile(rb"</t></r></is>"), b"</t></is>"),
]
CELL_START = re.compile(rb"<c\b([^>]*?)(/?)>")
ATTRIBUTE = re.compile(rb'\b(r|s|t)="([^"]*)"')
CELL_COLUMN = re.compile(rb'<c r="([A-Z]*)')
# The replacements, literal (a template with groups costs a Python call per cell in 3.11): each cell
# becomes a tab and its text, marked by kind — a shared string's index \x01, a number \x02, a boolean
# \x04, an ISO date \x05 (a number in a date style \x03, above) —; a text cell stays as it is.
_AT = rb'<c r="[A-Z]*\d*"(?: s="\d+")?'
CELLS = [
    (re.compile(_AT + rb' t="inlineStr"><is><t(?: xml:space="preserve")?>'), b"\t"),
    (re.compile(_AT + rb' t="s"><v>'), b"\t\x01"),
    (re.compile(_AT + rb'(?: t="n")?><v>'), b"\t\x02"),
    (re.compile(_AT + rb' t="(?:str|e)"><v>'), b"\t"),
    (re.compile(_AT + rb' t="b"><v>'), b"\t\x04"),
    (re.compile(_AT + rb' t="d"><v>'), b"\t\x05"),
    (re.compile(_AT + rb'(?: t="\w+")?(?:/>|></c>|><is></is></c>)'), b"\t"),
    (re.compile(rb'<row\b(?:[^>]*?\br="(\d+)")?[^>]*?/?>'), rb"\n\1"),
]


def _cell_value(value: str, strings: list[str]):
    mark = value[0]
    if mark == "\x01":
        return strings[int(value[1:])]
    if len(value) == 1 and mark <= "\x05":
        return ""
    if mark == "\x02":
        return float(value[1:])
    if mark == "\x03":
        return excel_date(float(value[1:]))
    if mark == "\x04":
        return value[1:] == "1"
    if mark == "\x05":
        return dt.datetime.fromisoformat(value[1:])
    return unescape(value) if "&" in value else value


def numbered(blocks: Iterator[list[tuple[int | None, list]]]) -> Iterator[tuple[int, list]]:
    """Rows of blocks in order, each with its Excel number: a row that does not say follows the one
    before; rows the file leaves out are yielded empty."""
    expected = 1
    for rows in blocks:
        if rows and rows[0][0] == expected and rows[-1][0] == expected + len(rows) - 1:
            yield from rows  # the usual block: numbered, nothing left out
            expected += len(rows)
            continue
        for number, values in rows:
            if number is None:
                number = expected
            while expected < number:
                yield expected, []
                expected += 1
            yield number, values
            expected = number + 1


def _produce(path: str, part: int, parts: int, block: int) -> None:  # a reader: its blocks' rows, pickled
    out = sys.stdout.buffer
    try:
        sheet = StreamingSheet(path, block)
        with gc_paused():
            for index, block_xml in enumerate(sheet._blocks()):
                if index % parts == part:
                    pickle.dump(sheet.block_rows(block_xml), out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, out)
    except Exception as exc:  # the parent turns it into a message for the person importing
        pickle.dump(NotXlsx(str(exc)), out)
    out.flush()


def rows_in_background(path, readers: int = 2, block: int = BLOCK) -> Iterator[tuple[int, list]]:
    """The rows of `path`, numbered, read by other processes (see blocks_in_background)."""
    return numbered(blocks_in_background(path, readers, block))


def blocks_in_background(path, readers: int = 2, block: int = BLOCK) -> Iterator[list]:
    """Each block's rows, parsed by other processes while this one works on them: reader k parses
    blocks k, k + readers, …, and this process takes the blocks in turn. On a 2-core machine two
    readers and the caller keep both cores busy. The readers only parse — they import nothing of
    Django —; the caller checks the rows. Each pipe holds about a block, so memory stays flat. Plain
    subprocesses, not multiprocessing: nothing of the caller is re-imported."""
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    processes = []
    try:
        for part in range(readers):
            call = f"_produce({str(path)!r}, {part}, {readers}, {block})"
            code = f"from sohoi.members.importing.read import _produce; {call}"
            process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, cwd=root)
            processes.append(process)
            _widen(process.stdout)
    except OSError:  # no other process here: read in this one
        _stop(processes)
        sheet = StreamingSheet(path, block)
        for block_xml in sheet._blocks():
            yield sheet.block_rows(block_xml)
        return
    try:
        yield from _blocks_from(processes)
    finally:
        _stop(processes)


def _widen(pipe) -> None:
    """A 1 MB pipe (Linux; 64 KB by default): a reader gets a few blocks ahead instead of waiting for
    its turn after each one."""
    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux, or a lower limit: no matter
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _blocks_from(processes) -> Iterator[list]:
    for turn in itertools.count():
        try:
            rows = pickle.load(processes[turn % len(processes)].stdout)
        except EOFError as exc:
            raise NotXlsx("a reader process stopped") from exc
        if rows is None:  # the block after the last
            return
        if isinstance(rows, Exception):
            raise rows
        yield rows


def _stop(processes) -> None:
    for process in processes:
        process.stdout.close()
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=10)


PARALLEL_FROM_ROWS = 50_000  # below this, starting reader processes costs more than it saves
READER_BLOCK = BLOCK // 4  # the XML a reader process parses at a time: 1 MB, about 1,500 rows


class Sheet:
    """The first worksheet of an .xlsx: its height and its rows (lists of cell values), read as a stream
    so that memory stays flat whatever the number of rows. NotXlsx when it is not a workbook, or when
    its data is found damaged on the way."""

    def __init__(self, path):
        self._sheet = StreamingSheet(path)
        self._path = path
        self.height = self._sheet.height

    def rows(self, *, in_background: bool = True) -> Iterator[tuple[int, list]]:
        """(Excel row number, values) for every row; a large sheet is read by other processes."""
        if in_background and self.height >= PARALLEL_FROM_ROWS:
            return rows_in_background(self._path, block=READER_BLOCK)
        return self._sheet.rows()
