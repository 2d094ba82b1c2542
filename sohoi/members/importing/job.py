"""The member import as a job (`MemberImport`, the row the page polls): upload, check every row (no
writes), the officer's confirmation, then the write of the valid rows in one transaction. Runs the
stages of this package in order; the page, the background tasks and `manage.py import_members` call it.
"""

import time
from itertools import chain, islice

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.core.bulk import gc_paused
from sohoi.core.errors import ApplicationError
from sohoi.core.text import fold
from sohoi.geo.selectors import home_communes
from sohoi.members.importing import stage, write
from sohoi.members.importing.check import Checker, Registry
from sohoi.members.importing.columns import BY_FIELD, header_key
from sohoi.members.importing.layout import HEADER_SCAN_ROWS, Layout, MissingColumns, find_layout
from sohoi.members.importing.read import NotXlsx, Sheet
from sohoi.members.importing.records import ImportFileError, Problem
from sohoi.members.models import (
    ColumnMapping,
    EligibilityRule,
    IdentityConflict,
    ImportMode,
    ImportProblem,
    ImportStatus,
    MemberImport,
)
from sohoi.members.services import conflicts_tell
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send

CHUNK = 5000
PROGRESS_EVERY = 0.5  # seconds between two updates of the job's progress
MAX_STORED_PROBLEMS = 100_000


def _unreadable() -> ImportFileError:
    return ImportFileError(_("The file cannot be read as an Excel workbook (.xlsx)."))


def remembered_columns(association) -> dict[str, str]:
    """The column titles the association's officers mapped to fields on earlier uploads."""
    return dict(ColumnMapping.objects.filter(association=association).values_list("header_key", "field"))


def sheet_layout(path, association) -> tuple[Sheet, Layout]:
    """The sheet and where its data is (stages read and layout). Raises ImportFileError."""
    try:
        sheet = Sheet(path)
        head = [values for _index, values in islice(sheet.rows(in_background=False), HEADER_SCAN_ROWS)]
    except NotXlsx as exc:
        raise _unreadable() from exc
    return sheet, find_layout(head, remembered_columns(association))


def _checker(layout: Layout, association) -> Checker:
    return Checker(
        layout,
        rule=EligibilityRule.objects.filter(association=association).first(),
        communes=list(home_communes()),
        branches_by_name={fold(b.name): b.pk for b in association.branches.filter(closed_on__isnull=True)},
    )


def member_import_create(*, association, upload, mode: str, by) -> MemberImport:
    """Keep the uploaded file and queue its check. Side effect: a job row the page polls."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ApplicationError(
            _("Upload an Excel workbook (.xlsx); “%(name)s” is not one.") % {"name": upload.name}, field="file"
        )
    job = MemberImport.objects.create(
        association=association, created_by=by, file=upload, mode=mode, original_name=upload.name[:200]
    )
    _queue_check(job)
    return job


def _queue_check(job: MemberImport) -> None:
    from sohoi.members.tasks import check_member_import  # tasks import this module

    transaction.on_commit(lambda: check_member_import.enqueue(job.pk))


def _progress(job: MemberImport, **fields) -> None:
    MemberImport.objects.filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)


def _columns(layout: Layout) -> list[list[str]]:
    return [[title, name] for _index, title, name in layout.titles]


def member_import_check(job: MemberImport) -> MemberImport:
    """Check every row, store the problems and warnings, count valid and invalid rows, keep the valid
    ones staged. Writes no member. Side effects: the job's counts, its problems, identity conflicts."""
    _progress(job, status=ImportStatus.CHECKING, processed_rows=0)
    job.problems.all().delete()
    IdentityConflict.objects.filter(member_import=job).delete()
    try:
        _check(job)
    except MissingColumns as exc:
        _progress(
            job, status=ImportStatus.FAILED, message=str(exc), columns=_columns(exc.layout), finished_at=timezone.now()
        )
    except ImportFileError as exc:
        _progress(job, status=ImportStatus.FAILED, message=str(exc), finished_at=timezone.now())
    except NotXlsx:  # damaged past its first rows
        _progress(job, status=ImportStatus.FAILED, message=str(_unreadable()), finished_at=timezone.now())
    _tell_owner(job)
    return job


