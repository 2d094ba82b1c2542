from django.db import models
from django.utils.translation import gettext_lazy as _


class QuotaDecision(models.Model):
    """Biên chế — the staffing quota of an association assigned tasks by the Party and State for a year,
    from a decision. A later decision for the same year replaces the earlier one."""

    association = models.ForeignKey("registry.Association", on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("year"))
    quota = models.IntegerField(_("quota"))
    number = models.CharField(_("decision number"), max_length=60)
    issued_on = models.DateField(_("decision date"))
    authority = models.CharField(_("issued by"), max_length=200, default="UBND tỉnh")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["association", "-year", "-issued_on", "-id"]
        verbose_name = _("staffing quota decision")

    def __str__(self) -> str:
        return f"{self.association} {self.year}: {self.quota}"


class StaffKind(models.TextChoices):
    QUOTA = "quota", _("Within the quota")
    CONTRACT = "contract", _("Labour contract")
    RETIRED = "retired", _("Retired cadre")


class StaffPosition(models.TextChoices):
    CHAIRMAN = "chairman", _("Full-time chairman")
    VICE_CHAIRMAN = "vice_chairman", _("Full-time vice chairman")
    OFFICE_HEAD = "office_head", _("Head of office")
    SPECIALIST = "specialist", _("Specialist")
    ACCOUNTANT = "accountant", _("Accountant")
    OTHER = "other", _("Other")


class Staff(models.Model):
    """One person's work at an association: from `starts_on` to `ends_on` (open while working)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="staff_records")
    association = models.ForeignKey("registry.Association", on_delete=models.PROTECT, related_name="staff")
    position = models.CharField(_("position"), max_length=16, choices=StaffPosition.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=StaffKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    salary_grade = models.CharField(_("salary grade"), max_length=30, blank=True)
    transfer = models.ForeignKey(
        "Transfer", null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_records"
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The record at a reorganised association that this one continues (sohoi.mergers.execute).",
    )

    class Meta:
        ordering = ["association", "starts_on", "id"]
        indexes = [models.Index(fields=["association", "kind"], name="staff_assoc_kind")]
        verbose_name = _("staff")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"


class CourseKind(models.TextChoices):
    POLITICAL = "political", _("Political theory")
    STATE_MANAGEMENT = "state_management", _("State management")
    PROFESSIONAL = "professional", _("Professional skills")
    IT = "it", _("Information technology")


class Course(models.Model):
    name = models.CharField(_("course"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    organiser = models.CharField(_("organiser"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("training course")

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%m/%Y})"


class Attendance(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="trainings")
    certificate = models.CharField(_("certificate"), max_length=60, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="attendance_uniq")]

    def __str__(self) -> str:
        return f"{self.person} — {self.course}"


class TrainingRequirement(models.Model):
    """The training a position requires, as data (e.g. a full-time chairman: political theory and state
    management)."""

    position = models.CharField(_("position"), max_length=16, choices=StaffPosition.choices)
    kind = models.CharField(_("training"), max_length=20, choices=CourseKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["position", "kind"], name="training_requirement_uniq")]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.get_kind_display()}"


class TransferKind(models.TextChoices):
    ROTATION = "rotation", _("Rotation (luân chuyển)")
    TRANSFER = "transfer", _("Transfer (điều động)")


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    REFUSED = "refused", _("Refused")


class Transfer(models.Model):
    """A proposal to move a staff member to another association, its decision and the position change."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="transfers")
    to_association = models.ForeignKey(
        "registry.Association", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    to_position = models.CharField(_("new position"), max_length=16, choices=StaffPosition.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=TransferKind.choices)
    reason = models.TextField(_("reason"))
    proposed_on = models.DateField(_("proposed on"))
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.PROPOSED)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        verbose_name = _("rotation or transfer")

    def __str__(self) -> str:
        return f"{self.staff.person} → {self.to_association}"


class LeaderAgeRule(models.Model):
    """An age and term rule for the leaders of associations assigned tasks by the Party and State, as
    data. Seeded with KL 32-KL/TW of 30/03/2022."""

    source = models.CharField(_("source"), max_length=200)
    max_age = models.PositiveSmallIntegerField(_("maximum age at first nomination or re-election"))
    chairman_max_age = models.PositiveSmallIntegerField(_("maximum age of a chairman, as an exception"))
    chairman_max_terms = models.PositiveSmallIntegerField(_("maximum consecutive terms of a chairman"))
    only_assigned = models.BooleanField(_("only associations assigned tasks by the Party and State"), default=True)

    class Meta:
        verbose_name = _("leader age rule")

    def __str__(self) -> str:
        return self.source
