"""Person records with duplicates as the registers really hold them, and the answer key.

Each person appears once or more; every other appearance carries one or two of the noises the matching
must see through: NFD or capitals, the given name first, a middle name dropped or added, a typing slip,
a year of birth instead of the date, day and month swapped, the CCCD missing, mistyped in one digit or
shortened by Excel, the commune of before 2025 instead of the one it became. Some different people
share a name and a year of birth (the hard negatives Vietnamese names make), and a few of them have
different CCCD numbers (the veto).
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

SURNAMES = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 2
    + ["Hoàng", "Nông", "Lý", "Ma", "Triệu", "Hà", "Lục", "Đàm", "Bế", "Dương"]
)
MIDDLE = {
    "M": ["Văn"] * 5 + ["Đức", "Quang", "Minh", "Hữu", "Tiến"],
    "F": ["Thị"] * 6 + ["Thu", "Ngọc", "Thanh", "Hồng"],
}
GIVEN = {
    "M": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hùng",
        "Khánh",
        "Long",
        "Minh",
        "Nam",
        "Sơn",
        "Thắng",
        "Tuấn",
        "Hải",
        "Phúc",
        "Quý",
        "Tùng",
    ],
    "F": [
        "Lan",
        "Lan",
        "Hoa",
        "Mai",
        "Hương",
        "Hằng",
        "Nga",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
        "Dung",
        "Loan",
        "Huyền",
        "Liên",
    ],
}
NOISES = (
    "nfd",
    "capitals",
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
            name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}",
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
