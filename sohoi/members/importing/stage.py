"""Stage 4, stage: the rows a check found valid, kept between the check and the import (which waits for the officer's
confirmation) in a scratch file next to the upload, in the form the import reads fastest:

- for SQLite, a small SQLite database written without a journal: the import attaches it and writes
  persons and memberships with INSERT … SELECT, no Python step per row (write.write_in_sql);
- for PostgreSQL, the checked blocks of rows pickled one after another: written in a fraction of the
  time of inserting them, read back in a tenth of the time of selecting them, and COPY'd. The file is
  the server's own, written by this module and read by it alone, like the SQLite one.

Either way `columns` and `rows` read the rows back in file order, and `remove` deletes the file once
the import is over.
"""

import datetime as dt
import os
import pickle
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter

from sohoi.members.importing.check import name_keys
from sohoi.members.importing.records import CleanRow

# A CleanRow, with the two search keys of the name after the name (staged).
COLUMNS = (*CleanRow._fields[:2], "name_folded", "given_folded", *CleanRow._fields[2:])
_iso_day = lru_cache(maxsize=65536)(dt.date.isoformat)  # few different dates in a list


def staged(clean: CleanRow) -> tuple:
    """A checked row as the staging keeps it (COLUMNS): the name's two search keys after the name, dates
    in ISO form."""
    birth = clean[2]
    return (
        clean[0],
        clean[1],
        *name_keys(clean[1]),
        birth and _iso_day(birth),
        *clean[3:14],
        _iso_day(clean[14]),
        clean[15],
        clean[16],
    )


SQLITE = ".checked.sqlite3"
PICKLED = ".checked.pickle"


def path_for(upload_path: str, vendor: str) -> str:
    """Where the checked rows of an upload wait, in the form that suits the database `vendor`."""
    return upload_path + (SQLITE if vendor == "sqlite" else PICKLED)


class Staging:
    """A new staging file at `path` (its suffix says which form); `add` rows in file order, then
    `close`."""

    def __init__(self, path: str):
        remove(path)
        self._pickled = path.endswith(PICKLED)
        if self._pickled:
            self._file = open(path, "wb")  # noqa: SIM115 — closed by close()
            return
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(f"CREATE TABLE staged ({COLUMNS[0]} INTEGER PRIMARY KEY, {', '.join(COLUMNS[1:])})")
        self._insert = f"INSERT INTO staged VALUES ({', '.join('?' * len(COLUMNS))})"

    def add(self, rows: list[tuple]) -> None:
        """Rows as `staged` gives them."""
        if self._pickled:
            if rows:
                pickle.dump(rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            return
        self._db.execute("BEGIN")
        self._db.executemany(self._insert, rows)
        self._db.execute("COMMIT")

    def close(self) -> None:
        (self._file if self._pickled else self._db).close()


def remove(path: str) -> None:
    if os.path.exists(path):
        os.remove(path)


def rows(path: str) -> Iterator[CleanRow]:
    """The staged rows back, in file order."""
    for values in columns(path, CLEAN_ROW):
        birth = values[2]
        yield CleanRow(
            values[0], values[1], birth and day(birth), *values[3:14], day(values[14]), bool(values[15]), values[16]
        )


CLEAN_ROW = (
    "row, full_name, birth_date, birth_precision, sex, cccd, ethnicity, occupation, commune_id, address, phone, "
    "member_type, member_number, branch_id, joined_on, eligibility_exception, cmnd"
)

day = lru_cache(maxsize=65536)(dt.date.fromisoformat)  # an ISO date back; few different ones in a list


def columns(path: str, names: str) -> Iterator[tuple]:
    """The staged rows' values of the columns `names` (comma-separated, at least two), in file order."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    if path.endswith(PICKLED):
        pick = itemgetter(*(COLUMNS.index(name.strip()) for name in names.split(",")))
        with open(path, "rb") as f:
            while True:
                try:
                    block = pickle.load(f)
                except EOFError:
                    return
                yield from map(pick, block)
    db = sqlite3.connect(path)
    try:
        cursor = db.execute(f"SELECT {names} FROM staged ORDER BY row")
        while chunk := cursor.fetchmany(5000):
            yield from chunk
    finally:
        db.close()
