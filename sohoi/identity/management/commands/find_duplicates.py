"""manage.py find_duplicates [--csv IN.csv --out OUT.csv] [--spark MASTER]

With --csv: persons read from a CSV (columns rec,name,born,sex,cccd,commune; born YYYY-MM-DD or YYYY;
sex M/F; cccd may be empty; UTF-8, NFC or NFD), scored by the product's own model, and every input row
written to OUT as rec,cluster (the cluster named by its first rec). Without it: a matching run over the
registry, here and now, filling the review queue. With --spark: scored on Spark (the `spark` extra and a
Java runtime), MASTER being local[N] or a cluster's address — the same model, for a national run.
"""

import csv

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sohoi.identity import runs
from sohoi.identity.matching import prepare, score
from sohoi.identity.matching import spark as matching_spark
from sohoi.identity.models import MatchRun

FIELDS = ["rec", "name", "born", "sex", "cccd", "commune"]


class Command(BaseCommand):
    help = "Find the records that are one person: from a CSV into a CSV, or over the registry."

    def add_arguments(self, parser):
        parser.add_argument("--csv", help="persons to match (rec,name,born,sex,cccd,commune)")
        parser.add_argument("--out", help="where rec,cluster goes (default: standard output)")
        parser.add_argument("--spark", metavar="MASTER", help="score on Spark: local[N], spark://host:7077, yarn…")

    def handle(self, *args, **options):
        translation.activate(settings.LANGUAGE_CODE)
        spark = None
        if options["spark"]:
            try:
                spark = matching_spark.session(options["spark"])
            except ImportError as exc:
                raise CommandError(_("Spark is not installed: pip install -e '.[spark]'.")) from exc
            except Exception as exc:  # pyspark's own: no Java runtime, a master it cannot reach
                raise CommandError(
                    _("Spark could not start (%(error)s): is a Java runtime installed and the master reachable?")
                    % {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
                ) from exc
        if not options["csv"]:
            run = runs.match_run_execute(MatchRun.objects.create(), spark=spark)
            self.stdout.write(
                _("Persons: %(persons)s; pairs: %(pairs)s; proposed for merging: %(proposed)s; to review: %(review)s.")
                % {"persons": run.persons, "pairs": run.pairs, "proposed": run.proposed, "review": run.to_review}
            )
            return
        try:
            with open(options["csv"], newline="", encoding="utf-8-sig") as f:
                reader = csv.DictReader(f)
                if reader.fieldnames is None or not set(FIELDS) <= set(reader.fieldnames):
                    raise CommandError(_("The CSV needs the columns %(columns)s.") % {"columns": ",".join(FIELDS)})
                records = list(reader)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        successor = runs.successors()
        rows = [
            prepare.row(i, r["name"], r["born"], r["sex"], r["cccd"], r["commune"], successor=successor)
            for i, r in enumerate(records)
        ]
        scored = score.score(rows, lower=settings.SOHOI_MATCH_UPPER, spark=spark)
        lines = [["rec", "cluster"]] + [[r["rec"], records[scored.clusters[i]]["rec"]] for i, r in enumerate(records)]
        if not options["out"]:
            csv.writer(self.stdout).writerows(lines)
            return
        with open(options["out"], "w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(lines)
