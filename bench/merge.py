"""Benchmark: the province merger at scale, on SQLite and PostgreSQL. Two registries of 40 associations
each (former Thái Nguyên and former Bắc Kạn), 300,000 memberships in all — one pair holding 100,000 of
them — with realistic overlap (a few members of both provinces' association of a kind, a tenth of the
members in a second association of their province). Timed, each database in its own process with its
own peak RSS:

- analyse: the overlap ranking of every pair (mergers.selectors.overlap_pairs) and the province pairs;
- propose and simulate: the 40 proposals created in one step, each simulated;
- execute one: the pair of 100,000 memberships carried out alone (mergers.execute);
- execute the rest: the other 39 together (one transaction);
- baseline, same run: moving memberships by one ORM save each (the source's ended, the result's
  created), on a 10,000-membership slice of another pair, scaled to 100,000.

    .venv/bin/python bench/merge.py [--memberships 300000] [--skip-postgres]
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sohoi_bench")
PAIRS = 40
BIG = 100_000
NAIVE_SLICE = 10_000
DECIDED = dt.date(2025, 8, 20)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sohoi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _registries(memberships: int, rng: random.Random) -> dict:
    """Both registries: 40 kinds in each province, members written the way the product writes a list."""
    from django.db import transaction

    from sohoi.geo.selectors import home_communes
    from sohoi.members.importing.records import CleanRow
    from sohoi.members.importing.write import write_rows
    from tests.factories import active_association

    communes = [c.pk for c in home_communes()]
    base = int(memberships / 1.13)  # the moved members and the second memberships add about 13 %
    sizes = [BIG] + [max(base - BIG, 0) // (PAIRS - 1)] * (PAIRS - 1)
    pairs, serial = [], 0
    for kind, size in enumerate(sizes):
        tn = active_association(name=f"Hội Ngành nghề số {kind} tỉnh Thái Nguyên", founded=dt.date(2010, 1, 1))
        bk = active_association(name=f"Hội Ngành nghề số {kind} tỉnh Bắc Kạn", founded=dt.date(2011, 1, 1))
        pairs.append((tn.pk, bk.pk))
        rows: dict[int, list] = {tn.pk: [], bk.pk: []}
        for n in range(size):
            serial += 1
            sex = rng.choice("MF")
            year = rng.randint(1940, 2004)
            province, association = ("019", tn.pk) if n < size * 0.6 else ("006", bk.pk)
            row = CleanRow(
                row=0,
                full_name=f"Người Thứ {serial}",
                birth_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                birth_precision="day",
                sex=sex,
                cccd=f"{province}{(year // 100 - 19) * 2 + (sex == 'F')}{year % 100:02d}{serial:06d}",
                ethnicity="01",
                occupation="Nông dân",
                commune_id=rng.choice(communes),
                address="Thôn Nà Pài",
                phone="",
                member_type="official",
                member_number="",
                branch_id=None,
                joined_on=dt.date(rng.randint(2000, 2024), rng.randint(1, 12), 1),
                eligibility_exception=False,
            )
            rows[association].append(row)
            if association == bk.pk and rng.random() < 0.03:  # moved, and joined in Thái Nguyên too
                rows[tn.pk].append(row._replace(joined_on=dt.date(2024, 3, 1)))
        with transaction.atomic():
            for association, chunk in rows.items():
                for start in range(0, len(chunk), 20_000):
                    write_rows(chunk[start : start + 20_000], association)
    # A tenth of the members in a second association of their province: the next kind's.
    with transaction.atomic():
        _second_memberships(pairs, rng)
    return {"pairs": pairs}


def _second_memberships(pairs, rng) -> None:
    from sohoi.members.models import Membership

    extra = []
    for kind, (tn, bk) in enumerate(pairs):
        for source, target in ((tn, pairs[(kind + 1) % len(pairs)][0]), (bk, pairs[(kind + 1) % len(pairs)][1])):
            persons = list(Membership.objects.filter(association_id=source).values_list("person_id", flat=True))
            for person in rng.sample(persons, len(persons) // 10):
                extra.append(Membership(person_id=person, association_id=target, joined_on=dt.date(2020, 1, 1)))
    existing = set(Membership.objects.values_list("person_id", "association_id"))
    Membership.objects.bulk_create([m for m in extra if (m.person_id, m.association_id) not in existing], 10_000)


def phase_run(memberships: int) -> dict:
    _django()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from sohoi.accounts.models import Role, User
    from sohoi.members.models import Membership
    from sohoi.mergers import execute, selectors, services
    from sohoi.mergers.models import Proposal
    from sohoi.mergers.simulate import simulate
    from sohoi.registry.models import Association

    call_command("migrate", verbosity=0)
    rng = random.Random(20250701)
    by = User.objects.create_user(username=f"bench{time.time_ns()}", role=Role.PROVINCE_OFFICER)
    started = time.perf_counter()
    data = _registries(memberships, rng)
    out = {"setup_s": time.perf_counter() - started, "memberships": Membership.objects.count()}

    started = time.perf_counter()
    ranked = selectors.overlap_pairs(timezone.localdate())
    merger = selectors.province_pairs()
    out["analyse_s"] = time.perf_counter() - started
    out["ranked_pairs"], out["province_pairs"] = len(ranked), len(merger.pairs)

    started = time.perf_counter()
    proposals = services.province_proposals_create(pairs=merger.pairs, by=by, batch="bench")
    simulations = [simulate(p) for p in proposals]
    out["simulate_s"] = time.perf_counter() - started
    out["simulated_after"] = sum(s.members_after for s in simulations)

    services.batch_submit(proposals=proposals, by=by, on=DECIDED - dt.timedelta(days=20))
    services.batch_approve(proposals=proposals, by=by, number="1/QĐ-UBND", issued_on=DECIDED, authority="UBND tỉnh")
    big_pair = set(data["pairs"][0])
    proposals = list(Proposal.objects.filter(batch="bench").prefetch_related("sources").order_by("pk"))
    big = next(p for p in proposals if {a.pk for a in p.sources.all()} == big_pair)
    started = time.perf_counter()
    execute.proposal_execute(proposal=big, by=by)
    out["execute_one_s"] = time.perf_counter() - started
    out["execute_one_memberships"] = Membership.objects.filter(
        left_event__isnull=False, carried_to__isnull=False
    ).count()
    rest = [p for p in proposals if p.pk != big.pk and p.pk != proposals[-1].pk]  # the last one: the baseline's
    for proposal in rest:
        proposal.refresh_from_db()
    started = time.perf_counter()
    execute.batch_execute(proposals=rest, by=by)
    out["execute_rest_s"] = time.perf_counter() - started
    out["executed_after"] = sum(
        Membership.objects.filter(association=r.association_id, left_on__isnull=True).count()
        for p in [big, *rest]
        for r in p.results.all()
    )
    out["simulated_after_executed"] = sum(
        s.members_after for s in simulations if s.plan.proposal.pk != proposals[-1].pk
    )

    # Baseline: the last pair's memberships moved one ORM save at a time, on a slice, scaled.
    last = proposals[-1]
    target = Association.objects.create(name="Hội Bench đích", name_folded="hoi bench dich", status="active")
    source_ids = [a.pk for a in last.sources.all()]
    moving = list(Membership.objects.filter(association_id__in=source_ids, left_on__isnull=True)[:NAIVE_SLICE])
    started = time.perf_counter()
    with transaction.atomic():
        carried = {}  # a person in both sources: one membership at the result
        for old in moving:
            new = carried.get(old.person_id)
            if new is None:
                new = Membership(
                    person_id=old.person_id,
                    association=target,
                    member_type=old.member_type,
                    joined_on=DECIDED,
                    member_since=old.joined_on,
                )
                new.save()
                carried[old.person_id] = new
            old.left_on, old.carried_to = DECIDED, new
            old.save()
    naive = time.perf_counter() - started
    out["naive_rows"], out["naive_s"] = len(moving), naive
    out["naive_100k_s"] = naive * BIG / max(len(moving), 1)
    out["peak_mb"] = peak_mb()
    return out


def run(env: dict, memberships: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", "run", "--memberships", str(memberships)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit("the run failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memberships", type=int, default=300_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--phase")
    args = parser.parse_args()
    if args.phase == "run":
        print(json.dumps(phase_run(args.memberships)))
        return
    work = Path(tempfile.mkdtemp(prefix="sohoi-bench-merge-"))
    targets = [("sqlite", {"DATABASE_URL": "", "SOHOI_VAR_DIR": str(work / "var")})]
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
        targets.append(("postgresql", {"DATABASE_URL": PG_URL, "SOHOI_VAR_DIR": str(work / "var-pg")}))
    for name, env in targets:
        r = run(env, args.memberships)
        print(f"\n== {name}: {r['memberships']:,} memberships, 2 × {PAIRS} associations (set-up {r['setup_s']:.0f} s)")
        print(
            f"  analyse        {r['analyse_s']:6.1f} s  ({r['ranked_pairs']:,} pairs ranked, "
            f"{r['province_pairs']} province pairs)"
        )
        print(f"  propose+simulate {r['simulate_s']:4.1f} s  ({r['province_pairs']} proposals)")
        print(
            f"  execute one    {r['execute_one_s']:6.1f} s  ({r['execute_one_memberships']:,} memberships carried)"
            f"  vs ORM save each {r['naive_100k_s']:.0f} s scaled from {r['naive_rows']:,} in {r['naive_s']:.1f} s"
            f"  → {r['naive_100k_s'] / r['execute_one_s']:.0f}×"
        )
        print(f"  execute rest   {r['execute_rest_s']:6.1f} s  (together, one transaction)")
        print(
            f"  simulated = executed: {r['simulated_after_executed']:,} = {r['executed_after']:,} "
            "members of the results"
        )
        print(f"  peak RSS       {r['peak_mb']:6.0f} MB")


if __name__ == "__main__":
    main()
