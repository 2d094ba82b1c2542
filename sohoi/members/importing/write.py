"""Stage 5, write: the staged rows into persons and memberships, in the import's one transaction.

Below the ORM on purpose (a million rows), one way on each database, with persons' ids allocated under
the transaction's lock: on SQLite by INSERT … SELECT from the staging (attached; or copied into a
temporary table when a transaction is open already, as in a test or the demo), on PostgreSQL by COPY.
A person already registered under the row's CCCD gets a new membership — after the registry is asked
again (check.judge) what it may have changed since the check: a person who became a member, a number
registered meanwhile to someone else, a branch that closed. In "all or nothing" mode one such row
leaves nothing written.

A large list: drop the secondary indexes (and, on PostgreSQL, the foreign keys) of the
person and membership tables, write, then build them again — the databases' own advice for filling
tables (PostgreSQL manual, "Populating a Database": "Remove Indexes", "Remove Foreign Key
Constraints"). Building an index once from sorted data costs far less than keeping it up to date
through a million random inserts, and one validating join replaces a million foreign-key checks.

Only when the list is at least as large as the registry already is (a province's first load, say):
rebuilding costs in proportion to the whole table. The import's transaction holds the tables (see
lock_tables); the DDL is transactional on both databases, so a failed import rolls the
indexes back with everything else, and rebuilding a unique index checks again what the import promised.
On PostgreSQL other sessions cannot read the two tables until the import commits.
"""

import datetime as dt
import os
import tempfile
from array import array
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.members.importing import stage
from sohoi.members.importing.check import NEW, SAME, Registry, closed_branch, judge, registered_to_another
from sohoi.members.importing.records import CleanRow, Problem
from sohoi.people.ethnicity import CODE_SYSTEM
from sohoi.people.identity import birth_text

CHUNK = 5000

TABLES = ("people_person", "members_membership")
MIN_ROWS = 20_000
# Kept through a large load all the same: keeping it up costs less than building it again (measured on
# a million rows: the write 8.8–9.5 s with it kept, 9.0–10.3 s with it rebuilt).
KEPT = {"people_person_cccd_idx"}


def worth_it(rows: int) -> bool:
    """Whether writing `rows` rows goes faster by building the indexes again afterwards."""
    if rows < MIN_ROWS:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        return rows >= cursor.fetchone()[0]


@contextmanager
def bulk_load(rows: int):
    """Inside the import's transaction: yields True when the indexes were dropped, and builds them
    again when the block ends without an error (after an error the rollback brings them back)."""
    if not worth_it(rows):
        yield False
        return
    with connection.cursor() as cursor:
        _check_deferred(cursor)
        dropped = _drop(cursor)
        if connection.vendor == "postgresql":  # sorts in memory when building the indexes again
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    yield True
    with connection.cursor() as cursor:
        _check_deferred(cursor)
        for statement in dropped:
            cursor.execute(statement)


def _check_deferred(cursor) -> None:
    """PostgreSQL alters no table with foreign-key checks still waiting for the commit: run them now
    (as Django's check_constraints does), then defer again."""
    if connection.vendor == "postgresql":
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _drop(cursor) -> list[str]:
    """Drop, and return the statements that build again what was dropped."""
    quote = connection.ops.quote_name
    restore = []
    if connection.vendor == "postgresql":
        cursor.execute(
            """SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = ANY(%s::regclass[]) AND NOT x.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
            [list(TABLES)],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])""",
            [list(TABLES)],
        )
        for table, name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            restore.append(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (%s, %s)",
            list(TABLES),
        )
        indexes = cursor.fetchall()
    indexes = [(name, sql) for name, sql in indexes if name not in KEPT]
    for name, _sql in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    return [sql for _name, sql in indexes] + restore


class AbortImport(Exception):
    """An "all or nothing" import met a row that may no longer be written: nothing is."""


