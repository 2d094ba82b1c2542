"""Daily reminders (run it from cron once a day): the officers of every association whose report is due
within SOHOI_REMINDER_DAYS_BEFORE days, or overdue by up to 30 days, and not yet submitted; and the lead
units of tasks due within SOHOI_TASK_REMINDER_DAYS days or overdue (sohoi.conferences)."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sohoi.conferences.services import task_reminders_send
from sohoi.reporting.models import ReportingPeriod
from sohoi.reporting.services import reminders_send


class Command(BaseCommand):
    help = "Send the day's report reminders (notice in the app + e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        before = dt.timedelta(days=settings.SOHOI_REMINDER_DAYS_BEFORE)
        periods = ReportingPeriod.objects.select_related("regime").filter(
            due_on__gte=today - dt.timedelta(days=30), due_on__lte=today + before
        )
        for period in periods:
            count = reminders_send(period=period, today=today)
            self.stdout.write(f"{period}: {count}")
        count = task_reminders_send(today=today, days_before=settings.SOHOI_TASK_REMINDER_DAYS)
        self.stdout.write(f"tasks: {count}")