def _tell_owner(job: MemberImport) -> None:
    """A notice to who uploaded the list: checked (and waiting for their confirmation), done, or failed."""
    if job.created_by is None:
        return
    names = {"file": job.original_name, "name": job.association.name}
    if job.status == ImportStatus.CHECKED:
        text = _("“%(file)s” (%(name)s) was checked: %(valid)s rows can be imported, %(invalid)s have problems.")
        text %= {**names, "valid": job.valid_rows, "invalid": job.invalid_rows}
    elif job.status == ImportStatus.DONE:
        text = _("%(n)s members of “%(file)s” were imported into %(name)s.") % {**names, "n": job.imported_rows}
    elif job.status == ImportStatus.FAILED:
        text = _("The import of “%(file)s” (%(name)s) stopped: %(message)s") % {**names, "message": job.message}
    else:
        return
    url = reverse("members:import", args=[job.association_id, job.pk])
    notices_send(users=[job.created_by], kind=NoticeKind.IMPORT_FINISHED, text=text, url=url)


def _check(job: MemberImport) -> None:
    sheet, layout = sheet_layout(job.file.path, job.association)
    total = max(sheet.height - layout.first_data_row + 1, 0)
    _progress(job, total_rows=total, ignored_columns=layout.ignored, columns=_columns(layout))
    checker = _checker(layout, job.association)
    registry = Registry(job.association_id, total)
    first, check = layout.first_data_row, checker.check
    valid = invalid = done = stored = warned = 0
    problems, staged, reported = [], [], time.monotonic()

    def flush():
        nonlocal valid, invalid, stored
        kept, refused = registry.check(staged)
        valid += len(kept)
        invalid += len(refused)
        problems.extend(refused)
        keep = max(MAX_STORED_PROBLEMS - stored, 0)
        _store_problems(job, problems[:keep])
        stored += len(problems)
        staging.add([stage.staged(r) for r in kept])
        staged.clear()
        problems.clear()

    staging = stage.Staging(staging_path(job))
    try:
        with gc_paused():
            for index, values in sheet.rows():
                # any(values) first: in C, and true for nearly every row
                if index < first or not (any(values) or any(v not in (None, "") for v in values)):
                    continue
                clean, found = check(values, index)
                done += 1
                if clean:
                    staged.append(clean)
                    if found:
                        warned += 1
                        problems.extend(found)
                elif found:
                    invalid += 1
                    problems.extend(found)
                if done % CHUNK == 0:
                    flush()
                    if time.monotonic() >= reported + PROGRESS_EVERY:  # a write (and a commit) per update
                        _progress(job, processed_rows=done)
                        reported = time.monotonic()
            flush()
    finally:
        staging.close()
    _store_conflicts(job, registry.conflicts)
    _progress(
        job,
        status=ImportStatus.CHECKED,
        processed_rows=done,
        total_rows=valid + invalid,
        valid_rows=valid,
        invalid_rows=invalid,
        warning_rows=warned,
        skipped_rows=checker.skipped,
    )


def _store_conflicts(job: MemberImport, conflicts: list[tuple]) -> None:
    """The province officers' queue: (row, cccd, name given, birth given, registered person id) each;
    and a notice to them."""
    conflicts_tell(association=job.association, count=len(conflicts), by=job.created_by)
    IdentityConflict.objects.bulk_create(
        [
            IdentityConflict(
                cccd=cccd,
                person_id=person_id,
                association=job.association,
                typed_name=name,
                typed_birth=birth,
                member_import=job,
                row=row,
                created_by=job.created_by,
            )
            for row, cccd, name, birth, person_id in conflicts
        ]
    )


def staging_path(job: MemberImport) -> str:
    """The checked rows (stage), kept next to the upload between the check and the import."""
    return stage.path_for(job.file.path, connection.vendor)


