"""The member import: check a whole file (no writes), then write its valid rows in one transaction.

The checked rows wait in a staging file (sohoi.members.staging) for the officer's confirmation;
then they are written below the ORM, persons with ids allocated under the transaction's lock — by
INSERT … SELECT on SQLite, by COPY on PostgreSQL — so that a million-row file is not a million ORM
saves. A person already known by CCCD gets a new membership.
"""

import os
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.core.bulk import gc_paused
from sohoi.core.errors import ApplicationError
from sohoi.core.text import fold
from sohoi.geo.selectors import home_communes
from sohoi.members import staging
from sohoi.members.bulkload import bulk_load
from sohoi.members.importer import (
    HEADER_SCAN_ROWS,
    CleanRow,
    Context,
    ImportFileError,
    Layout,
    Problem,
    Sheet,
    check_row,
    find_layout,
    name_keys,
    staged_row,
)
from sohoi.members.models import (
    EligibilityRule,
    ImportMode,
    ImportProblem,
    ImportStatus,
    MemberImport,
    Membership,
)
from sohoi.members.staging import Staging
from sohoi.people.ethnicity import CODE_SYSTEM

CHUNK = 5000
PROGRESS_EVERY = 0.5  # seconds between two updates of the job's progress
MAX_STORED_PROBLEMS = 100_000


def _context(association) -> Context:
    communes = list(home_communes())
    return Context(
        rule=EligibilityRule.objects.filter(association=association).first(),
        communes_by_code={c.code: c.pk for c in communes},
        communes_by_name={fold(c.name): c.pk for c in communes}
        | {fold(c.name.split(" ", 1)[1]): c.pk for c in communes if " " in c.name},
        branches_by_name={fold(b.name): b.pk for b in association.branches.filter(closed_on__isnull=True)},
        open_cccds=_open_cccds(association),
    )


def checked_rows(path, association) -> tuple[Layout, int, Iterator[tuple[tuple | None, list[Problem]]]]:
    """The layout, how many rows follow the header, and each data row checked, in file order: staged
    (importer.staged_row) when it is good, else None and its problems. A large sheet is parsed by
    reader processes (Sheet.rows) while this one checks."""
    sheet = Sheet(path)
    head = [values for _index, values in islice(sheet.rows(in_background=False), HEADER_SCAN_ROWS)]
    layout = find_layout(head)
    ctx = _context(association)
    first = layout.first_data_row

    def results():
        for index, values in sheet.rows():
            # any(values) first: in C, and true for nearly every row
            if index >= first and (any(values) or any(v not in (None, "") for v in values)):
                clean, problems = check_row(values, index, layout, ctx)
                yield (clean and staged_row(clean)), problems

    return layout, max(sheet.height - first + 1, 0), results()


