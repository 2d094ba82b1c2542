"""Benchmark: the consolidated report of a period with N associations (default 100) that all filled the
full 6-month form — the figures, the completeness, the .docx in the Decree 30/2020 format and the .xlsx —
timed end to end (target: < 2 s), next to a baseline measured in the same run: the rendering floor,
python-docx and xlsxwriter writing the same tables from rows already in memory (no database, no sums).

    .venv/bin/python bench/consolidate.py [--associations 100] [--runs 5]

Runs on a throw-away SQLite database (or on DATABASE_URL when set).
"""

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        os.environ["SOHOI_VAR_DIR"] = tempfile.mkdtemp(prefix="sohoi-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sohoi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(associations: int):
    from sohoi.registry.models import Association
    from sohoi.reporting.models import IndicatorKind, PeriodType, Report, ReportingRegime, ReportStatus
    from sohoi.reporting.reference import create_form
    from sohoi.reporting.services import periods_generate
    from tests.factories import active_association

    rng = random.Random(2026)
    Association.objects.filter(name__startswith="Hội Bench").delete()
    regime = ReportingRegime.objects.create(title="Báo cáo 6 tháng (bench)", period_type=PeriodType.HALF_YEAR)
    create_form(regime)
    [previous] = periods_generate(regime=regime, year=2025, by=None)
    [period] = periods_generate(regime=regime, year=2026, by=None)
    indicators = list(regime.form.indicators.all())
    reports = []
    for n in range(associations):
        association = active_association(name=f"Hội Bench số {n:03d}")
        for p in (previous, period):
            values = {}
            for i in indicators:
                if i.kind == IndicatorKind.TEXT:
                    values[i.code] = f"{i.label} của hội số {n}: " + "hoạt động tích cực, " * rng.randint(5, 40)
                else:
                    values[i.code] = str(rng.randint(0, 5000))
            values["members"] = "6000"
            reports.append(
                Report(
                    period=p,
                    association=association,
                    status=ReportStatus.ACCEPTED,
                    values=values,
                    first_submitted_at=dt.datetime(p.year, 6, 15, tzinfo=dt.UTC),
                )
            )
    Report.objects.bulk_create(reports)
    return period


def ours(period) -> tuple[int, int]:
    from django.utils import timezone

    from sohoi.core import xlsx
    from sohoi.reporting import document, selectors

    period = type(period).objects.select_related("regime", "form").get(pk=period.pk)
    data = selectors.consolidation(period)
    c = selectors.completeness(period)
    docx = document.period_document(
        period=period, data=data, consolidated=selectors.consolidated_get(period), c=c, day=timezone.localdate()
    )
    header = ["Hội", *[i.label for i in data.indicators]]
    rows = [[a.name, *[row[i.code] for i in data.indicators]] for a, row in data.rows]
    book = xlsx.table("Tổng hợp", header, rows)
    return len(docx), len(book)


def floor(period) -> tuple[int, int]:
    """The same document and workbook from rows already in memory."""
    from sohoi.core import xlsx
    from sohoi.core.docx import administrative_document

    data = FLOOR_DATA
    header = ["STT", "Hội", *[i.label for i in data.indicators]]
    rows = [[n, a.name, *[row[i.code] for i in data.indicators]] for n, (a, row) in enumerate(data.rows, 1)]
    docx = administrative_document(
        title="BÁO CÁO",
        subtitle="",
        narrative=["…"],
        table_header=["Chỉ tiêu", "Kỳ này"],
        table_rows=[[i.label, data.totals[i.code]] for i in data.indicators],
        day=dt.date(2026, 7, 1),
        sections=[(label, [f"{a.name}: {t}" for a, t in entries]) for label, entries in data.texts],
        annex=("PHỤ LỤC", header, rows),
    )
    book = xlsx.table("Tổng hợp", header[1:], [r[1:] for r in rows])
    return len(docx), len(book)


FLOOR_DATA = None


def timed(fn, period, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn(period)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    global FLOOR_DATA
    parser = argparse.ArgumentParser()
    parser.add_argument("--associations", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from sohoi.reporting import selectors

    period = build(args.associations)
    FLOOR_DATA = selectors.consolidation(period)
    docx_bytes, xlsx_bytes = ours(period)
    ours_times = timed(ours, period, args.runs)
    floor_times = timed(floor, period, args.runs)
    median, worst = statistics.median(ours_times), max(ours_times)
    base = statistics.median(floor_times)
    print(f"consolidate {args.associations} associations × full form on {connection.vendor}, {args.runs} runs")
    print(f"  Sổ Hội (figures + completeness + .docx + .xlsx): median {median:.3f} s, worst {worst:.3f} s")
    print(f"  rendering floor (same .docx + .xlsx from memory): median {base:.3f} s")
    print(f"  ratio {median / base:.2f}× the floor; .docx {docx_bytes / 1024:.0f} KB, .xlsx {xlsx_bytes / 1024:.0f} KB")
    print(f"  target < 2 s: {'met' if worst < 2 else 'NOT met'}; peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
