"""Person records with duplicates as the registers really hold them, and the answer key.

Each person appears once or more; every other appearance carries one or two of the noises the matching
must see through: NFD, capitals or no diacritics, the given name first, a middle name dropped or added, a typing slip,
a year of birth instead of the date, day and month swapped, the CCCD missing, mistyped in one digit or
shortened by Excel, the commune of before 2025 instead of the one it became. Some different people
share a name and a year of birth (the hard negatives Vietnamese names make), and a few of them have
different CCCD numbers (the veto).
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

# Names at the frequencies of the province's registers: surnames in per mille, the Kinh families in the
# national order (Nguyễn first by far) with the Tày, Nùng and Dao families of Thái Nguyên and Bắc Kạn beside
# them; middle names mostly "Văn" and "Thị"; given names from a long list, the commonest first, weighted
# 1/√rank (the first about 5 % of a sex, the hundredth about 0.5 %).
SURNAMES = {
    "Nguyễn": 300, "Trần": 70, "Hoàng": 60, "Lê": 60, "Phạm": 40, "Nông": 35, "Ma": 25, "Vũ": 25,
    "Đỗ": 20, "Hà": 20, "Triệu": 20, "Lý": 18, "Dương": 18, "Đặng": 16, "Bùi": 16, "Lục": 14, "Ngô": 12,
    "Đinh": 12, "Bế": 10, "Đàm": 10, "Lương": 10, "Phan": 10, "Trịnh": 9, "Đào": 9, "Lưu": 8, "Mạc": 6,
    "Lăng": 6, "Hứa": 6, "La": 6, "Vi": 5, "Lâm": 5, "Mông": 5, "Tạ": 5, "Chu": 5, "Cao": 5, "Hồ": 5,
    "Tô": 4, "Mai": 4, "Lường": 4, "Hầu": 3, "Sầm": 3,
}  # fmt: skip
MIDDLE = {
    "M": {
        "Văn": 450, "Đức": 60, "Minh": 50, "Quang": 45, "Hữu": 40, "Xuân": 35, "Tiến": 30, "Ngọc": 30,
        "Đình": 30, "Mạnh": 25, "Thanh": 25, "Công": 25, "Trung": 20, "Quốc": 20, "Thế": 20, "Duy": 15,
        "Hoàng": 15, "Anh": 15, "Việt": 15, "Bá": 10, "Trọng": 10, "Hồng": 10, "Kim": 10, "Gia": 10,
    },
    "F": {
        "Thị": 600, "Thu": 40, "Ngọc": 35, "Thanh": 35, "Hồng": 30, "Thúy": 25, "Minh": 20, "Kim": 20,
        "Phương": 20, "Bích": 15, "Lan": 15, "Mai": 15, "Hải": 15, "Diệu": 10, "Hoài": 10, "Khánh": 10,
        "Quỳnh": 10, "Tuyết": 10, "Xuân": 10, "Thùy": 10, "Mỹ": 10, "Vân": 10,
    },
}  # fmt: skip
_GIVEN_NAMES = {
    "M": """Hùng Dũng Tuấn Minh Nam Hải Sơn Long Thắng Cường Anh Hoàng Đức Trung Quang Hiếu Tùng Thành
        Phong Bình Huy Khánh Tâm Toàn Hưng Lâm Quý Phúc Thịnh Hòa Vinh Thái Trường Nghĩa Kiên Lợi Hiệp Tú
        Việt Hậu Đông Bảo Chiến Công Định Giang Hà Hiển Hoan Hợp Khoa Khải Lực Mạnh Nhân Ninh Phú Quyết
        Sáng Tài Tân Thanh Thiện Thuận Tiến Toản Trọng Tuyên Văn Vũ Xuân Yên Bắc Chung Dương Điệp Đạt
        Hào Hạnh Hiền Hội Khang Kỳ Lạc Linh Luân Mừng Nguyên Phát Quân Sinh Tám Thìn Thông Tính Triều
        Tuyển Tường Vượng Sỹ Chính Cảnh Lộc""",
    "F": """Lan Hương Hoa Mai Hằng Huyền Trang Thảo Nga Linh Phương Hà Yến Dung Loan Liên Hạnh Thủy
        Hồng Ngọc Thu Vân Anh Oanh Nhung Hiền Thúy Quyên Chi Nhàn Tâm Huệ Lý Hòa Lệ Minh Nguyệt Bích Châu
        Diệp Đào Giang Hải Hậu Kim Khánh Lành Lụa Lương Ly Mến Mơ My Nhài Ninh Phượng Quế Quỳnh Sen Dịu
        Thắm Thanh Thêu Thơm Thoa Thư Thương Tình Trinh Tuyết Uyên Vui Xuân Yên Ánh Bình Chinh Diễm Duyên
        Gấm Hiên Hường Khuyên Hảo Lê Lịch Mận Na Nụ Nương Phấn Quyến Sáu Sinh Son Tám Thìn Tươi Vinh""",
}
GIVEN = {sex: names.split() for sex, names in _GIVEN_NAMES.items()}
NOISES = (
    "nfd",
    "capitals",
    "no_diacritics",
    "given_first",
    "middle_dropped",
    "typing_slip",
    "year_only",
    "day_month_swapped",
    "cccd_missing",
    "cccd_mistyped",
    "cccd_shortened",
    "old_commune",
)


@dataclass
class Record:
    rec: str
    name: str
    born: str  # YYYY-MM-DD or YYYY
    sex: str
    cccd: str
    commune: str
    person: int  # the answer key: who this is
    noise: str = ""  # the noises this copy carries against the person's first record, "+" between them


GIVEN_WEIGHTS = {sex: {name: 1 / (rank + 1) ** 0.5 for rank, name in enumerate(names)} for sex, names in GIVEN.items()}
_CUMULATIVE: dict[int, tuple[list, list]] = {}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    """A name drawn at its frequency."""
    names, cumulative = _CUMULATIVE.setdefault(id(weights), (list(weights), list(accumulate(weights.values()))))
    return rng.choices(names, cum_weights=cumulative)[0]


def _cccd(prefix: str, sex: str, year: int, serial: int) -> str:
    return f"{prefix}{(year // 100 - 19) * 2 + (sex == 'F')}{year % 100:02d}{serial:06d}"


def _slip(rng: random.Random, name: str) -> str:
    """One character of the given name typed wrong, doubled or left out."""
    words = name.split()
    word = words[-1]
    i = rng.randrange(len(word))
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop" and len(word) > 2:
        word = word[:i] + word[i + 1 :]
    elif kind == "double":
        word = word[:i] + word[i] + word[i:]
    else:
        word = word[:i] + rng.choice("aeiouy") + word[i + 1 :]
    return " ".join([*words[:-1], word])


def noisy(rng: random.Random, base: Record, noise: str, old_of: dict[str, str]) -> Record:
    r = Record(**base.__dict__)
    words = r.name.split()
    if noise == "nfd":
        r.name = unicodedata.normalize("NFD", r.name)
    elif noise == "capitals":
        r.name = r.name.upper()
    elif noise == "no_diacritics":  # typed without Vietnamese input: "Nguyen Thi Lan"
        plain = unicodedata.normalize("NFD", r.name.replace("Đ", "D").replace("đ", "d"))
        r.name = "".join(c for c in plain if not unicodedata.combining(c))
    elif noise == "given_first":
        r.name = " ".join(words[-1:] + words[:-1])
    elif noise == "middle_dropped" and len(words) > 2:
        r.name = " ".join([words[0], words[-1]])
    elif noise == "typing_slip":
        r.name = _slip(rng, r.name)
    elif noise == "year_only" and len(r.born) == 10:
        r.born = r.born[:4]
    elif noise == "day_month_swapped" and len(r.born) == 10:
        day = dt.date.fromisoformat(r.born)
        if day.day <= 12 and day.day != day.month:
            r.born = dt.date(day.year, day.day, day.month).isoformat()
    elif noise == "cccd_missing":
        r.cccd = ""
    elif noise == "cccd_mistyped" and len(r.cccd) == 12:
        i = rng.randrange(6, 12)
        r.cccd = r.cccd[:i] + str((int(r.cccd[i]) + 1) % 10) + r.cccd[i + 1 :]
    elif noise == "cccd_shortened" and r.cccd:
        r.cccd = str(int(r.cccd))
    elif noise == "old_commune" and r.commune in old_of:
        r.commune = old_of[r.commune]
    return r


def labelled(people: int, *, duplicated: float = 0.3, seed: int = 7, communes: list[str], old_of: dict[str, str]):
    """Records of `people` persons, a share of them `duplicated` (with noise). `communes`: codes to live
    in; `old_of`: a current commune's code → the code of a unit it was before 2025."""
    rng = random.Random(seed)
    records = []
    serials = rng.sample(range(1, 1_000_000), people)  # digits 7–12 are random, and a CCCD is one person's
    for person in range(people):
        serial = serials[person]
        sex = rng.choice("MF")
        year = rng.randint(1940, 2004)
        born = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        base = Record(
            rec=f"r{len(records)}",
            name=f"{_pick(rng, SURNAMES)} {_pick(rng, MIDDLE[sex])} {_pick(rng, GIVEN_WEIGHTS[sex])}",
            born=born.isoformat() if rng.random() > 0.25 else str(year),
            sex=sex,
            cccd=_cccd(rng.choice(["006", "019"]), sex, year, serial) if rng.random() > 0.3 else "",
            commune=rng.choice(communes),
            person=person,
        )
        records.append(base)
        if rng.random() < duplicated:
            for noise in rng.sample(NOISES, rng.choice((1, 1, 2))):
                copy = noisy(rng, base, noise, old_of)
                copy.rec = f"r{len(records)}"
                copy.noise = f"{base.noise}+{noise}" if base.noise else noise
                records.append(copy)
                base = Record(**{**copy.__dict__, "rec": base.rec})  # a second noise on top of the first
    rng.shuffle(records)
    return records


def true_pairs(records) -> set[frozenset]:
    by_person: dict[int, list[str]] = {}
    for r in records:
        by_person.setdefault(r.person, []).append(r.rec)
    return {frozenset((a, b)) for recs in by_person.values() for i, a in enumerate(recs) for b in recs[i + 1 :]}


def pairs_of(clusters: dict[str, str]) -> set[frozenset]:
    groups: dict[str, list[str]] = {}
    for rec, cluster in clusters.items():
        groups.setdefault(cluster, []).append(rec)
    return {frozenset((a, b)) for recs in groups.values() for i, a in enumerate(recs) for b in recs[i + 1 :]}


def f1(found: set, truth: set) -> tuple[float, float, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)
