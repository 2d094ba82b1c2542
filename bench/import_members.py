"""Benchmark: importing a member list of N rows (default 1,000,000), end to end, on SQLite and
PostgreSQL, against two baselines measured in the same run on the same file:

- raw limit: calamine parse + sqlite3 executemany / PostgreSQL COPY of five columns, no validation;
- middle: openpyxl read-only + executemany / COPY of every column, no validation, on a 200,000-row
  slice (openpyxl takes about five minutes for a million rows here) — a common library read without
  checks, to show what the streaming reader and its processes buy;
- naive path: openpyxl + one ORM save per row, on a 20,000-row slice, scaled.

Also: member search on the imported persons (p95 of 50 queries by name and by CCCD).
Each measurement runs in its own process and reports its own peak RSS.

    .venv/bin/python bench/import_members.py [--rows 1000000] [--skip-postgres]
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sohoi_bench")
NAIVE_SLICE = 20_000
MIDDLE_SLICE = 200_000
LAST = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Lý", "Ma", "Triệu", "Hà", "Lò", "Đặng", "Phạm"]
MIDDLE = {"M": ["Văn", "Đức", "Quang", "Minh", "Hữu"], "F": ["Thị", "Thu", "Ngọc", "Thanh", "Hồng"]}
FIRST = {
    "M": ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Minh", "Nam", "Sơn", "Thắng", "Tuấn"],
    "F": ["Anh", "Bích", "Dung", "Hà", "Hằng", "Lan", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến"],
}
ETHNIC = ["Tày", "Kinh", "Dao", "Nùng", "H'Mông"]
COMMUNES = ["05443", "01840", "01843", "01906", "05500", "01912"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, rows: int) -> None:
    import xlsxwriter

    rng = random.Random(20260101)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    _django({})  # for the template's column titles
    from sohoi.members.importing.columns import TEMPLATE_TITLES

    ws.write_row(0, 0, TEMPLATE_TITLES)
    for i in range(1, rows + 1):
        sex = rng.choice("MF")
        year = rng.randint(1935, 2004)
        birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}" if rng.random() > 0.2 else str(year)
        cccd = f"{rng.choice(['006', '019'])}{(year // 100 - 19) * 2 + (sex == 'F')}{year % 100:02d}{i:06d}"
        name = f"{rng.choice(LAST)} {rng.choice(MIDDLE[sex])} {rng.choice(FIRST[sex])}"
        ws.write_row(
            i,
            0,
            [
                i,
                name,
                birth,
                "Nam" if sex == "M" else "Nữ",
                cccd,
                rng.choice(ETHNIC),
                "Nông dân",
                rng.choice(COMMUNES),
                "Thôn Nà Pài",
                "0912345678",
                "Chính thức",
                "",
                "",
                f"01/{rng.randint(1, 12):02d}/{rng.randint(2000, 2025)}",
            ],
        )
    wb.close()


# --- child phases ----------------------------------------------------------------------------------


def _django(db_env: dict) -> None:
    os.environ.update(db_env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sohoi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def phase_import(file: str, rows: int) -> dict:
    from django.core.files import File

    from sohoi.accounts.models import User
    from sohoi.members.importing import job as imports
    from sohoi.members.importing.read import READER_BLOCK
    from sohoi.members.models import MemberImport
    from tests.factories import active_association

    user = User.objects.create_user(username=f"bench{time.time_ns()}", role="province_officer")
    association = active_association(name=f"Hội Bench {time.time_ns()}")
    with open(file, "rb") as f:
        job = MemberImport.objects.create(
            association=association, created_by=user, original_name="bench.xlsx", file=File(f, name="bench.xlsx")
        )
    started = time.perf_counter()
    imports.member_import_check(job)
    checked = time.perf_counter()
    job = _confirm_without_task(job)  # the page's confirm also queues the task; here the run is timed inline
    imports.member_import_run(job)
    done = time.perf_counter()
    job.refresh_from_db()
    return {
        "status": job.status,
        "imported": job.imported_rows,
        "invalid": job.invalid_rows,
        "check_s": checked - started,
        "write_s": done - checked,
        "total_s": done - started,
        "rows_per_s": rows / (done - started),
        "peak_mb": peak_mb(),
        "reader_block": READER_BLOCK,
        "association": association.pk,
    }


def reader_peak_mb(file: str, block: int) -> float:
    """The peak RSS of one of the import's two reader processes (sohoi.members.importing.read), run alone
    on the file. Not from the import itself: a child's ru_maxrss counts the parent's pages it was forked
    with, before its exec — here a small wrapper's, not the importing process's."""
    reader = f"from sohoi.members.importing.read import _produce; _produce({file!r}, 0, 2, {block})"
    wrapper = (
        "import resource, subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {reader!r}], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def _confirm_without_task(job):
    from sohoi.members.models import ImportStatus, MemberImport

    MemberImport.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    job.refresh_from_db()
    return job


def phase_search(association: int) -> dict:
    from django.db import connection, reset_queries
    from django.utils import timezone

    from sohoi.members import selectors
    from sohoi.registry.models import Association

    association = Association.objects.get(pk=association)
    qs = selectors.membership_list(association)
    today = timezone.localdate()
    rng = random.Random(7)
    timings = {"name": [], "cccd": []}
    for _ in range(50):
        query = f"{rng.choice(LAST)} {rng.choice(MIDDLE['F'])} {rng.choice(FIRST['F'])}"
        start = time.perf_counter()
        list(selectors.member_search(qs, today=today, q=query)[:50])
        timings["name"].append((time.perf_counter() - start) * 1000)
        cccd = f"019{rng.randint(0, 3)}{rng.randint(35, 99):02d}{rng.randint(1, 999999):06d}"
        start = time.perf_counter()
        list(selectors.member_search(qs, today=today, q=cccd)[:50])
        timings["cccd"].append((time.perf_counter() - start) * 1000)
    reset_queries()
    connection.close()
    return {k: sorted(v)[int(len(v) * 0.95) - 1] for k, v in timings.items()}


def phase_raw(file: str, db: str) -> dict:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    rows = []
    for values in CalamineWorkbook.from_path(file).get_sheet_by_index(0).iter_rows():
        rows.append(tuple(str(v) for v in values[1:6]))
    rows = rows[1:]
    parsed = time.perf_counter()
    if db == "sqlite":
        import sqlite3

        path = Path(tempfile.mkdtemp()) / "raw.sqlite3"
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, birth TEXT, sex TEXT, cccd TEXT, eth TEXT)")
        with con:
            con.executemany("INSERT INTO t (name, birth, sex, cccd, eth) VALUES (?, ?, ?, ?, ?)", rows)
        con.close()
        shutil.rmtree(path.parent)
    else:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgres://", "postgresql://")) as con:
            con.execute("DROP TABLE IF EXISTS bench_raw")
            con.execute(
                "CREATE TABLE bench_raw (id bigserial PRIMARY KEY, name text, birth text, sex text, "
                "cccd text, eth text)"
            )
            with con.cursor().copy("COPY bench_raw (name, birth, sex, cccd, eth) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            con.execute("DROP TABLE bench_raw")
    done = time.perf_counter()
    return {
        "parse_s": parsed - started,
        "total_s": done - started,
        "rows_per_s": len(rows) / (done - started),
        "peak_mb": peak_mb(),
    }


def phase_middle(file: str, db: str) -> dict:
    """openpyxl's read-only reader and a bulk write of every column as text, no checks."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    sheet = load_workbook(file, read_only=True).active
    rows = sheet.iter_rows(min_row=2, values_only=True)
    width = 15
    count = 0

    def as_text():
        nonlocal count
        for values in rows:
            count += 1
            if count > MIDDLE_SLICE:
                count -= 1
                return
            yield tuple("" if v is None else str(v) for v in values[1:width])

    columns = ", ".join(f"c{i}" for i in range(1, width))
    if db == "sqlite":
        import sqlite3

        path = Path(tempfile.mkdtemp()) / "middle.sqlite3"
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {columns})")
        with con:
            con.executemany(f"INSERT INTO t ({columns}) VALUES ({', '.join('?' * (width - 1))})", as_text())
        con.close()
        shutil.rmtree(path.parent)
    else:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgres://", "postgresql://")) as con:
            con.execute("DROP TABLE IF EXISTS bench_middle")
            con.execute(f"CREATE TABLE bench_middle (id bigserial PRIMARY KEY, {columns.replace(',', ' text,')} text)")
            with con.cursor().copy(f"COPY bench_middle ({columns}) FROM STDIN") as copy:
                for row in as_text():
                    copy.write_row(row)
            con.execute("DROP TABLE bench_middle")
    done = time.perf_counter()
    return {"total_s": done - started, "rows_per_s": count / (done - started), "peak_mb": peak_mb()}