def member_import_create(*, association, upload, mode: str, by) -> MemberImport:
    """Keep the uploaded file and queue its check. Side effect: a job row the page polls."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ApplicationError(
            _("Upload an Excel workbook (.xlsx); “%(name)s” is not one.") % {"name": upload.name}, field="file"
        )
    job = MemberImport.objects.create(
        association=association, created_by=by, file=upload, mode=mode, original_name=upload.name[:200]
    )
    from sohoi.members.tasks import check_member_import  # tasks import this module

    transaction.on_commit(lambda: check_member_import.enqueue(job.pk))
    return job


def _progress(job: MemberImport, **fields) -> None:
    MemberImport.objects.filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)


def member_import_check(job: MemberImport) -> MemberImport:
    """Check every row, store the problems, count valid and invalid rows. Writes no member."""
    _progress(job, status=ImportStatus.CHECKING, processed_rows=0)
    job.problems.all().delete()
    try:
        layout, total, results = checked_rows(job.file.path, job.association)
        _progress(job, total_rows=total, ignored_columns=layout.ignored)
        valid = invalid = done = stored = 0
        batch, staged, reported = [], [], time.monotonic()
        stage = Staging(staging_path(job))
        try:
            with gc_paused():
                for clean, problems in results:
                    done += 1
                    if clean:
                        valid += 1
                        staged.append(clean)
                    else:
                        invalid += 1
                        batch.extend(problems[: max(MAX_STORED_PROBLEMS - stored, 0)])
                        stored += len(problems)
                    if done % CHUNK == 0:
                        _store_problems(job, batch)
                        stage.add(staged)
                        batch, staged = [], []
                        if time.monotonic() >= reported + PROGRESS_EVERY:  # a write (and a commit) per update
                            _progress(job, processed_rows=done)
                            reported = time.monotonic()
                _store_problems(job, batch)
                stage.add(staged)
        finally:
            stage.close()
        _progress(
            job,
            status=ImportStatus.CHECKED,
            processed_rows=done,
            total_rows=done,
            valid_rows=valid,
            invalid_rows=invalid,
        )
    except ImportFileError as exc:
        _progress(job, status=ImportStatus.FAILED, message=str(exc), finished_at=timezone.now())
    return job


def staging_path(job: MemberImport) -> str:
    """The checked rows (sohoi.members.staging), kept next to the upload between the check and the import."""
    return staging.path_for(job.file.path, connection.vendor)


def member_import_confirm(*, job: MemberImport, by) -> MemberImport:
    """The officer's go-ahead. Refused when the mode asks for a perfect file and this one is not."""
    if job.status != ImportStatus.CHECKED:
        raise ApplicationError(_("This import is not waiting for confirmation."))
    if job.mode == ImportMode.ALL_OR_NOTHING and job.invalid_rows:
        raise ApplicationError(
            _("%(n)s rows have problems: fix them and upload the file again, or choose “Import only the valid rows”.")
            % {"n": job.invalid_rows}
        )
    if job.valid_rows == 0:
        raise ApplicationError(_("There is no valid row to import."))
    updated = MemberImport.objects.filter(pk=job.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.IMPORTING, processed_rows=0
    )
    if updated != 1:
        raise ApplicationError(_("This import is not waiting for confirmation."))
    job.refresh_from_db()
    from sohoi.members.tasks import run_member_import  # tasks import this module

    transaction.on_commit(lambda: run_member_import.enqueue(job.pk))
    return job


class _AbortImport(Exception):
    pass


def member_import_run(job: MemberImport) -> MemberImport:
    """Write the rows the check found valid, all in one transaction, after checking again what the
    registry may have changed since (a person who became a member, a branch that closed). In "all or
    nothing" mode one such row leaves nothing written; otherwise it joins the rejected rows."""
    if job.status != ImportStatus.IMPORTING:  # not confirmed, or run once already: nothing to do
        return job
    try:
        with gc_paused(), _attached(job) as in_sql, transaction.atomic():
            _lock_tables()
            open_branches = set(job.association.branches.filter(closed_on__isnull=True).values_list("pk", flat=True))
            with bulk_load(job.valid_rows):
                write = _write_in_sql if in_sql else _write_in_python
                written, late_problems = write(job, open_branches)
            if _changes_statistics(written):
                refresh_statistics()  # inside the transaction: the write lock is held already
            _store_problems(job, late_problems)
            audit_log(
                actor=job.created_by,
                action=Action.CREATE,
                obj=job,
                note=_("%(n)s members imported") % {"n": written},
            )
        _progress(
            job,
            status=ImportStatus.DONE,
            imported_rows=written,
            valid_rows=written,
            invalid_rows=job.invalid_rows + len(late_problems),
            finished_at=timezone.now(),
        )
    except (_AbortImport, ImportFileError) as exc:
        _progress(job, status=ImportStatus.FAILED, message=str(exc), imported_rows=0, finished_at=timezone.now())
    except FileNotFoundError:  # the upload or its checked rows were removed from the server meanwhile
        _progress(
            job,
            status=ImportStatus.FAILED,
            message=_("The files of this import are no longer on the server: upload the list again."),
            imported_rows=0,
            finished_at=timezone.now(),
        )
    finally:  # scratch data: done or failed, the import is over (the upload stays, for the rejected rows)
        staging.remove(staging_path(job))
    return job


def _refused_late(job: MemberImport, problem: Problem) -> Problem:
    """A row that became invalid after the check: the end of an "all or nothing" import, else a problem."""
    if job.mode == ImportMode.ALL_OR_NOTHING:
        raise _AbortImport(
            _("Row %(row)s, column “%(col)s”: “%(value)s” — expected %(exp)s. Nothing was imported.")
            % {"row": problem.row, "col": problem.column, "value": problem.value, "exp": problem.message}
        )
    return problem


