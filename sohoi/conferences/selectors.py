"""What a user sees of conferences and tasks: province officers and leaders everything, an association
officer the tasks their association leads or cooperates on, and those tasks' conferences."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sohoi.accounts.roles import association_ids_of
from sohoi.accounts.rules import is_province_wide_reader
from sohoi.conferences.models import Conference, Department, Task
from sohoi.conferences.status import TaskStatus, task_status
from sohoi.registry.models import Association


def _mine(ids) -> Q:
    return Q(lead_association__in=ids) | Q(cooperating_associations__in=ids)


def task_list_for_user(user) -> QuerySet[Task]:
    tasks = Task.objects.select_related("lead_department", "lead_association", "conference")
    if is_province_wide_reader(user):
        return tasks
    ids = association_ids_of(user)
    return tasks.filter(pk__in=Task.objects.filter(_mine(ids)).values("pk"))


def task_get_for_user(user, pk: int) -> Task:
    return get_object_or_404(task_list_for_user(user), pk=pk)


def conference_list_for_user(user) -> QuerySet[Conference]:
    if is_province_wide_reader(user):
        return Conference.objects.all()
    ids = association_ids_of(user)
    return Conference.objects.filter(
        Q(pk__in=Task.objects.filter(_mine(ids)).values("conference")) | Q(associations__in=ids)
    ).distinct()


def conference_get_for_user(user, pk: int) -> Conference:
    return get_object_or_404(conference_list_for_user(user), pk=pk)


@dataclass
class Row:
    task: Task
    status: str

    @property
    def label(self) -> str:
        return TaskStatus(self.status).label


def with_status(tasks, today: dt.date) -> list[Row]:
    return [Row(task, task_status(task, today)) for task in tasks]


def filtered(rows: list[Row], *, status: str = "", due_within: int | None = None, today: dt.date) -> list[Row]:
    """Rows in a status, and/or open with a deadline within the next `due_within` days."""
    if status:
        rows = [r for r in rows if r.status == status]
    if due_within is not None:
        last = today + dt.timedelta(days=due_within)
        rows = [
            r for r in rows if r.task.deadline and today <= r.task.deadline <= last and r.status not in DONE_STATUSES
        ]
    return rows


DONE_STATUSES = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def unit_filter(tasks: QuerySet[Task], unit: str) -> QuerySet[Task]:
    """`unit` is "d<department id>" or "a<association id>": the tasks it leads or cooperates on."""
    kind, pk = unit[:1], unit[1:]
    if not pk.isdigit():
        return tasks
    if kind == "d":
        return tasks.filter(
            pk__in=Task.objects.filter(Q(lead_department=pk) | Q(cooperating_departments=pk)).values("pk")
        )
    if kind == "a":
        return tasks.filter(pk__in=Task.objects.filter(_mine([int(pk)])).values("pk"))
    return tasks


def unit_choices(tasks: QuerySet[Task]) -> list[tuple[str, str]]:
    """Every body and association that leads or cooperates on a task the user sees, for the unit filter."""
    departments = Department.objects.filter(Q(led_tasks__in=tasks) | Q(cooperating_tasks__in=tasks)).distinct()
    associations = (
        Association.objects.filter(Q(led_tasks__in=tasks) | Q(cooperating_tasks__in=tasks))
        .distinct()
        .order_by("name_folded")
    )
    return [(f"d{d.pk}", d.name) for d in departments] + [(f"a{a.pk}", a.name) for a in associations]


@dataclass
class Overview:
    total: int
    by_status: list[tuple[str, str, int]]  # status, label, count
    by_unit: list[tuple[str, dict, int]]  # lead name, {status: count}, total


def overview(rows: list[Row]) -> Overview:
    counts = Counter(r.status for r in rows)
    units: dict[str, Counter] = {}
    for r in rows:
        units.setdefault(str(r.task.lead), Counter())[r.status] += 1
    return Overview(
        total=len(rows),
        by_status=[(s.value, s.label, counts.get(s.value, 0)) for s in TaskStatus],
        by_unit=sorted(((name, dict(c), sum(c.values())) for name, c in units.items()), key=lambda u: -u[2]),
    )