def phase_naive(file: str, rows: int) -> dict:
    from openpyxl import load_workbook

    from sohoi.core.text import fold
    from sohoi.members.models import Membership
    from sohoi.people.models import Person
    from tests.factories import active_association

    association = active_association(name=f"Hội Naive {time.time_ns()}")
    slice_rows = min(NAIVE_SLICE, rows)
    started = time.perf_counter()
    sheet = load_workbook(file, read_only=True).active
    for index, values in enumerate(sheet.iter_rows(min_row=2, values_only=True)):
        if index >= slice_rows:
            break
        person = Person.objects.create(
            full_name=values[1], name_folded=fold(values[1]), cccd=values[4], sex="M" if values[3] == "Nam" else "F"
        )
        Membership.objects.create(person=person, association=association, joined_on=dt.date(2020, 1, 1))
    done = time.perf_counter()
    Membership.objects.filter(association=association).delete()
    return {
        "rows": NAIVE_SLICE,
        "total_s": done - started,
        "rows_per_s": NAIVE_SLICE / (done - started),
        "peak_mb": peak_mb(),
    }


# --- orchestration ---------------------------------------------------------------------------------


def run_child(phase: str, env: dict, *args) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-3000:])
        raise SystemExit(f"phase {phase} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare_db(env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env={**os.environ, **env}, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--phase")
    parser.add_argument("--file")
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--association", type=int)
    args = parser.parse_args()

    if args.phase:
        if args.phase in ("import", "naive", "search"):
            _django({})
        result = {
            "import": lambda: phase_import(args.file, args.rows),
            "raw": lambda: phase_raw(args.file, args.db),
            "middle": lambda: phase_middle(args.file, args.db),
            "naive": lambda: phase_naive(args.file, args.rows),
            "search": lambda: phase_search(args.association),
        }[args.phase]()
        print(json.dumps(result))
        return

    work = Path(tempfile.mkdtemp(prefix="sohoi-bench-"))
    file = work / f"members-{args.rows}.xlsx"
    started = time.perf_counter()
    generate(file, args.rows)
    print(f"generated {args.rows:,} rows ({file.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")

    targets = (
        []
        if args.skip_sqlite
        else [
            (
                "sqlite",
                {"DATABASE_URL": "", "SOHOI_VAR_DIR": str(work / "var"), "SOHOI_MEDIA_ROOT": str(work / "media")},
            )
        ]
    )
    if not args.skip_postgres:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-q",
                "-c",
                "DROP DATABASE IF EXISTS sohoi_bench",
                "-c",
                "CREATE DATABASE sohoi_bench",
            ],
            check=True,
        )
        targets.append(
            (
                "postgresql",
                {"DATABASE_URL": PG_URL, "SOHOI_VAR_DIR": str(work / "var"), "SOHOI_MEDIA_ROOT": str(work / "media")},
            )
        )
    for name, env in targets:
        prepare_db(env)
        raw = run_child("raw", env, "--file", str(file), "--db", "sqlite" if name == "sqlite" else "pg")
        middle = run_child("middle", env, "--file", str(file), "--db", "sqlite" if name == "sqlite" else "pg")
        naive = run_child("naive", env, "--file", str(file), "--rows", str(args.rows))
        ours = run_child("import", env, "--file", str(file), "--rows", str(args.rows))
        ours["reader_peak_mb"] = reader_peak_mb(str(file), ours["reader_block"])
        search = run_child("search", env, "--association", str(ours["association"]))
        print(f"\n== {name}: {args.rows:,} rows")
        print(
            f"  raw limit  {raw['rows_per_s']:>10,.0f} rows/s  ({raw['total_s']:.1f} s, parse {raw['parse_s']:.1f} s)"
            f"  peak {raw['peak_mb']:.0f} MB"
        )
        print(
            f"  middle     {middle['rows_per_s']:>10,.0f} rows/s  ({min(args.rows, MIDDLE_SLICE):,}-row slice in "
            f"{middle['total_s']:.1f} s: openpyxl read-only + bulk write of every column, no checks)"
            f"  peak {middle['peak_mb']:.0f} MB"
        )
        print(
            f"  naive      {naive['rows_per_s']:>10,.0f} rows/s  ({naive['rows']:,}-row slice in "
            f"{naive['total_s']:.1f} s → {args.rows / naive['rows_per_s'] / 60:.1f} min scaled)"
            f"  peak {naive['peak_mb']:.0f} MB"
        )
        print(
            f"  Sổ Hội     {ours['rows_per_s']:>10,.0f} rows/s  ({ours['total_s']:.1f} s: check {ours['check_s']:.1f} s"
            f" + write {ours['write_s']:.1f} s; {ours['imported']:,} imported, {ours['invalid']:,} rejected)"
            f"  peak {ours['peak_mb']:.0f} MB (+ {ours['reader_peak_mb']:.0f} MB in each of 2 readers)"
        )
        print(
            f"  ratio      {ours['rows_per_s'] / raw['rows_per_s']:.2f}× raw limit (target ≥ 0.5), "
            f"{ours['rows_per_s'] / naive['rows_per_s']:.1f}× naive (target ≥ 20), "
            f"{ours['rows_per_s'] / middle['rows_per_s']:.1f}× middle, peak RSS target < 300 MB"
        )
        print(f"  search p95 name {search['name']:.1f} ms, CCCD {search['cccd']:.1f} ms (target < 50 ms)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
