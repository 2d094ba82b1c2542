from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sohoi.conferences import exports, selectors, services
from sohoi.conferences.forms import (
    ConferenceForm,
    DepartmentForm,
    DoneForm,
    ExtensionForm,
    ProgressForm,
    ReviewForm,
    TaskFilterForm,
    TaskForm,
)
from sohoi.conferences.models import Department
from sohoi.conferences.status import TaskStatus, task_status
from sohoi.core.errors import add_to_form
from sohoi.core.views import attachment, check_perm, require_perm


@login_required
def board(request):
    """ "My tasks": the tasks of one unit in columns by status. An association officer sees their
    association's; a province officer starts on the Department of Home Affairs' and can pick any unit."""
    today = timezone.localdate()
    tasks = selectors.task_list_for_user(request.user)
    units = selectors.unit_choices(tasks)
    unit = request.GET.get("unit")
    if unit is None and request.user.has_perm("conferences.review_task"):
        home = Department.objects.filter(is_home_affairs=True).first()
        unit = f"d{home.pk}" if home else ""
    if unit:
        tasks = selectors.unit_filter(tasks, unit)
    rows = selectors.with_status(tasks, today)
    columns = [(s, s.label, [r for r in rows if r.status == s]) for s in TaskStatus]
    return render(
        request,
        "conferences/board.html",
        {"columns": columns, "units": units, "unit": unit or "", "total": len(rows)},
    )


@login_required
@require_perm("conferences.view_overview")
def overview_page(request):
    today = timezone.localdate()
    tasks = selectors.task_list_for_user(request.user)
    form = TaskFilterForm(
        request.GET or None,
        conferences=selectors.conference_list_for_user(request.user),
        units=selectors.unit_choices(tasks),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("conference"):
        tasks = tasks.filter(conference=filters["conference"])
    if filters.get("unit"):
        tasks = selectors.unit_filter(tasks, filters["unit"])
    rows = selectors.filtered(
        selectors.with_status(tasks, today),
        status=filters.get("status") or "",
        due_within=filters.get("due_within"),
        today=today,
    )
    summary = selectors.overview(rows)
    return render(
        request,
        "conferences/overview.html",
        {"form": form, "rows": rows, "o": summary, "statuses": list(TaskStatus)},
    )


@login_required
def conference_list(request):
    conferences = selectors.conference_list_for_user(request.user).prefetch_related("tasks")
    return render(
        request,
        "conferences/conference_list.html",
        {"conferences": conferences, "can_add": request.user.has_perm("conferences.add_conference")},
    )


@login_required
@require_perm("conferences.add_conference")
@require_http_methods(["GET", "POST"])
def conference_create(request):
    form = ConferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = services.ConferenceData(
            **{k: v for k, v in form.cleaned_data.items() if k not in ("conclusions", "departments", "associations")},
            departments=list(form.cleaned_data["departments"]),
            associations=list(form.cleaned_data["associations"]),
            conclusions=form.cleaned_data["conclusions"].splitlines(),
        )
        try:
            conference = services.conference_create(data=data, by=request.user)
            messages.success(request, _("The conference was recorded."))
            return redirect("conferences:conference", conference.pk)
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "conferences/conference_form.html", {"form": form})


@login_required
def conference_detail(request, pk):
    conference = selectors.conference_get_for_user(request.user, pk)
    today = timezone.localdate()
    tasks = (
        selectors.task_list_for_user(request.user)
        .filter(conference=conference)
        .prefetch_related("cooperating_departments", "cooperating_associations")
    )
    rows = selectors.with_status(tasks.select_related("conclusion"), today)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.tasks_xlsx(conference, rows), f"nhiem-vu-{conference.held_on:%Y%m%d}.xlsx")
    if request.GET.get("format") == "docx":
        return attachment(
            exports.tasks_docx(conference, rows, today), f"bao-cao-nhiem-vu-{conference.held_on:%Y%m%d}.docx"
        )
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "rows": rows,
            "o": selectors.overview(rows),
            "can_add": request.user.has_perm("conferences.add_conference"),
        },
    )


