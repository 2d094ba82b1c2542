"""Create the reporting periods of a year for every regime (run it from cron in December for the year
ahead, e.g. `0 6 1 12 *`; a period that exists already is left as it is)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from sohoi.reporting.models import ReportingRegime
from sohoi.reporting.services import periods_generate


class Command(BaseCommand):
    help = "Create the reporting periods of a year (default: next year) for every regime."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="default: next year")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year + 1
        for regime in ReportingRegime.objects.order_by("title"):
            created = periods_generate(regime=regime, year=year, by=None)
            self.stdout.write(f"{regime.title}: {len(created)}")
