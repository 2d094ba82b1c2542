from django.core.management.base import BaseCommand

from sohoi.accounts.models import Role, User
from sohoi.demo.data import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for username, *_ in DEMO_USERS:
            user = User.objects.filter(username=username).prefetch_related("associations").first()
            if user is None:
                continue
            scope = ", ".join(a.name for a in user.associations.all()) or "toàn tỉnh"
            self.stdout.write(f"  {username:<10} {Role(user.role).label} — {scope}")
