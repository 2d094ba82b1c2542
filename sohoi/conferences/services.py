"""Writes of the conferences module: atomic, validated, audited; every change of a task leaves a
TaskUpdate in its history."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.accounts.selectors import officers_of, province_officers
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log
from sohoi.conferences.models import Conclusion, Conference, Department, Task, TaskUpdate, UpdateKind
from sohoi.core.errors import ApplicationError
from sohoi.notices.models import NoticeKind
from sohoi.notices.services import notices_send


@transaction.atomic
def department_create(*, name: str, is_home_affairs: bool, by) -> Department:
    """Add a state body that can lead or cooperate on tasks. One body at most is the Department of Home
    Affairs (the province officers act for it)."""
    name = " ".join(name.split())
    if Department.objects.filter(name__iexact=name).exists():
        raise ApplicationError(_("“%(name)s” is already in the list.") % {"name": name}, field="name")
    if is_home_affairs and Department.objects.filter(is_home_affairs=True).exists():
        raise ApplicationError(_("The Department of Home Affairs is already in the list."), field="is_home_affairs")
    department = Department.objects.create(name=name, is_home_affairs=is_home_affairs)
    audit_log(actor=by, action=Action.CREATE, obj=department)
    return department


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class ConferenceData:
    held_on: dt.date
    title: str
    chair: str
    place: str = ""
    departments: list = field(default_factory=list)
    associations: list = field(default_factory=list)
    notice_number: str = ""
    notice_date: dt.date | None = None
    notice_file: object = None
    conclusions: list[str] = field(default_factory=list)


@transaction.atomic
def conference_create(*, data: ConferenceData, by) -> Conference:
    if data.notice_date and data.notice_date < data.held_on:
        raise ApplicationError(
            _("The conclusion notice (%(notice)s) cannot be dated before the conference (%(held)s).")
            % {"notice": _d(data.notice_date), "held": _d(data.held_on)},
            field="notice_date",
        )
    conference = Conference.objects.create(
        held_on=data.held_on,
        title=data.title.strip(),
        chair=data.chair.strip(),
        place=data.place.strip(),
        notice_number=data.notice_number.strip(),
        notice_date=data.notice_date,
        notice_file=data.notice_file or "",
    )
    conference.departments.set(data.departments)
    conference.associations.set(data.associations)
    texts = [t.strip() for t in data.conclusions if t.strip()]
    Conclusion.objects.bulk_create(
        [Conclusion(conference=conference, number=n, text=text) for n, text in enumerate(texts, start=1)]
    )
    audit_log(actor=by, action=Action.CREATE, obj=conference)
    return conference


@dataclass
class TaskData:
    title: str
    lead_department: Department | None = None
    lead_association: object = None
    deadline: dt.date | None = None
    rhythm: str = ""
    details: str = ""
    conclusion: Conclusion | None = None
    cooperating_departments: list = field(default_factory=list)
    cooperating_associations: list = field(default_factory=list)
    associations: list = field(default_factory=list)
    period: object = None


@transaction.atomic
def task_create(*, conference: Conference, data: TaskData, by) -> Task:
    """Assign a task from a conference. Refused: no lead or two leads, a deadline before the conference,
    neither a deadline nor a regular rhythm."""
    if bool(data.lead_department) == bool(data.lead_association):
        raise ApplicationError(_("Choose one lead: a body or an association."), field="lead_department")
    if data.deadline and data.deadline < conference.held_on:
        raise ApplicationError(
            _("The deadline (%(deadline)s) cannot be before the conference (%(held)s).")
            % {"deadline": _d(data.deadline), "held": _d(conference.held_on)},
            field="deadline",
        )
    if not data.deadline and not data.rhythm:
        raise ApplicationError(_("Give a deadline, or a reporting rhythm for a regular task."), field="deadline")
    if data.conclusion and data.conclusion.conference_id != conference.pk:
        raise ApplicationError(_("The conclusion belongs to another conference."), field="conclusion")
    task = Task.objects.create(
        conference=conference,
        conclusion=data.conclusion,
        title=data.title.strip(),
        details=data.details.strip(),
        lead_department=data.lead_department,
        lead_association=data.lead_association,
        deadline=data.deadline,
        rhythm=data.rhythm if not data.deadline else "",
        period=data.period,
    )
    task.cooperating_departments.set([d for d in data.cooperating_departments if d != data.lead_department])
    task.cooperating_associations.set([a for a in data.cooperating_associations if a != data.lead_association])
    task.associations.set(data.associations)
    TaskUpdate.objects.create(task=task, kind=UpdateKind.CREATED, deadline=task.deadline, author=_user(by))
    audit_log(actor=by, action=Action.CREATE, obj=task)
    involved = [a.pk for a in [data.lead_association, *task.cooperating_associations.all()] if a]
    if involved:
        text = _("New task from “%(conference)s” for %(lead)s: “%(title)s”%(deadline)s.") % {
            "conference": conference.title,
            "lead": task.lead,
            "title": task.title,
            "deadline": _(", due %(day)s") % {"day": _d(task.deadline)} if task.deadline else "",
        }
        _tell(task, officers_of(involved), NoticeKind.TASK_ASSIGNED, text, by)
    return task


def lead_people(task: Task):
    """Who acts for the task's lead: its association's officers, or the province officers for a body."""
    return officers_of([task.lead_association_id]) if task.lead_association_id else province_officers()


def _tell(task: Task, users, kind: str, text: str, by, key: str = "") -> int:
    return notices_send(
        users=users, kind=kind, text=text, url=reverse("conferences:task", args=[task.pk]), key=key, by=by
    )


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _locked(task: Task) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.confirmed_at:
        raise ApplicationError(_("This task's completion was confirmed: it takes no more updates."))
    return task


def _log(task, kind, by, **fields) -> TaskUpdate:
    update = TaskUpdate.objects.create(task=task, kind=kind, author=_user(by), **fields)
    audit_log(actor=by, action=Action.UPDATE, obj=task, note=f"{kind}: {fields.get('text', '')}"[:300])
    return update


@transaction.atomic
def task_progress(*, task: Task, text: str, percent: int, by, file=None) -> Task:
    """The lead or a cooperating unit reports progress (text, percent, an attached file)."""
    task = _locked(task)
    if not 0 <= percent <= 100:
        raise ApplicationError(
            _("Progress is a percentage from 0 to 100, not %(value)s.") % {"value": percent}, field="percent"
        )
    if not text.strip():
        raise ApplicationError(_("Say what was done."), field="text")
    task.percent, task.last_update_at = percent, timezone.now()
    task.save(update_fields=["percent", "last_update_at"])
    _log(task, UpdateKind.PROGRESS, by, text=text.strip(), percent=percent, file=file or "")
    lead = lead_people(task)
    if getattr(by, "is_authenticated", False) and not lead.filter(pk=by.pk).exists():
        # a cooperating unit's progress: the lead hears of it
        message = _("Progress on “%(title)s” (%(percent)s%%) from %(who)s: %(text)s")
        values = {"title": task.title, "percent": percent, "who": by.get_full_name() or by.get_username()}
        _tell(task, lead, NoticeKind.TASK_PROGRESS, message % {**values, "text": text.strip()}, by)
    return task


@transaction.atomic
def task_extension_ask(*, task: Task, new_deadline: dt.date, reason: str, by) -> Task:
    task = _locked(task)
    if task.deadline is None:
        raise ApplicationError(_("A regular task has no deadline to extend."))
    if task.done_on:
        raise ApplicationError(_("The task was reported done: it needs no extension."))
    if new_deadline <= task.deadline:
        raise ApplicationError(
            _("The new deadline (%(new)s) must be after the current one (%(current)s).")
            % {"new": _d(new_deadline), "current": _d(task.deadline)},
            field="new_deadline",
        )
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the extension."), field="reason")
    task.requested_deadline = new_deadline
    task.save(update_fields=["requested_deadline"])
    _log(task, UpdateKind.EXTENSION_ASKED, by, text=reason.strip(), deadline=new_deadline)
    message = _("%(lead)s asks to extend “%(title)s” from %(current)s to %(new)s: %(reason)s")
    values = {"lead": task.lead, "title": task.title, "current": _d(task.deadline), "new": _d(new_deadline)}
    _tell(task, province_officers(), NoticeKind.EXTENSION_ASKED, message % {**values, "reason": reason.strip()}, by)
    return task


@transaction.atomic
def task_extension_decide(*, task: Task, grant: bool, comment: str, by) -> Task:
    """The province officer grants the extension (the deadline, and the status with it, move) or refuses."""
    task = _locked(task)
    if task.requested_deadline is None:
        raise ApplicationError(_("No extension is waiting for an answer."))
    if grant:
        task.original_deadline = task.original_deadline or task.deadline
        task.deadline = task.requested_deadline
    kind = UpdateKind.EXTENSION_GRANTED if grant else UpdateKind.EXTENSION_REFUSED
    deadline = task.requested_deadline
    task.requested_deadline = None
    task.save(update_fields=["deadline", "original_deadline", "requested_deadline"])
    _log(task, kind, by, text=comment.strip(), deadline=deadline)
    if grant:
        message = _("The extension of “%(title)s” to %(day)s was granted.")
    else:
        message = _("The extension of “%(title)s” to %(day)s was refused.")
    message %= {"title": task.title, "day": _d(deadline)}
    if comment.strip():
        message += " " + comment.strip()
    _tell(task, lead_people(task), NoticeKind.EXTENSION_DECIDED, message, by)
    return task


@transaction.atomic
def task_report_done(*, task: Task, result: str, done_on: dt.date, by, file=None) -> Task:
    """The lead unit marks the task done with its result; the province officer then confirms it."""
    task = _locked(task)
    if not result.strip():
        raise ApplicationError(_("Describe the result."), field="result")
    if done_on < task.conference.held_on or done_on > timezone.localdate():
        raise ApplicationError(
            _("The day the task was done (%(day)s) must be between the conference and today.") % {"day": _d(done_on)},
            field="done_on",
        )
    task.done_on, task.result, task.percent = done_on, result.strip(), 100
    task.last_update_at, task.requested_deadline = timezone.now(), None
    task.save(update_fields=["done_on", "result", "percent", "last_update_at", "requested_deadline"])
    _log(task, UpdateKind.DONE, by, text=result.strip(), percent=100, file=file or "")
    message = _("%(lead)s reports “%(title)s” done on %(day)s: confirm it or send it back.")
    _tell(
        task,
        province_officers(),
        NoticeKind.TASK_DONE,
        message % {"lead": task.lead, "title": task.title, "day": _d(done_on)},
        by,
    )
    return task


@transaction.atomic
def task_confirm(*, task: Task, accept: bool, comment: str, by) -> Task:
    """Confirm the reported completion (the task is closed), or send it back with a comment."""
    task = _locked(task)
    if task.done_on is None:
        raise ApplicationError(_("The task has not been reported done."))
    if accept:
        task.confirmed_at, task.confirmed_by = timezone.now(), _user(by)
        task.save(update_fields=["confirmed_at", "confirmed_by"])
        _log(task, UpdateKind.CONFIRMED, by, text=comment.strip())
        message = _("The completion of “%(title)s” was confirmed.") % {"title": task.title}
        _tell(task, lead_people(task), NoticeKind.TASK_CONFIRMED, message, by)
        return task
    if not comment.strip():
        raise ApplicationError(_("Say what is still missing."), field="comment")
    task.done_on = None
    task.save(update_fields=["done_on"])
    _log(task, UpdateKind.REOPENED, by, text=comment.strip())
    message = _("“%(title)s” was sent back: %(comment)s") % {"title": task.title, "comment": comment.strip()}
    _tell(task, lead_people(task), NoticeKind.TASK_CONFIRMED, message, by)
    return task


def reminders_due(today: dt.date, days_before: int) -> list[tuple[Task, str]]:
    """The tasks to remind about today: "soon" when the deadline is 0 to `days_before` days away, "overdue"
    once it has passed; never for done (reported or confirmed) or regular tasks."""
    due = []
    open_tasks = Task.objects.filter(deadline__isnull=False, done_on__isnull=True, confirmed_at__isnull=True)
    for task in open_tasks.select_related("lead_department", "lead_association", "conference"):
        days = (task.deadline - today).days
        if 0 <= days <= days_before:
            due.append((task, "soon"))
        elif days < 0:
            due.append((task, "overdue"))
    return due


def task_reminders_send(*, today: dt.date, days_before: int) -> int:
    """A notice (and e-mail) to the lead unit's people: an association's officers, or the province
    officers for a state body. Each kind of reminder reaches a person once per task and deadline."""
    sent = 0
    for task, kind in reminders_due(today, days_before):
        if kind == "soon":
            text = _("Task “%(title)s” (%(lead)s) is due on %(deadline)s.")
        else:
            text = _("Task “%(title)s” (%(lead)s) is overdue: it was due on %(deadline)s.")
        text %= {"title": task.title, "lead": task.lead, "deadline": _d(task.deadline)}
        sent += _tell(
            task, lead_people(task), NoticeKind.TASK_REMINDER, text, None, key=f"task:{task.pk}:{kind}:{task.deadline}"
        )
    return sent


def tasks_reassign(*, sources: list[int], to, note: str, by) -> int:
    """A reorganisation's open tasks (inside the caller's transaction): those `sources` lead pass to
    `to`, with a line in their history; where the sources cooperate or are concerned, `to` joins them
    (they stay listed, as history). A task whose completion was confirmed stays as it was. Returns the
    tasks passed on."""
    open_tasks = Task.objects.filter(confirmed_at__isnull=True)
    led = list(open_tasks.filter(lead_association_id__in=sources).select_related("lead_association").order_by("pk"))
    for task in led:
        before = task.lead_association.name
        task.lead_association = to
        task.save(update_fields=["lead_association"])
        _log(task, UpdateKind.REASSIGNED, by, text=f"{before} → {to.name}: {note}")
    for relation in (Task.cooperating_associations, Task.associations):
        through = relation.through
        rows = through.objects.filter(association_id__in=sources, task__confirmed_at__isnull=True)
        tasks = set(rows.values_list("task_id", flat=True))
        through.objects.bulk_create(
            [through(task_id=t, association_id=to.pk) for t in sorted(tasks)], ignore_conflicts=True
        )
    return len(led)