class Outcome:
    """What a write did: rows written, the rows refused since the check, their identity conflicts."""

    def __init__(self, all_or_nothing: bool):
        self.all_or_nothing = all_or_nothing
        self.written = 0
        self.problems: list[Problem] = []
        self.conflicts: list[tuple] = []  # as check.Registry.conflicts

    def refuse(self, problem: Problem) -> None:
        if self.all_or_nothing:
            raise AbortImport(
                _("Row %(row)s, column “%(col)s”: “%(value)s” — expected %(exp)s. Nothing was imported.")
                % {"row": problem.row, "col": problem.column, "value": problem.value, "exp": problem.message}
            )
        self.problems.append(problem)

    def judged(self, verdict, row: int, cccd: str, name: str, birth, precision: str, found) -> bool:
        """Whether the row may be written; else its problem (and conflict) recorded."""
        if verdict is NEW or verdict is SAME:
            return True
        self.refuse(verdict(row, cccd))
        if verdict is registered_to_another:
            birth = dt.date.fromisoformat(birth) if isinstance(birth, str) else birth
            self.conflicts.append((row, cccd, name, birth_text(birth, precision), found[0]))
        return False


def write(path: str, *, attached: bool, association_id: int, rows: int, all_or_nothing: bool) -> Outcome:
    """Write the staged rows at `path`, inside the caller's transaction (opened within `attached`, which
    says whether the staging is attached). Raises AbortImport."""
    outcome = Outcome(all_or_nothing)
    lock_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM registry_branch WHERE association_id = %s AND closed_on IS NULL", [association_id]
        )
        open_branches = {pk for (pk,) in cursor.fetchall()}
    # Everything the write asks of the registry is asked before bulk_load drops the indexes.
    if connection.vendor == "sqlite":
        source = "staged.staged" if attached else _temp_copy(path)
        _known_in_sql(source)
        _refuse_late_in_sql(outcome, association_id, open_branches, source)
        with bulk_load(rows):
            _write_in_sql(outcome, association_id, source)
    else:
        known = _identities(Registry(association_id, rows), path)
        with bulk_load(rows):
            _copy_streaming(outcome, path, association_id, open_branches, known)
    if _changes_statistics(outcome.written):
        refresh_statistics()  # inside the transaction: the write lock is held already
    return outcome


def write_rows(rows: list[CleanRow], association_id: int) -> int:
    """Rows checked elsewhere (the demo's), written the same way as an upload's: staged in a scratch
    file, then `write`, inside the caller's transaction. Returns the rows written."""
    with tempfile.TemporaryDirectory() as folder:
        path = stage.path_for(os.path.join(folder, "rows"), connection.vendor)
        staging = stage.Staging(path)
        staging.add([stage.staged(r._replace(row=n)) for n, r in enumerate(rows, start=1)])
        staging.close()
        return write(path, attached=False, association_id=association_id, rows=len(rows), all_or_nothing=False).written


@contextmanager
def attached(path: str):
    """On SQLite: the staging database attached as "staged", for _write_in_sql; yields whether it is.
    The caller opens its transaction inside this block (ATTACH is refused inside one)."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    if connection.vendor != "sqlite" or connection.in_atomic_block or not path.endswith(stage.SQLITE):
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS staged", [path])
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DETACH DATABASE staged")


def _temp_copy(path: str) -> str:
    """SQLite inside a transaction already (a test's, the demo's), where ATTACH is refused: the staged
    rows copied into a temporary table, which _write_in_sql reads as it reads the attached one."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        cursor.execute("DROP TABLE IF EXISTS temp.import_staged")
        cursor.execute(
            f"CREATE TEMP TABLE import_staged ({stage.COLUMNS[0]} INTEGER PRIMARY KEY, {', '.join(stage.COLUMNS[1:])})"
        )
        cursor.executemany(
            f"INSERT INTO temp.import_staged VALUES ({', '.join('?' * len(stage.COLUMNS))})",
            stage.columns(path, ", ".join(stage.COLUMNS)),
        )
    return "temp.import_staged"


def _identities(registry: Registry, path: str) -> dict[str, tuple]:
    """PostgreSQL: the registered identities of the file's CCCDs (check.Registry.identities), asked a
    block of numbers at a time — or all of the registry's, when it loaded them at once."""
    if registry.known is not None:
        return registry.known
    known, block = {}, []
    for _row, cccd in stage.columns(path, "row, cccd"):
        if cccd:
            block.append(cccd)
        if len(block) >= CHUNK:
            known.update(registry.identities(block))
            block = []
    known.update(registry.identities(block))
    return known