def _write_in_python(job: MemberImport, open_branches: set[int]) -> tuple[int, list[Problem]]:
    """The staged rows read back and written in chunks (write_rows)."""
    open_cccds = _open_cccds(job.association)
    known = _preloaded_persons(job.valid_rows)
    if known is not None and connection.vendor == "postgresql":
        return _copy_streaming(job, open_branches, open_cccds, known)
    chunk, written, late_problems = [], 0, []
    for clean in staging.rows(staging_path(job)):
        problem = _changed_since_check(clean.row, clean.cccd, clean.branch_id, open_cccds, open_branches)
        if problem:
            late_problems.append(_refused_late(job, problem))
            continue
        chunk.append(clean)
        if len(chunk) >= CHUNK:
            written += write_rows(chunk, job.association, known=known)
            chunk = []
    written += write_rows(chunk, job.association, known=known)
    return written, late_problems


def _copy_streaming(
    job: MemberImport, open_branches: set[int], open_cccds: set[str], known: dict[str, int]
) -> tuple[int, list[Problem]]:
    """PostgreSQL, with every CCCD of the registry at hand: all new persons in one COPY, then all
    memberships in another, read from the staging while the server takes in what was sent — Python
    and the server work at the same time instead of in turns, chunk after chunk. The staged values are
    taken as they are (the name's search keys are there), only dates turned back into dates."""
    path, association = staging_path(job), job.association.pk
    late_problems, person_ids, ids = [], array("q"), {}  # person_ids: 0 for a row left out
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = staging.day
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        ids["first"] = ids["next"] = cursor.fetchone()[0] + 1

        def persons():
            next_id = ids["next"]
            # PERSON_COLUMNS but id and the code system, then the row and its branch
            names = "full_name, name_folded, given_folded, birth_date, birth_precision, sex, phone, cccd, ethnicity, "
            for values in staging.columns(path, names + "occupation, commune_id, address, row, branch_id"):
                cccd = values[7]
                problem = _changed_since_check(values[12], cccd, values[13], open_cccds, open_branches)
                if problem:
                    late_problems.append(_refused_late(job, problem))
                    person_ids.append(0)
                    continue
                pid = known.get(cccd) if cccd else None
                if pid is None:
                    pid, next_id = next_id, next_id + 1
                    birth = values[3]
                    yield (pid, *values[:3], birth and day(birth), *values[4:9], CODE_SYSTEM, *values[9:12])
                person_ids.append(pid)
            ids["next"] = next_id

        def memberships():
            tail = (None, "", False, now)  # left_on, left_reason, eligibility_exception, created_at
            staged = staging.columns(path, "branch_id, member_type, member_number, joined_on")
            for pid, (branch, member_type, number, joined) in zip(person_ids, staged, strict=True):
                if pid:
                    yield (pid, association, branch, member_type, number, "", day(joined), *tail)

        _copy(cursor, "people_person", PERSON_COLUMNS, persons())
        _copy(cursor, "members_membership", MEMBERSHIP_COLUMNS, memberships())
        if ids["next"] > ids["first"]:
            cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s, false)", [ids["next"]])
    return sum(1 for pid in person_ids if pid), late_problems


@contextmanager
def _attached(job: MemberImport):
    """On SQLite, outside a transaction (ATTACH is refused inside one): the staging database attached
    as "staged", for _write_in_sql. Yields whether it is."""
    path = staging_path(job)
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS staged", [path])
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DETACH DATABASE staged")


