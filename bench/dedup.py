"""Benchmark: finding the same person in a labelled set of N persons' records (tests/person_records.py:
Vietnamese names at realistic frequencies, a share duplicated with the registers' noises), against two
baselines in the same run on the same records:

- exact: the same CCCD, or the same folded name and birth date;
- Splink's defaults: its standard name and date comparisons on the raw columns, no Vietnamese handling
  (names not folded, no word order, no middle-name or day/month levels, no CCCD repair, no veto);
- Sổ Hội: the product's own model (sohoi.identity.matching), clusters at SOHOI_MATCH_UPPER.

Prints wall time, peak RSS, and precision, recall and F1 of the pairs. Each measurement runs in its own
process.

    .venv/bin/python bench/dedup.py [--persons 200000 1000000]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sohoi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _records(persons: int):
    from sohoi.geo.models import UnitSuccession
    from sohoi.geo.selectors import home_communes
    from tests.person_records import labelled

    communes = [c.code for c in home_communes()]
    old_of = dict(
        UnitSuccession.objects.filter(successor__code__in=communes).values_list("successor__code", "predecessor__code")
    )
    return labelled(int(persons / 1.4), communes=communes, old_of=old_of, seed=20261202)


def _score(records, clusters: dict[int, int]) -> dict:
    from tests.person_records import f1, pairs_of, true_pairs

    found = pairs_of({records[i].rec: records[c].rec for i, c in clusters.items()})
    precision, recall, f = f1(found, true_pairs(records))
    return {"precision": precision, "recall": recall, "f1": f}


def phase(kind: str, persons: int) -> dict:
    _django()
    from django.conf import settings

    from sohoi.core.text import fold
    from sohoi.identity import runs
    from sohoi.identity.matching import prepare, score

    records = _records(persons)
    started = time.perf_counter()
    ids = list(range(len(records)))
    if kind == "exact":
        first, pairs = {}, []
        for i, r in enumerate(records):
            for key in ([("cccd", r.cccd)] if r.cccd else []) + [("name", fold(r.name), r.born)]:
                if key in first:
                    pairs.append(score.Pair(first[key], i, 1.0, 0.0))
                else:
                    first[key] = i
        clusters = score.clusters(ids, pairs)
    elif kind == "splink_default":
        clusters = _splink_default(records)
    else:
        successor = runs.successors()
        rows = [
            prepare.row(i, r.name, r.born, r.sex, r.cccd, r.commune, successor=successor) for i, r in enumerate(records)
        ]
        scored = score.score(rows, lower=settings.SOHOI_MATCH_UPPER)
        clusters = scored.clusters
    elapsed = time.perf_counter() - started
    return {
        "records": len(records),
        "wall_s": elapsed,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **_score(records, clusters),
    }


def _splink_default(records) -> dict[int, int]:
    """Splink as its documentation sets it up: NameComparison, DateOfBirthComparison, exact matches."""
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink import comparison_library as cl

    from sohoi.identity.matching import score

    table = pa.Table.from_pylist(
        [
            {
                "unique_id": i,
                "name": r.name,
                "dob": r.born if len(r.born) == 10 else None,
                "sex": r.sex,
                "cccd": r.cccd or None,
                "commune": r.commune,
            }
            for i, r in enumerate(records)
        ]
    )
    db_api = DuckDBAPI(connection=duckdb.connect())
    linker = Linker(
        db_api.register(table),
        SettingsCreator(
            link_type="dedupe_only",
            comparisons=[
                cl.NameComparison("name"),
                cl.DateOfBirthComparison("dob", input_is_string=True),
                cl.ExactMatch("cccd"),
                cl.ExactMatch("commune"),
                cl.ExactMatch("sex"),
            ],
            blocking_rules_to_generate_predictions=[block_on("dob"), block_on("cccd"), block_on("name")],
        ),
    )
    linker.training.estimate_probability_two_random_records_match([block_on("cccd")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    predictions = linker.inference.predict(threshold_match_probability=0.99).as_record_list()
    pairs = [score.Pair(int(p["unique_id_l"]), int(p["unique_id_r"]), p["match_probability"], 0.0) for p in predictions]
    return score.clusters(list(range(len(records))), pairs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--phase")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.persons[0])))
        return
    for persons in args.persons:
        print(f"\n== about {persons:,} records")
        results = {}
        for kind in ("exact", "splink_default", "sohoi"):
            out = subprocess.run(
                [sys.executable, __file__, "--phase", kind, "--persons", str(persons)],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if out.returncode:
                sys.stderr.write(out.stderr[-3000:])
                raise SystemExit(f"phase {kind} failed")
            r = results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"  {kind:15} {r['records']:,} records  {r['wall_s']:7.1f} s  peak {r['peak_mb']:6.0f} MB  "
                f"P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}"
            )
        ratio = results["sohoi"]["wall_s"] / results["splink_default"]["wall_s"]
        print(
            f"  targets: F1 ≥ 0.98 (got {results['sohoi']['f1']:.4f}); "
            f"time ≤ 1.0× Splink's defaults (got {ratio:.2f}×); peak < 4 GB"
        )


if __name__ == "__main__":
    main()
