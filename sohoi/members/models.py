from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sohoi.people.models import Person
from sohoi.registry.models import Association, Branch


class MemberType(models.TextChoices):
    """Decree 126/2024 Art 17 / Decree 45/2010 Art 15–17: official, associate, honorary members."""

    OFFICIAL = "official", _("Official member")
    ASSOCIATE = "associate", _("Associate member")
    HONORARY = "honorary", _("Honorary member")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    ENDED = "ended", _("Left")
    FUTURE = "future", _("Joins later")


class Membership(models.Model):
    """Hội viên — a person's membership of an association (and maybe one of its branches).

    Its status is not stored: it follows from ``joined_on`` and ``left_on`` on the day it is read
    (``sohoi.members.selectors.with_status``).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    # No index of its own: members_assoc_left_idx starts with it (one index fewer to keep up on every insert).
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships", db_index=False)
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships", verbose_name=_("branch")
    )
    member_type = models.CharField(
        _("member type"), max_length=10, choices=MemberType.choices, default=MemberType.OFFICIAL
    )
    member_number = models.CharField(_("member number"), max_length=30, blank=True)
    role = models.CharField(_("role in the association"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    eligibility_exception = models.BooleanField(
        _("admitted under the charter's exception"),
        default=False,
        help_text=_("For example a person of 55–59 admitted to the Elderly Association because they are active."),
    )
    # Carried by a reorganisation (sohoi.mergers.execute): the source's membership ends on the event's
    # day with the event as its reason, `carried_to` the result's membership, which keeps the original
    # joining date as `member_since`. No indexes: never looked up by them, and every index costs a
    # million-row import its rebuild.
    member_since = models.DateField(_("member since"), null=True, blank=True)
    left_event = models.ForeignKey(
        "registry.LegalEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("event"),
        db_index=False,
    )
    carried_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_from", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["association", "person__name_folded", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")), name="members_left_after_joined"
            ),
            models.UniqueConstraint(
                fields=["person", "association"], condition=Q(left_on__isnull=True), name="members_one_open_membership"
            ),
        ]
        indexes = [
            models.Index(fields=["association", "left_on"], name="members_assoc_left_idx"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} — {self.association}"


class EligibilityRule(models.Model):
    """Who may join, as the association's charter says (age at joining). Data, not code."""

    association = models.OneToOneField(Association, on_delete=models.CASCADE, related_name="eligibility_rule")
    min_age = models.PositiveSmallIntegerField(_("minimum age at joining"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age at joining"), null=True, blank=True)
    exception_min_age = models.PositiveSmallIntegerField(
        _("minimum age by exception"),
        null=True,
        blank=True,
        help_text=_("Below the minimum age but at least this age: admitted only as a charter exception."),
    )
    exception_note = models.CharField(_("exception condition"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    effective_from = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_(
            "The date the charter decision that introduced the rule took effect: members who joined before "
            "it are not judged by it."
        ),
    )

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self) -> str:
        return f"{self.association}: {self.min_age or '—'}–{self.max_age or '—'}"


class ImportMode(models.TextChoices):
    VALID_ONLY = "valid_only", _("Import only the valid rows")
    ALL_OR_NOTHING = "all_or_nothing", _("Import nothing until every row is right")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    CHECKING = "checking", _("Checking the rows")
    CHECKED = "checked", _("Checked: waiting for confirmation")
    IMPORTING = "importing", _("Writing the rows")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class MemberImport(models.Model):
    """One upload of a member list: the job row the page polls for progress."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="member_imports")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file"), max_length=200)
    mode = models.CharField(_("mode"), max_length=16, choices=ImportMode.choices, default=ImportMode.VALID_ONLY)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    invalid_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    ignored_columns = models.JSONField(default=list, blank=True)
    # Every titled column of the header: [title, field or ""] — what the mapping step offers.
    columns = models.JSONField(default=list, blank=True)
    skipped_rows = models.JSONField(default=list, blank=True)  # row numbers that are not member data
    warning_rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.association})"

    @property
    def percent(self) -> int:
        if self.status in (ImportStatus.CHECKED, ImportStatus.DONE):
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ImportProblem(models.Model):
    """One problem of one row of an upload: row, column, value, what was expected."""

    member_import = models.ForeignKey(MemberImport, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField(_("row"))
    column = models.CharField(_("column"), max_length=100)
    value = models.CharField(_("value"), max_length=200)
    message = models.CharField(_("expected"), max_length=400)
    warning = models.BooleanField(default=False)  # a warning keeps the row valid (a CCCD restored, say)

    class Meta:
        ordering = ["row", "id"]

    def __str__(self) -> str:
        return f"{self.row} {self.column}: {self.message}"


class ColumnMapping(models.Model):
    """A column title of an association's member lists that an officer mapped to a field on the import
    page; remembered for the association's next uploads."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="column_mappings")
    header_key = models.CharField(max_length=200)  # the title folded (importing.columns.header_key)
    field = models.CharField(max_length=30)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["association", "header_key"], name="members_column_mapping_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.header_key} → {self.field}"


class IdentityConflict(models.Model):
    """A CCCD given for a person whose name or birth date differs from the person registered under it.
    Nothing was attached; the province officers check it (their queue)."""

    cccd = models.CharField(_("CCCD number"), max_length=12)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered person"))
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    typed_name = models.CharField(_("name given"), max_length=120)
    typed_birth = models.CharField(_("birth date given"), max_length=20, blank=True)
    member_import = models.ForeignKey(MemberImport, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    row = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(_("what was found"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("identity conflict")
        verbose_name_plural = _("identity conflicts")

    def __str__(self) -> str:
        return f"{self.cccd}: {self.typed_name}"