def _write_in_sql(job: MemberImport, open_branches: set[int]) -> tuple[int, list[Problem]]:
    """SQLite: the attached staged rows written by INSERT … SELECT, persons known by CCCD found by a
    join (only they are kept aside) and new ones numbered after the largest id by their row in the
    file — no Python step per row."""
    association = job.association.pk
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        late = {}
        cursor.execute(
            "SELECT s.row, s.cccd FROM staged.staged s JOIN people_person p ON p.cccd = s.cccd "
            "JOIN members_membership m ON m.person_id = p.id "
            "WHERE s.cccd <> '' AND m.association_id = ? AND m.left_on IS NULL",
            [association],
        )
        for row, cccd in cursor.fetchall():
            late[row] = _already_member(row, cccd)
        branches = sorted(open_branches) or [0]
        cursor.execute(
            "SELECT row, branch_id FROM staged.staged WHERE branch_id IS NOT NULL "
            f"AND branch_id NOT IN ({', '.join('?' * len(branches))})",
            branches,
        )
        for row, branch in cursor.fetchall():
            late.setdefault(row, _closed_branch(row, branch))
        late_problems = [_refused_late(job, late[row]) for row in sorted(late)]
        cursor.executemany("DELETE FROM staged.staged WHERE row = ?", [(row,) for row in late])

        # A new person's id: the largest so far plus the row's number in the file (unique; the gaps
        # are the rows left out). A person already registered is found by CCCD.
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM people_person")
        largest = cursor.fetchone()[0]
        cursor.execute("DROP TABLE IF EXISTS temp.import_known")
        cursor.execute("CREATE TEMP TABLE import_known (row INTEGER PRIMARY KEY, person_id INTEGER)")
        cursor.execute(
            "INSERT INTO temp.import_known (row, person_id) SELECT s.row, p.id FROM staged.staged s "
            "JOIN people_person p ON p.cccd = s.cccd WHERE s.cccd <> ''"
        )
        cursor.execute(
            f"INSERT INTO people_person ({', '.join(PERSON_COLUMNS)}) "
            "SELECT ? + s.row, s.full_name, s.name_folded, s.given_folded, s.birth_date, s.birth_precision, "
            "s.sex, s.phone, s.cccd, s.ethnicity, ?, s.occupation, s.commune_id, s.address "
            "FROM staged.staged s WHERE s.row NOT IN (SELECT row FROM temp.import_known) ORDER BY s.row",
            [largest, CODE_SYSTEM],
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(
            f"INSERT INTO members_membership ({', '.join(MEMBERSHIP_COLUMNS)}) "
            "SELECT COALESCE(k.person_id, ? + s.row), ?, s.branch_id, s.member_type, s.member_number, '', "
            "s.joined_on, NULL, '', 0, ? FROM staged.staged s LEFT JOIN temp.import_known k ON k.row = s.row "
            "ORDER BY s.row",
            [largest, association, now],
        )
        written = cursor.rowcount
        cursor.execute("DROP TABLE temp.import_known")
    return written, late_problems


def _open_cccds(association) -> set[str]:
    return set(
        Membership.objects.filter(association=association, left_on__isnull=True)
        .exclude(person__cccd="")
        .values_list("person__cccd", flat=True)
    )


def _changed_since_check(
    row: int, cccd: str, branch_id: int | None, open_cccds: set[str], open_branches: set[int]
) -> Problem | None:
    if cccd and cccd in open_cccds:
        return _already_member(row, cccd)
    if branch_id and branch_id not in open_branches:
        return _closed_branch(row, branch_id)
    return None


def _already_member(row: int, cccd: str) -> Problem:
    return Problem(row, _("CCCD number"), cccd, _("a person not yet in the association (already a member)"))


def _closed_branch(row: int, branch_id: int) -> Problem:
    return Problem(row, _("Branch"), str(branch_id), _("a branch of this association"))


def _store_problems(job: MemberImport, problems: list[Problem]) -> None:
    ImportProblem.objects.bulk_create(
        [
            ImportProblem(
                member_import=job, row=p.row, column=p.column[:100], value=p.value[:200], message=p.message[:400]
            )
            for p in problems
        ],
        batch_size=500,
    )


def _lock_tables() -> None:
    """Ids are allocated by the import itself: keep other writers out until it commits.
    (SQLite's IMMEDIATE transactions already hold the write lock.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE people_person, members_membership IN SHARE ROW EXCLUSIVE MODE")
            # The person table grows by up to a million rows inside this transaction, unknown to the
            # planner's statistics: without this, the CCCD lookups of later chunks scan the whole table
            # (65 s of a 110 s write for a million rows). SET LOCAL ends with the transaction.
            cursor.execute("SET LOCAL enable_seqscan = off")


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


def write_rows(rows: list[CleanRow], association, *, known: dict[str, int] | None = None) -> int:
    """Write checked rows: new persons (ids allocated here), then one membership per row. Goes below the
    ORM on purpose (a million rows): the database driver's own cursor, values already in the form the
    database stores, the CCCD lookups as plain queries — or `known`, every CCCD of the registry when the
    caller loaded them. A CCCD appears once in a checked file, so a new person is never looked up."""
    if not rows:
        return 0
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own
        local = known is None
        if local:
            known = _known_persons(cursor, [r.cccd for r in rows if r.cccd])
        cursor.execute("SELECT MAX(id) FROM people_person")
        next_id = (cursor.fetchone()[0] or 0) + 1
        sqlite = connection.vendor == "sqlite"
        day = _iso if sqlite else _same
        person_rows, person_ids = [], []
        for r in rows:
            pid = known.get(r.cccd) if r.cccd else None
            if pid is None:
                pid, next_id = next_id, next_id + 1
                person_rows.append(_person_row(pid, r, day))
                if local and r.cccd:  # rows not from a checked file may repeat a number
                    known[r.cccd] = pid
            person_ids.append(pid)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        aid = association.pk
        membership_rows = [
            (pid, aid, r.branch_id, r.member_type, r.member_number, "", day(r.joined_on), None, "", False, now)
            for pid, r in zip(person_ids, rows, strict=True)
        ]
        if sqlite:
            cursor.executemany(_insert_sql("people_person", PERSON_COLUMNS), person_rows)
            cursor.executemany(_insert_sql("members_membership", MEMBERSHIP_COLUMNS), membership_rows)
        else:
            _copy(cursor, "people_person", PERSON_COLUMNS, person_rows)
            _copy(cursor, "members_membership", MEMBERSHIP_COLUMNS, membership_rows)
            if person_rows:
                cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [next_id - 1])
    return len(rows)


def _person_row(pid: int, r: CleanRow, day) -> tuple:
    """A new person's values in PERSON_COLUMNS order (`day` puts dates in the database's form)."""
    folded, given_first = name_keys(r.full_name)
    return (
        pid,
        r.full_name,
        folded,
        given_first,
        day(r.birth_date),
        r.birth_precision,
        r.sex,
        r.phone,
        r.cccd,
        r.ethnicity,
        CODE_SYSTEM,
        r.occupation,
        r.commune_id,
        r.address,
    )


def _iso(day):
    return day.isoformat() if day else None


def _same(day):
    return day


PRELOAD_LIMIT = 200_000  # about 25 MB of CCCD numbers


def _preloaded_persons(rows: int) -> dict[str, int] | None:
    """Every CCCD of the registry with its person, when there are no more of them than rows to write
    (and at most PRELOAD_LIMIT): then one query replaces one per chunk."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        if cursor.fetchone()[0] > min(rows, PRELOAD_LIMIT):
            return None
        cursor.execute("SELECT cccd, id FROM people_person WHERE cccd <> ''")
        return dict(cursor.fetchall())


