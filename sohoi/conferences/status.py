"""The status of an assigned task, in one place. The four statuses are those the Government Office's
task tracking uses (Decision 42/2014/QĐ-TTg; counted so in Report 1270/BC-TCTTTg of 2017): done on
time, done late, in progress within the deadline, overdue — plus "not started" for a task nobody has
reported on yet. Derived from dates each time it is read, never typed in."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    IN_PROGRESS = "in_progress", _("In progress, within the deadline")
    OVERDUE = "overdue", _("Overdue")
    NOT_STARTED = "not_started", _("Not started")


def task_status(task, today: dt.date) -> str:
    """Done = the completion was confirmed; it counts from the day the lead unit reported it done, and is
    on time when that day is on or before the deadline (as extended). A regular task (no deadline) is
    never overdue."""
    if task.confirmed_at and task.done_on:
        if task.deadline is None or task.done_on <= task.deadline:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if task.deadline and today > task.deadline:
        return TaskStatus.OVERDUE
    if task.percent == 0 and task.last_update_at is None and task.done_on is None:
        return TaskStatus.NOT_STARTED
    return TaskStatus.IN_PROGRESS