@login_required
def notice_file(request, pk):
    conference = selectors.conference_get_for_user(request.user, pk)
    if not conference.notice_file:
        raise Http404
    name = conference.notice_file.name.rsplit("/", 1)[-1]
    return FileResponse(conference.notice_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_perm("conferences.add_conference")
@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    conference = selectors.conference_get_for_user(request.user, pk)
    form = TaskForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        data = services.TaskData(
            **{
                k: (list(v) if k in ("cooperating_departments", "cooperating_associations", "associations") else v)
                for k, v in form.cleaned_data.items()
            }
        )
        try:
            services.task_create(conference=conference, data=data, by=request.user)
            messages.success(request, _("The task was assigned."))
            return redirect("conferences:conference", conference.pk)
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "conferences/task_form.html", {"form": form, "conference": conference})


ACTIONS = {
    # action: (permission, form class, form prefix)
    "progress": ("conferences.post_progress", ProgressForm, "progress"),
    "extension": ("conferences.act_as_lead", ExtensionForm, "extension"),
    "done": ("conferences.act_as_lead", DoneForm, "done"),
    "grant": ("conferences.review_task", ReviewForm, "review"),
    "refuse": ("conferences.review_task", ReviewForm, "review"),
    "confirm": ("conferences.review_task", ReviewForm, "review"),
    "reopen": ("conferences.review_task", ReviewForm, "review"),
}


def _run(action, task, data, user):
    if action == "progress":
        return services.task_progress(task=task, text=data["text"], percent=data["percent"], file=data["file"], by=user)
    if action == "extension":
        return services.task_extension_ask(task=task, new_deadline=data["new_deadline"], reason=data["reason"], by=user)
    if action == "done":
        return services.task_report_done(
            task=task, result=data["result"], done_on=data["done_on"], file=data["file"], by=user
        )
    if action in ("grant", "refuse"):
        return services.task_extension_decide(task=task, grant=action == "grant", comment=data["comment"], by=user)
    return services.task_confirm(task=task, accept=action == "confirm", comment=data["comment"], by=user)


MESSAGES = {
    "progress": gettext_lazy("Progress was recorded."),
    "extension": gettext_lazy("The extension was asked for."),
    "done": gettext_lazy("The task was reported done; the Department of Home Affairs will confirm it."),
    "grant": gettext_lazy("The extension was granted."),
    "refuse": gettext_lazy("The extension was refused."),
    "confirm": gettext_lazy("The completion was confirmed."),
    "reopen": gettext_lazy("The task was sent back."),
}


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request, pk):
    task = selectors.task_get_for_user(request.user, pk)
    forms = {prefix: form_class(prefix=prefix) for _perm, form_class, prefix in ACTIONS.values()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise PermissionDenied
        perm, form_class, prefix = ACTIONS[action]
        check_perm(request.user, perm, task)
        form = forms[prefix] = form_class(request.POST, request.FILES, prefix=prefix)
        if form.is_valid():
            try:
                _run(action, task, form.cleaned_data, request.user)
                messages.success(request, str(MESSAGES[action]))
                return redirect("conferences:task", task.pk)
            except ValidationError as error:
                add_to_form(form, error)
    today = timezone.localdate()
    user = request.user
    return render(
        request,
        "conferences/task_detail.html",
        {
            "task": task,
            "status": TaskStatus(task_status(task, today)),
            "updates": task.updates.select_related("author"),
            "forms": forms,
            "cooperating": [*task.cooperating_departments.all(), *task.cooperating_associations.all()],
            "can_progress": user.has_perm("conferences.post_progress", task) and not task.confirmed_at,
            "can_lead": user.has_perm("conferences.act_as_lead", task) and not task.confirmed_at,
            "can_review": user.has_perm("conferences.review_task", task) and not task.confirmed_at,
        },
    )


@login_required
def update_file(request, pk, update_pk):
    task = selectors.task_get_for_user(request.user, pk)
    update = get_object_or_404(task.updates, pk=update_pk)
    if not update.file:
        raise Http404
    return FileResponse(update.file.open("rb"), as_attachment=True, filename=update.file.name.rsplit("/", 1)[-1])


@login_required
@require_perm("conferences.add_conference")
@require_http_methods(["GET", "POST"])
def department_list(request):
    """The state bodies that lead or cooperate on tasks; the province officer adds new ones."""
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_create(by=request.user, **form.cleaned_data)
            messages.success(request, _("The body was added."))
            return redirect("conferences:departments")
        except ValidationError as error:
            add_to_form(form, error)
    return render(request, "conferences/departments.html", {"form": form, "departments": Department.objects.all()})