def _copy_streaming(
    outcome: Outcome, path: str, association_id: int, open_branches: set[int], known: dict[str, tuple]
) -> None:
    """PostgreSQL, with the registered identities of the file's numbers at hand: all new persons in one
    COPY, then all memberships in another, read from the staging while the server takes in what was
    sent — Python and the server work at the same time instead of in turns. The staged values are taken
    as they are (the name's search keys are there), only dates turned back into dates."""
    person_ids, ids = array("q"), {}  # person_ids: 0 for a row left out
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = stage.day
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        ids["first"] = ids["next"] = cursor.fetchone()[0] + 1

        def persons():
            next_id = ids["next"]
            # PERSON_COLUMNS but id and the code system, then the row and its branch
            names = "full_name, name_folded, given_folded, birth_date, birth_precision, sex, phone, cccd, ethnicity, "
            for values in stage.columns(path, names + "occupation, commune_id, address, row, branch_id, cmnd"):
                cccd, row, branch = values[7], values[12], values[13]
                if branch and branch not in open_branches:
                    outcome.refuse(closed_branch(row, branch))
                    person_ids.append(0)
                    continue
                found = known.get(cccd) if cccd else None
                if found is not None:
                    verdict = judge(found, values[1], values[3], values[4])
                    if outcome.judged(verdict, row, cccd, values[0], values[3], values[4], found):
                        person_ids.append(found[0])
                    else:
                        person_ids.append(0)
                    continue
                pid, next_id = next_id, next_id + 1
                birth = values[3]
                yield (pid, *values[:3], birth and day(birth), *values[4:9], CODE_SYSTEM, *values[9:12], values[14])
                person_ids.append(pid)
            ids["next"] = next_id

        def memberships():
            tail = (None, "")  # left_on, left_reason
            staged = stage.columns(path, "branch_id, member_type, member_number, joined_on, eligibility_exception")
            for pid, (branch, member_type, number, joined, exception) in zip(person_ids, staged, strict=True):
                if pid:
                    yield (
                        pid,
                        association_id,
                        branch,
                        member_type,
                        number,
                        "",
                        day(joined),
                        *tail,
                        bool(exception),
                        now,
                    )

        _copy(cursor, "people_person", PERSON_COLUMNS, persons())
        _copy(cursor, "members_membership", MEMBERSHIP_COLUMNS, memberships())
        if ids["next"] > ids["first"]:
            cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s, false)", [ids["next"]])
    outcome.written += sum(1 for pid in person_ids if pid)


def _refuse_late_in_sql(outcome: Outcome, association_id: int, open_branches: set[int], source: str) -> None:
    """SQLite: the staged rows the registry now refuses (persons registered under their CCCD, as
    _known_in_sql found them, judged in Python; closed branches) taken out of the staging `source`."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        late: dict[int, bool] = {}
        cursor.execute(
            "SELECT s.row, s.cccd, s.full_name, s.name_folded, s.birth_date, s.birth_precision, p.id, "
            "p.name_folded, p.birth_date, p.birth_precision, EXISTS (SELECT 1 FROM members_membership m "
            "WHERE m.person_id = p.id AND m.association_id = ? AND m.left_on IS NULL) "
            f"FROM {source} s JOIN temp.import_known k ON k.row = s.row JOIN people_person p ON p.id = k.person_id "
            "ORDER BY s.row",
            [association_id],
        )
        for row, cccd, name, folded, birth, precision, *found in cursor.fetchall():
            verdict = judge(tuple(found), folded, birth, precision)
            if not outcome.judged(verdict, row, cccd, name, birth, precision, found):
                late[row] = True
        branches = sorted(open_branches) or [0]
        cursor.execute(
            f"SELECT row, branch_id FROM {source} WHERE branch_id IS NOT NULL "
            f"AND branch_id NOT IN ({', '.join('?' * len(branches))}) ORDER BY row",
            branches,
        )
        for row, branch in cursor.fetchall():
            if row not in late:
                outcome.refuse(closed_branch(row, branch))
                late[row] = True
        outcome.problems.sort(key=lambda p: p.row)
        cursor.executemany(f"DELETE FROM {source} WHERE row = ?", [(row,) for row in late])
        cursor.executemany("DELETE FROM temp.import_known WHERE row = ?", [(row,) for row in late])


def _known_in_sql(source: str) -> None:
    """SQLite: the person already registered under each staged row's CCCD, kept in a temporary table
    while the indexes are still there — one pass over the staging, which the refusals and the write
    both read."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        cursor.execute("DROP TABLE IF EXISTS temp.import_known")
        cursor.execute("CREATE TEMP TABLE import_known (row INTEGER PRIMARY KEY, person_id INTEGER)")
        cursor.execute(
            f"INSERT INTO temp.import_known (row, person_id) SELECT s.row, p.id FROM {source} s "
            "JOIN people_person p ON p.cccd = s.cccd WHERE s.cccd <> ''"
        )


