"""Loading a large member list: drop the secondary indexes (and, on PostgreSQL, the foreign keys) of the
person and membership tables, write, then build them again — the databases' own advice for filling
tables (PostgreSQL manual, "Populating a Database": "Remove Indexes", "Remove Foreign Key
Constraints"). Building an index once from sorted data costs far less than keeping it up to date
through a million random inserts, and one validating join replaces a million foreign-key checks.

Only when the list is at least as large as the registry already is (a province's first load, say):
rebuilding costs in proportion to the whole table. The import's transaction holds the tables (see
imports._lock_tables); the DDL is transactional on both databases, so a failed import rolls the
indexes back with everything else, and rebuilding a unique index checks again what the import promised.
On PostgreSQL other sessions cannot read the two tables until the import commits.
"""

from contextlib import contextmanager

from django.db import connection

TABLES = ("people_person", "members_membership")
KEPT = {"people_person_cccd_idx"}  # the import looks persons up by CCCD while it writes
MIN_ROWS = 20_000


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
        indexes = [(name, sql) for name, sql in cursor.fetchall() if name not in KEPT]
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
        indexes = [(name, sql) for name, sql in cursor.fetchall() if name not in KEPT]
    for name, _sql in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    return [sql for _name, sql in indexes] + restore