def member_import_map_columns(*, job: MemberImport, mapping: dict[str, str], by) -> MemberImport:
    """The officer's choice of field for columns the import did not recognise (title → field), kept for
    the association's next uploads; then the file is checked again. Side effects: ColumnMapping rows,
    an audit entry, the check queued."""
    if job.status not in (ImportStatus.CHECKED, ImportStatus.FAILED):
        raise ApplicationError(_("This import is not waiting for confirmation."))
    titles = {title for title, _name in job.columns}
    for title, name in mapping.items():
        if title not in titles or (name and name not in BY_FIELD):
            raise ApplicationError(_("Choose the field of each column from the list."))
    chosen = [name for name in mapping.values() if name]
    if len(chosen) != len(set(chosen)):
        raise ApplicationError(_("Each field can be read from one column only."))
    with transaction.atomic():
        for title, name in mapping.items():
            key = header_key(title)
            if name:
                ColumnMapping.objects.update_or_create(
                    association=job.association, header_key=key, defaults={"field": name, "created_by": by}
                )
            else:
                ColumnMapping.objects.filter(association=job.association, header_key=key).delete()
        audit_log(
            actor=by,
            action=Action.UPDATE,
            obj=job,
            note=_("Columns mapped: %(mapping)s")
            % {"mapping": ", ".join(f"{t} → {n or '—'}" for t, n in mapping.items())},
        )
        _progress(job, status=ImportStatus.QUEUED, message="", processed_rows=0, finished_at=None)
        _queue_check(job)
    return job


def member_import_confirm(*, job: MemberImport, by, run_now: bool = False) -> MemberImport:
    """The officer's go-ahead. Refused when the mode asks for a perfect file and this one is not. The
    write is queued for the worker, or with `run_now` (the command line) done here and now."""
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
    if run_now:
        return member_import_run(job)
    from sohoi.members.tasks import run_member_import  # tasks import this module

    transaction.on_commit(lambda: run_member_import.enqueue(job.pk))
    return job


def member_import_run(job: MemberImport) -> MemberImport:
    """Write the rows the check found valid, all in one transaction (stage write). In "all or nothing"
    mode a row that may no longer be written leaves nothing written; otherwise it joins the rejected rows."""
    if job.status != ImportStatus.IMPORTING:  # not confirmed, or run once already: nothing to do
        return job
    path = staging_path(job)
    try:
        with gc_paused(), write.attached(path) as attached, transaction.atomic():
            outcome = write.write(
                path,
                attached=attached,
                association_id=job.association_id,
                rows=job.valid_rows,
                all_or_nothing=job.mode == ImportMode.ALL_OR_NOTHING,
            )
            _store_problems(job, outcome.problems)
            _store_conflicts(job, outcome.conflicts)
            audit_log(
                actor=job.created_by,
                action=Action.CREATE,
                obj=job,
                note=_("%(n)s members imported") % {"n": outcome.written},
            )
        _progress(
            job,
            status=ImportStatus.DONE,
            imported_rows=outcome.written,
            valid_rows=outcome.written,
            invalid_rows=job.invalid_rows + len(outcome.problems),
            finished_at=timezone.now(),
        )
    except (write.AbortImport, ImportFileError) as exc:
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
        stage.remove(path)
    _tell_owner(job)
    return job


def _store_problems(job: MemberImport, problems: list[Problem]) -> None:
    ImportProblem.objects.bulk_create(
        [
            ImportProblem(
                member_import=job,
                row=p.row,
                column=p.column[:100],
                value=p.value[:200],
                message=p.message[:400],
                warning=p.warning,
            )
            for p in problems
        ],
        batch_size=500,
    )


def rejected_rows(job: MemberImport) -> tuple[list[list], list[list], list[str], dict[int, str]]:
    """The header rows as uploaded (two for a two-level header), the original values of every rejected
    row, each one's problems joined, and the sex sub-columns of a two-level header."""
    messages: dict[int, list[str]] = {}
    for row, column, value, message in job.problems.filter(warning=False).values_list(
        "row", "column", "value", "message"
    ):
        messages.setdefault(row, []).append(f"{column}: “{value}” — {message}")
    sheet, layout = sheet_layout(job.file.path, job.association)
    rows = sheet.rows()
    head = [values for _index, values in islice(rows, HEADER_SCAN_ROWS)]
    out, reasons = [], []
    for index, values in chain(enumerate(head, start=1), rows):
        if index in messages:
            out.append(list(values))
            reasons.append("; ".join(messages[index]))
    return layout.header_rows, out, reasons, layout.sex_by_birth_column
