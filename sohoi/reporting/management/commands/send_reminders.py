"""Daily reminders (run it from cron once a day): the officers of every association whose report is due
within SOHOI_REMINDER_DAYS_BEFORE days, or overdue by up to 30 days, and not yet submitted; the lead
units of tasks due within SOHOI_TASK_REMINDER_DAYS days or overdue (sohoi.conferences); the officers
of associations with a legal deadline within SOHOI_DEADLINE_NOTICE_DAYS days (sohoi.registry). Then
the day's e-mail to those who chose one a day, and read notices past SOHOI_NOTICE_ARCHIVE_DAYS
archived (sohoi.notices)."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sohoi.conferences.services import task_reminders_send
from sohoi.notices.services import digests_send, notices_archive
from sohoi.registry.services import deadline_notices_send
from sohoi.reporting.models import ReportingPeriod
from sohoi.reporting.services import reminders_send


class Command(BaseCommand):
    help = "Send the day's reminders and daily e-mails (notice in the app + e-mail), archive old notices."

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
        self.stdout.write(f"legal deadlines: {deadline_notices_send(today=today)}")
        self.stdout.write(f"daily e-mails: {digests_send()}")
        self.stdout.write(f"archived: {notices_archive()}")
