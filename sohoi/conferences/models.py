from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A state body that leads or cooperates on tasks: the Department of Home Affairs, another department,
    the People's Committee. Associations take part as themselves (registry.Association)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_home_affairs = models.BooleanField(
        _("Department of Home Affairs"), default=False, help_text=_("Province officers act for this body.")
    )

    class Meta:
        ordering = ["-is_home_affairs", "name"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name


class Conference(models.Model):
    """A conference or meeting whose conclusions assign tasks (hội nghị, cuộc họp)."""

    held_on = models.DateField(_("date"))
    title = models.CharField(_("conference title"), max_length=300)
    chair = models.CharField(_("chaired by"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    departments = models.ManyToManyField(Department, blank=True, related_name="conferences", verbose_name=_("bodies"))
    associations = models.ManyToManyField(
        "registry.Association", blank=True, related_name="conferences", verbose_name=_("associations")
    )
    notice_number = models.CharField(_("conclusion notice number"), max_length=60, blank=True)
    notice_date = models.DateField(_("conclusion notice date"), null=True, blank=True)
    notice_file = models.FileField(_("conclusion notice (file)"), upload_to="conferences/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("conference")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Conclusion(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("conclusion"))

    class Meta:
        ordering = ["conference", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Rhythm(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Every 6 months")
    YEAR = "year", _("Yearly")


class Task(models.Model):
    """A task a conclusion gives. Its status is never stored: sohoi.conferences.status derives it from
    the deadline, the progress and the confirmed completion date."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tasks")
    conclusion = models.ForeignKey(
        Conclusion, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks", verbose_name=_("conclusion")
    )
    title = models.CharField(_("task"), max_length=400)
    details = models.TextField(_("details"), blank=True)
    lead_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="led_tasks"
    )
    lead_association = models.ForeignKey(
        "registry.Association", null=True, blank=True, on_delete=models.PROTECT, related_name="led_tasks"
    )
    cooperating_departments = models.ManyToManyField(Department, blank=True, related_name="cooperating_tasks")
    cooperating_associations = models.ManyToManyField(
        "registry.Association", blank=True, related_name="cooperating_tasks"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    requested_deadline = models.DateField(_("extension asked until"), null=True, blank=True)
    rhythm = models.CharField(
        _("reporting rhythm of a regular task"), max_length=10, choices=Rhythm.choices, blank=True
    )
    associations = models.ManyToManyField(
        "registry.Association", blank=True, related_name="related_tasks", verbose_name=_("related associations")
    )
    period = models.ForeignKey(
        "reporting.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("related report period"),
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    last_update_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lead_department__isnull=True, lead_association__isnull=False)
                | models.Q(lead_department__isnull=False, lead_association__isnull=True),
                name="task_one_lead",
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="task_percent_lte_100"),
        ]
        verbose_name = _("task")

    def __str__(self) -> str:
        return self.title

    @property
    def lead(self):
        return self.lead_department or self.lead_association


class UpdateKind(models.TextChoices):
    CREATED = "created", _("Assigned")
    PROGRESS = "progress", _("Progress")
    EXTENSION_ASKED = "extension_asked", _("Extension asked")
    EXTENSION_GRANTED = "extension_granted", _("Extension granted")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused")
    DONE = "done", _("Reported done")
    CONFIRMED = "confirmed", _("Completion confirmed")
    REOPENED = "reopened", _("Completion not confirmed")
    REASSIGNED = "reassigned", _("Passed to another unit")


class TaskUpdate(models.Model):
    """The history of a task: progress, extension requests and answers, completion and its confirmation."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    text = models.TextField(_("text"), blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    file = models.FileField(_("attached file"), upload_to="tasks/%Y/", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.task} — {self.get_kind_display()}"
