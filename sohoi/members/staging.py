"""The rows a check found valid, kept between the check and the import (which waits for the officer's
confirmation) in a small SQLite database next to the upload: scratch data, written without a journal.

On SQLite the import attaches it and writes persons and memberships with INSERT … SELECT, no Python
step per row (imports._write_in_sql); elsewhere the rows are read back (`rows`) and COPY'd.
"""

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from functools import lru_cache

from sohoi.members.importer import CleanRow

TABLE = (  # a CleanRow, with the two search keys of the name (importer.staged_row)
    "CREATE TABLE staged (row INTEGER PRIMARY KEY, full_name, name_folded, given_folded, birth_date, "
    "birth_precision, sex, cccd, ethnicity, occupation, commune_id, address, phone, member_type, member_number, "
    "branch_id, joined_on)"
)


class Staging:
    """A new staging database at `path`; `add` rows in file order, then `close`."""

    def __init__(self, path: str):
        if os.path.exists(path):
            os.remove(path)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(TABLE)
        self._insert = f"INSERT INTO staged VALUES ({', '.join('?' * 17)})"

    def add(self, rows: list[tuple]) -> None:
        """Rows as importer.staged_row gives them."""
        self._db.execute("BEGIN")
        self._db.executemany(self._insert, rows)
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


def rows(path: str) -> Iterator[CleanRow]:
    """The staged rows back, in file order."""
    for values in columns(path, CLEAN_ROW):
        birth = values[2]
        yield CleanRow(values[0], values[1], birth and day(birth), *values[3:14], day(values[14]))


CLEAN_ROW = (
    "row, full_name, birth_date, birth_precision, sex, cccd, ethnicity, occupation, commune_id, address, phone, "
    "member_type, member_number, branch_id, joined_on"
)

day = lru_cache(maxsize=65536)(dt.date.fromisoformat)  # an ISO date back; few different ones in a list


def columns(path: str, names: str) -> Iterator[tuple]:
    """The staged rows' values of the columns `names` (comma-separated), in file order."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    db = sqlite3.connect(path)
    try:
        cursor = db.execute(f"SELECT {names} FROM staged ORDER BY row")
        while chunk := cursor.fetchmany(5000):
            yield from chunk
    finally:
        db.close()
