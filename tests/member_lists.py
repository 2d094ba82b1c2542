"""Member lists shaped like the ones commune and association offices type by hand, each with its answer key.

Each list is made from the truth about its members (`Member`) and then written the way a person fills a
sheet in Excel: title rows, a header on two levels, a row numbering the columns, names in capitals or in
NFD, CCCD numbers and phones typed as numbers (Excel drops their leading zeros), years alone, dates as
text or as date cells, a totals row, the place and date, the signers. The answer key says what a correct
import gives: every valid member with every field, each refused row's problems (row, column, value,
expected), the rows whose CCCD is restored, and the rows that are not member data.
"""

import datetime as dt
import io
import random
import unicodedata
from dataclasses import dataclass, field

import xlsxwriter


@dataclass
class Member:
    """The truth about one member, as the registry must hold it after the import."""

    name: str
    sex: str  # "M" / "F"
    birth: dt.date | int  # a year alone when the office knows only that
    cccd: str
    ethnicity: str  # Decision 121 code
    address: str
    phone: str
    occupation: str
    joined: dt.date
    member_number: str = ""
    exception: bool = False

    @property
    def birth_display(self) -> str:
        return str(self.birth) if isinstance(self.birth, int) else self.birth.strftime("%d/%m/%Y")

    @property
    def birth_year(self) -> int:
        return self.birth if isinstance(self.birth, int) else self.birth.year


@dataclass
class MessyList:
    title: str
    content: bytes
    members: list[Member]  # every valid member, as imported
    problems: list[tuple]  # (row, column, value, expected), in row order
    repaired: list[int]  # rows whose CCCD gets its leading zeros back (a warning each)
    skipped: list[int]  # rows that are not member data
    unrecognised: list[str] = field(default_factory=list)  # titles the officer maps on the page
    mapping: dict[str, str] = field(default_factory=dict)  # what the officer chooses for them


