from django.core.management.base import BaseCommand

from sohoi.demo.builder import build_demo


class Command(BaseCommand):
    help = "Load the demo province (Thái Nguyên, with former Bắc Kạn); does nothing if associations exist."

    def handle(self, *args, **options):
        if build_demo():
            self.stdout.write("Demo province loaded.")
        else:
            self.stdout.write("The registry already has associations: demo not loaded again.")