def _write_in_sql(outcome: Outcome, association_id: int, source: str) -> None:
    """SQLite: the staged rows written by INSERT … SELECT — persons already registered as _known_in_sql
    found them, new ones numbered after the largest id by their row in the file; no Python step per row."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        # A new person's id: the largest so far plus the row's number in the file (unique; the gaps
        # are the rows left out).
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        largest = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO people_person ({', '.join(PERSON_COLUMNS)}) "
            "SELECT ? + s.row, s.full_name, s.name_folded, s.given_folded, s.birth_date, s.birth_precision, "
            "s.sex, s.phone, s.cccd, s.ethnicity, ?, s.occupation, s.commune_id, s.address, s.cmnd "
            f"FROM {source} s WHERE s.row NOT IN (SELECT row FROM temp.import_known) ORDER BY s.row",
            [largest, CODE_SYSTEM],
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(
            f"INSERT INTO members_membership ({', '.join(MEMBERSHIP_COLUMNS)}) "
            "SELECT COALESCE(k.person_id, ? + s.row), ?, s.branch_id, s.member_type, s.member_number, '', "
            f"s.joined_on, NULL, '', s.eligibility_exception, ? FROM {source} s "
            "LEFT JOIN temp.import_known k ON k.row = s.row ORDER BY s.row",
            [largest, association_id, now],
        )
        outcome.written += cursor.rowcount
        cursor.execute("DROP TABLE temp.import_known")
        if source.startswith("temp."):
            cursor.execute(f"DROP TABLE {source}")


def lock_tables() -> None:
    """Ids are allocated by the import itself: keep other writers out until it commits.
    (SQLite's IMMEDIATE transactions already hold the write lock.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE people_person, members_membership IN SHARE ROW EXCLUSIVE MODE")


PERSON_COLUMNS = (
    "id",
    "full_name",
    "name_folded",
    "given_folded",
    "birth_date",
    "birth_precision",
    "sex",
    "phone",
    "cccd",
    "ethnicity",
    "ethnicity_code_system",
    "occupation",
    "address_commune_id",
    "address_text",
    "cmnd",
)
MEMBERSHIP_COLUMNS = (
    "person_id",
    "association_id",
    "branch_id",
    "member_type",
    "member_number",
    "role",
    "joined_on",
    "left_on",
    "left_reason",
    "eligibility_exception",
    "created_at",
)


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    """PostgreSQL's COPY: the bulk path, several times faster than INSERTs; in the binary format, which
    the server reads 2–3× faster than text (the column types are the table's own)."""
    cursor.execute(
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attname = ANY(%s)",
        [table, list(columns)],
    )
    types = dict(cursor.fetchall())
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([types[column] for column in columns])
        for row in rows:
            copy.write_row(row)


ANALYZE_FROM_ROWS = 1000


def _changes_statistics(written: int) -> bool:
    """Whether an import of `written` rows moves the tables' sizes enough (a tenth, as PostgreSQL's
    autovacuum reckons) for the query planner's statistics to be taken again."""
    if written < ANALYZE_FROM_ROWS:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM members_membership")
        return written * 10 >= cursor.fetchone()[0]


def refresh_statistics() -> None:
    """After a bulk load, let the query planner see the new sizes: without statistics SQLite walks an
    association's memberships instead of the name index, and a search on 1M members takes 200 ms, not 3."""
    with connection.cursor() as cursor:
        for table in ("people_person", "members_membership"):
            cursor.execute(f"ANALYZE {table}")