ETHNIC = {"01": "Kinh", "02": "Tày", "07": "Nùng", "08": "Mông", "09": "Dao"}  # as lists write them
SURNAMES = ["Hoàng", "Nông", "Lý", "Ma", "Triệu", "Hà", "Lục", "Đàm", "Bế", "Nguyễn", "Dương", "Lưu"]
MIDDLE = {"M": ["Văn", "Đức", "Quang", "Minh", "Hữu", "Tiến"], "F": ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim"]}
GIVEN = {
    "M": ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Minh", "Nam", "Sơn", "Thắng", "Tuấn", "Pọm"],
    "F": ["Anh", "Bích", "Dung", "Hà", "Hằng", "Lan", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến", "Slim"],
}
VILLAGES = ["Nà Pài", "Pác Ngòi", "Bó Lù", "Cốc Tộc", "Khuổi Luông", "Nà Mằm", "Tiến Bộ", "Nà Hàn"]


def _cccd(prefix: str, sex: str, year: int, serial: int) -> str:
    return f"{prefix}{(year // 100 - 19) * 2 + (sex == 'F')}{year % 100:02d}{serial:06d}"


def _members(
    rng: random.Random, count: int, *, prefix: str, born: tuple[int, int], joined: tuple[int, int], serial: int
):
    out = []
    for i in range(count):
        sex = rng.choice("MF")
        year = rng.randint(*born)
        birth = year if rng.random() < 0.3 else dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
        out.append(
            Member(
                name=name,
                sex=sex,
                birth=birth,
                cccd=_cccd(prefix, sex, year, serial + i),
                ethnicity=rng.choice(list(ETHNIC)),
                address=f"Thôn {rng.choice(VILLAGES)}",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                occupation=rng.choice(["Nông dân", "Hưu trí", "Giáo viên nghỉ hưu", "Buôn bán", "Làm ruộng"]),
                joined=dt.date(rng.randint(*joined), rng.randint(1, 12), rng.randint(1, 28)),
            )
        )
    return out


def _typed_name(rng: random.Random, name: str) -> str:
    """As typed: a third in capitals, some in NFD (pasted from another program), some with a space too many."""
    roll = rng.random()
    if roll < 0.3:
        return name.upper()
    if roll < 0.45:
        return unicodedata.normalize("NFD", name)
    if roll < 0.55:
        return "  " + name.replace(" ", "  ", 1) + " "
    return name


def _typed_date(rng: random.Random, day: dt.date):
    """A date cell, "dd/mm/yyyy", or "d/m/yyyy" typed as text."""
    roll = rng.random()
    if roll < 0.4:
        return day
    if roll < 0.8:
        return day.strftime("%d/%m/%Y")
    return f"{day.day}/{day.month}/{day.year}"


class _Sheet:
    def __init__(self):
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.ws = self.wb.add_worksheet("DS hội viên")
        self.date = self.wb.add_format({"num_format": "dd/mm/yyyy"})
        self.bold = self.wb.add_format({"bold": True, "align": "center", "border": 1})
        self.row = 0  # 0-based; Excel's number is row + 1

    def write(self, values) -> int:
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, dt.date):
                self.ws.write_datetime(self.row, col, dt.datetime(value.year, value.month, value.day), self.date)
            else:
                self.ws.write(self.row, col, value)
        self.row += 1
        return self.row  # the Excel number of the row written

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def elderly_commune_list() -> MessyList:
    """Hội Người cao tuổi xã Ba Bể: "Năm sinh" over "Nam" / "Nữ", the columns numbered (1)…(11), a third of
    the CCCDs and every phone typed as numbers, members who joined before the charter's 60-year rule
    (06/04/2022) at 52–59, a totals row and the signatures. No column of communes: the address is text."""
    rng = random.Random(20260315)
    early = _members(rng, 30, prefix="006", born=(1940, 1962), joined=(2003, 2021), serial=100)
    late = _members(rng, 8, prefix="006", born=(1940, 1963), joined=(2023, 2025), serial=200)
    late = [m for m in late if m.joined.year - m.birth_year >= 60]
    members = early + late
    sheet = _Sheet()
    ws, bold = sheet.ws, sheet.bold
    ws.merge_range(0, 0, 0, 10, "HỘI NGƯỜI CAO TUỔI XÃ BA BỂ", bold)
    ws.merge_range(1, 0, 1, 10, "DANH SÁCH HỘI VIÊN NĂM 2026", bold)
    sheet.row = 3
    for col, title in enumerate(["STT", "Họ và tên"]):
        ws.merge_range(3, col, 4, col, title, bold)
    ws.merge_range(3, 2, 3, 3, "Năm sinh", bold)
    ws.write(4, 2, "Nam", bold)
    ws.write(4, 3, "Nữ", bold)
    for col, title in enumerate(
        ["Số CCCD", "Dân tộc", "Nơi ở hiện nay", "Số ĐT", "Nghề nghiệp", "Ngày kết nạp", "Ghi chú"], start=4
    ):
        ws.merge_range(3, col, 4, col, title, bold)
    sheet.row = 5
    skipped = [sheet.write([f"({n})" for n in range(1, 12)])]
    repaired, problems, stt = [], [], 0

    def member_row(m: Member, *, cccd=None, joined=None):
        nonlocal stt
        stt += 1
        year_cell = m.birth_year if rng.random() < 0.6 else str(m.birth_year)  # a number, or text
        typed_cccd = cccd if cccd is not None else (int(m.cccd) if stt % 3 == 0 else m.cccd)
        return [
            stt,
            _typed_name(rng, m.name),
            year_cell if m.sex == "M" else None,
            year_cell if m.sex == "F" else None,
            typed_cccd,
            ETHNIC[m.ethnicity],
            m.address,
            int(m.phone),  # typed as a number: the leading 0 is gone
            m.occupation,
            joined if joined is not None else _typed_date(rng, m.joined),
            "",
        ]

    for m in members:
        m.birth = m.birth_year  # this form has the year only
        number = sheet.write(member_row(m))
        if stt % 3 == 0:
            repaired.append(number)

    # The refused rows, each with what a person is told.
    young = Member(
        "Lục Thị Xuân",
        "F",
        1967,
        _cccd("006", "F", 1967, 301),
        "02",
        "Thôn Nà Pài",
        "0912000301",
        "Nông dân",
        dt.date(2023, 5, 10),
    )
    number = sheet.write(member_row(young, cccd=young.cccd, joined="10/05/2023"))
    problems.append(
        (
            number,
            "Năm sinh",
            "1967",
            "Khi kết nạp ngày 10/05/2023, người này 56 tuổi, chưa đủ tuổi tối thiểu (60); từ 55 tuổi chỉ được kết nạp theo ngoại lệ (tích cực tham gia hoạt động hội): ghi “Có” ở cột “Kết nạp theo ngoại lệ”, hoặc đánh dấu “Kết nạp theo ngoại lệ của điều lệ”.",
        )
    )
    wrong = Member(
        "Bế Văn Tùng", "M", 1950, "999050000302", "02", "Thôn Bó Lù", "0912000302", "Nông dân", dt.date(2010, 3, 1)
    )
    number = sheet.write(member_row(wrong, cccd=wrong.cccd, joined="01/03/2010"))
    problems.append((number, "Số CCCD", "999050000302", "Ba chữ số đầu 999 không phải mã tỉnh."))
    twice = members[4]
    number = sheet.write(member_row(twice, cccd=twice.cccd, joined="31/02/2010"))
    first = 7 + members.index(twice)
    problems.append((number, "Ngày kết nạp", "31/02/2010", "một ngày có thật (ngày này không tồn tại)"))
    problems.append((number, "Số CCCD", twice.cccd, f"mỗi người chỉ một dòng (người này đã có ở dòng {first})"))
    # a woman's year under "Nữ" but a number whose digit 4 says a man: the zeros cannot be taken
    mixed = Member(
        "Đàm Thị Nhung", "F", 1955, "006055000303", "02", "Thôn Cốc Tộc", "0912000303", "Nông dân", dt.date(2012, 8, 1)
    )
    number = sheet.write(member_row(mixed, cccd=int(mixed.cccd), joined="01/08/2012"))
    problems.append(
        (
            number,
            "Số CCCD",
            "6055000303",
            "Số CCCD có 10 chữ số: có thể Excel đã bỏ mất các số 0 ở đầu (006055000303). Hãy định dạng cột là "
            "Văn bản (Text) và nhập lại. Chữ số thứ 4 (0) cho biết giới tính nam, nhưng giới tính đã nhập là nữ.",
        )
    )
    nodate = Member(
        "Triệu Văn Sình",
        "M",
        1948,
        _cccd("006", "M", 1948, 304),
        "09",
        "Thôn Khuổi Luông",
        "0912000304",
        "Nông dân",
        dt.date(2000, 1, 1),
    )
    number = sheet.write(member_row(nodate, cccd=nodate.cccd, joined=""))
    problems.append((number, "Ngày kết nạp", "", "ngày vào hội (dd/mm/yyyy)"))

    skipped.append(sheet.write([None, f"Tổng cộng: {len(members) + 5} hội viên"]))
    sheet.write([])
    skipped.append(sheet.write([None, None, None, None, None, None, None, "Ba Bể, ngày 15 tháng 3 năm 2026"]))
    skipped.append(sheet.write([None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, "T/M BAN CHẤP HÀNH"]))
    skipped.append(sheet.write([None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "CHỦ TỊCH"]))
    sheet.write([])
    skipped.append(sheet.write([None, "Hoàng Thị Mai", None, None, None, None, None, "Nông Văn Bình"]))
    return MessyList(
        title="Hội NCT xã Ba Bể",
        content=sheet.close(),
        members=members,
        problems=sorted(problems, key=lambda p: p[0]),
        repaired=repaired,
        skipped=skipped,
    )


def red_cross_branch_list(branch_name: str) -> MessyList:
    """A Red Cross branch's list: three title rows, short titles ("TT", "Họ tên", "CCCD/CMND", "SĐT",
    "Mã hội viên", "Ngày vào Hội"), a column of villages the import does not know ("Thôn/xóm cư trú"),
    birth dates as cells, text or a year, names in capitals."""
    rng = random.Random(20260316)
    members = _members(rng, 25, prefix="019", born=(1955, 2004), joined=(2012, 2026), serial=500)
    members = [m for m in members if m.joined.year - m.birth_year >= 16]
    for i, m in enumerate(members, start=1):
        m.member_number = f"CTĐ-{i:04d}"
        m.joined = min(m.joined, dt.date(2026, 10, 1))
    sheet = _Sheet()
    for line in ("HỘI CHỮ THẬP ĐỎ TỈNH THÁI NGUYÊN", f"{branch_name.upper()}", "DANH SÁCH HỘI VIÊN"):
        sheet.write([line])
    sheet.write([])
    header = [
        "TT",
        "Họ tên",
        "Ngày sinh",
        "Giới tính",
        "CCCD/CMND",
        "Dân tộc",
        "Thôn/xóm cư trú",
        "SĐT",
        "Công việc hiện nay",
        "Mã hội viên",
        "Ngày vào Hội",
        "Chi hội",
    ]
    sheet.write(header)
    repaired = []
    for i, m in enumerate(members, start=1):
        birth = m.birth if isinstance(m.birth, int) else (m.birth if i % 2 else m.birth.strftime("%d/%m/%Y"))
        shortened = i % 4 == 0
        number = sheet.write(
            [
                i,
                m.name.upper() if i % 3 == 0 else m.name,
                birth,
                "Nam" if m.sex == "M" else "Nữ",
                int(m.cccd) if shortened else m.cccd,
                ETHNIC[m.ethnicity],
                m.address,
                m.phone,
                m.occupation,
                m.member_number,
                _typed_date(rng, m.joined),
                branch_name,
            ]
        )
        if shortened:
            repaired.append(number)
    skipped = [sheet.write([None, f"Tổng số: {len(members)} hội viên"])]
    return MessyList(
        title="CTĐ chi hội",
        content=sheet.close(),
        members=members,
        problems=[],
        repaired=repaired,
        skipped=skipped,
        unrecognised=["Thôn/xóm cư trú"],
        mapping={"Thôn/xóm cư trú": "address"},
    )
