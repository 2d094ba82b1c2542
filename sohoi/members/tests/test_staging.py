"""The checked rows wait for the officer's confirmation in either form and come back the same."""

import datetime as dt

import pytest

from sohoi.members.importing import stage as staging
from sohoi.members.importing.records import CleanRow
from sohoi.members.importing.stage import staged as staged_row

CLEAN = [
    CleanRow(
        2,
        "Hoàng Thị Lan",
        dt.date(1960, 3, 12),
        "day",
        "F",
        "006160004321",
        "02",
        "Nông dân",
        7,
        "Thôn Nà Pài",
        "0912345678",
        "official",
        "HV-01",
        None,
        dt.date(2020, 6, 1),
        False,
    ),
    CleanRow(5, "Lò Văn Ba", None, "day", "", "", "", "", None, "", "", "associate", "", 3, dt.date(2021, 1, 5), True),
    CleanRow(
        9,
        "Ma Thị Hà",
        dt.date(1950, 1, 1),
        "year",
        "F",
        "",
        "05",
        "",
        None,
        "a\\b",
        "",
        "official",
        "",
        None,
        dt.date(2022, 2, 2),
        False,
    ),
]


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_staged_rows_come_back_in_file_order_in_either_form(tmp_path, vendor):
    path = staging.path_for(str(tmp_path / "ds.xlsx"), vendor)
    assert path.endswith(".checked.sqlite3" if vendor == "sqlite" else ".checked.pickle")
    stage = staging.Staging(path)
    stage.add([staged_row(CLEAN[0])])
    stage.add([])
    stage.add([staged_row(row) for row in CLEAN[1:]])
    stage.close()
    assert list(staging.rows(path)) == CLEAN
    assert list(staging.columns(path, "row, name_folded, given_folded, branch_id")) == [
        (2, "hoang thi lan", "lan hoang thi", None),
        (5, "lo van ba", "ba lo van", 3),
        (9, "ma thi ha", "ha ma thi", None),
    ]
    staging.Staging(path).close()  # a new staging replaces the old one
    assert list(staging.rows(path)) == []
    staging.remove(path)
    with pytest.raises(FileNotFoundError):
        list(staging.columns(path, "row, cccd"))