def _known_persons(cursor, cccds: list[str]) -> dict[str, int]:
    """Person ids by CCCD, for the numbers already in the registry."""
    known = {}
    if connection.vendor == "postgresql":
        if cccds:
            cursor.execute("SELECT cccd, id FROM people_person WHERE cccd = ANY(%s)", [cccds])
            known.update(cursor.fetchall())
        return known
    for start in range(0, len(cccds), 900):  # SQLite's limit on parameters
        part = cccds[start : start + 900]
        cursor.execute(f"SELECT cccd, id FROM people_person WHERE cccd IN ({', '.join('?' * len(part))})", part)
        known.update(cursor.fetchall())
    return known


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _copy(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
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


def rejected_rows(job: MemberImport) -> tuple[list, list[list], list[str]]:
    """The header row, the original values of every rejected row, and each one's problems joined."""
    messages: dict[int, list[str]] = {}
    for row, column, value, message in job.problems.values_list("row", "column", "value", "message"):
        messages.setdefault(row, []).append(f"{column}: “{value}” — {message}")
    sheet = Sheet(job.file.path)
    rows = sheet.rows()
    head = [values for _index, values in islice(rows, HEADER_SCAN_ROWS)]
    layout = find_layout(head)
    out, reasons = [], []
    for index, values in chain(enumerate(head, start=1), rows):
        if index in messages:
            out.append(list(values))
            reasons.append("; ".join(messages[index]))
    return list(head[layout.header_row - 1]), out, reasons


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
