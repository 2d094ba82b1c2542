"""A large list is written with the indexes and foreign keys dropped and built again: the same tables
afterwards, nothing left half done when the import fails."""

import datetime as dt
import os

import pytest
from django.db import connection

from sohoi.members.importing import job as imports
from sohoi.members.importing import write as bulkload
from sohoi.members.importing.check import Registry
from sohoi.members.models import Membership
from sohoi.members.tests.test_import import joins_another_way, numbered_rows, upload, workbook
from sohoi.people.models import Person


def _schema() -> list[tuple]:
    """The two tables' indexes and foreign keys, as the database describes them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('people_person', 'members_membership')"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid IN ('people_person'::regclass, 'members_membership'::regclass)"
            )
            return sorted(indexes + cursor.fetchall())
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('people_person', 'members_membership') "
            "ORDER BY name"
        )
        return cursor.fetchall()


def test_only_a_list_at_least_as_large_as_the_registry_is_loaded_in_bulk(db, monkeypatch):
    for name in ("Lò Văn A", "Lò Văn B", "Lò Văn C"):
        Person.objects.create(full_name=name, name_folded=name.lower())
    persons = Person.objects.count()
    monkeypatch.setattr(bulkload, "MIN_ROWS", 2)
    assert not bulkload.worth_it(1)  # a short list never
    assert not bulkload.worth_it(persons - 1)  # smaller than the registry
    assert bulkload.worth_it(persons)


def test_the_bulk_load_leaves_the_same_indexes_and_keys(cast, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(bulkload, "MIN_ROWS", 50)
    before = _schema()
    dropped = []
    original = bulkload._drop
    monkeypatch.setattr(bulkload, "_drop", lambda cursor: dropped.extend(original(cursor)) or dropped)
    job = upload(cast, workbook(numbered_rows(300)), capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("done", 300)
    assert len(dropped) >= 8  # the indexes of both tables (and the foreign keys on PostgreSQL)
    assert _schema() == before
    assert Membership.objects.filter(association=cast.association_a, person__cccd="019060000300").count() == 1


def test_a_failed_bulk_load_leaves_nothing_and_the_indexes_in_place(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bulkload, "MIN_ROWS", 50)
    before = _schema()
    job = upload(cast, workbook(numbered_rows(300)), mode="all_or_nothing", capture=django_capture_on_commit_callbacks)
    joins_another_way(cast, 250)  # the person on row 251
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("failed", 0)
    assert job.message.startswith("Dòng 251, cột “Số CCCD”: “019060000250”")
    assert Person.objects.filter(full_name__startswith="Người Thứ").count() == 1
    assert _schema() == before


def test_a_person_already_registered_is_found_among_the_preloaded_numbers(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bulkload, "MIN_ROWS", 50)
    known = Person.objects.create(full_name="Người Thứ 7", name_folded="nguoi thu 7", cccd="019060000007")
    assert Registry(cast.association_a.pk, 300).known["019060000007"][0] == known.pk
    assert Registry(cast.association_a.pk, 0).known is None  # more persons with a CCCD than rows: no
    job = upload(cast, workbook(numbered_rows(300)), capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("done", 300)
    assert list(Person.objects.filter(cccd="019060000007").values_list("pk", flat=True)) == [known.pk]
    assert Membership.objects.filter(association=cast.association_a, person=known).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_staged_rows_are_written_in_sql_on_sqlite_with_the_same_result(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    """Outside a test's transaction, as in the worker: on SQLite the staged rows go in by INSERT …
    SELECT from the attached staging (on PostgreSQL by COPY), with persons found by CCCD and rows that
    changed since the check."""
    calls, original = [], bulkload._write_in_sql
    monkeypatch.setattr(bulkload, "_write_in_sql", lambda *args: calls.append(args) or original(*args))
    known = Person.objects.create(full_name="Người Thứ 7", name_folded="nguoi thu 7", cccd="019060000007")
    job = upload(cast, workbook(numbered_rows(300)), capture=django_capture_on_commit_callbacks)
    joins_another_way(cast, 250)  # the person on row 251
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert len(calls) == (1 if connection.vendor == "sqlite" else 0)
    assert (job.status, job.imported_rows, job.invalid_rows) == ("done", 299, 1)
    assert not os.path.exists(imports.staging_path(job))  # scratch data, gone with the import
    assert os.path.exists(job.file.path)  # the upload stays: the rejected rows are read from it
    imports.member_import_run(job)  # the task run a second time: nothing happens
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("done", 299)
    assert [(p.row, p.column, p.value) for p in job.problems.all()] == [(251, "Số CCCD", "019060000250")]
    members = Membership.objects.filter(association=cast.association_a).select_related("person")
    assert members.count() == 300  # 299 imported and the one who joined another way
    assert list(Person.objects.filter(cccd="019060000007").values_list("pk", flat=True)) == [known.pk]
    last = members.get(person__cccd="019060000300")
    assert (last.person.full_name, last.person.name_folded, last.person.given_folded) == (
        "Người Thứ 300",
        "nguoi thu 300",
        "300 nguoi thu",
    )
    assert (last.person.birth_date, last.person.birth_precision, last.joined_on) == (
        dt.date(1960, 1, 1),
        "year",
        dt.date(2021, 1, 1),
    )
    assert (last.person.ethnicity, last.person.address_commune.code, last.member_type) == ("01", "05443", "official")
    assert Person.objects.filter(full_name__startswith="Người Thứ").count() == 300


def test_an_import_whose_checked_rows_are_gone_says_so(cast, django_capture_on_commit_callbacks):
    job = upload(cast, workbook(numbered_rows(3)), capture=django_capture_on_commit_callbacks)
    os.remove(imports.staging_path(job))
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.imported_rows) == ("failed", 0)
    assert job.message == "Các tệp của lần nhập này không còn trên máy chủ: hãy tải danh sách lên lại."
    assert not Membership.objects.filter(association=cast.association_a).exists()


def test_statistics_are_taken_again_inside_the_import_when_it_moves_the_tables_enough(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    """ANALYZE runs in the import's own transaction (no second write to wait for), and only when the
    rows written are a tenth of the memberships or more."""
    analyzed, original = [], bulkload.refresh_statistics
    monkeypatch.setattr(
        bulkload, "refresh_statistics", lambda: analyzed.append(connection.in_atomic_block) or original()
    )
    monkeypatch.setattr(bulkload, "ANALYZE_FROM_ROWS", 3)
    # 2 rows: under the floor; then 30 rows, which make 30 of the 32 memberships
    for rows, then in ((numbered_rows(2), []), (numbered_rows(32)[2:], [True])):
        job = upload(cast, workbook(rows), capture=django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            cast.client("officer_a").post(f"/associations/{cast.association_a.pk}/members/import/{job.pk}/")
        job.refresh_from_db()
        assert (job.status, job.imported_rows, analyzed) == ("done", len(rows), then)
    assert (bulkload._changes_statistics(4), bulkload._changes_statistics(3)) == (True, False)  # of 32
