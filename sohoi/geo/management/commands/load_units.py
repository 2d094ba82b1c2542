from django.core.management.base import BaseCommand

from sohoi.geo.loader import load_units
from sohoi.geo.models import AdministrativeUnit, UnitSuccession


class Command(BaseCommand):
    help = "Load the 2025 provinces and communes (vietnam-provinces) and the pre-2025 units; idempotent."

    def handle(self, *args, **options):
        created = load_units(AdministrativeUnit, UnitSuccession)
        self.stdout.write(f"{created} administrative units created.")
