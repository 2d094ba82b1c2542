from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sohoi.registry.models import Association, Branch, EventKind, Position


class ProposalKind(models.TextChoices):
    """The reorganisations of Decree 126/2024 Art 32 (registry.law.SIDES says how many stand on each side)."""

    CONSOLIDATION = EventKind.CONSOLIDATION.value, _("Consolidation into a new association (hợp nhất)")
    MERGER = EventKind.MERGER.value, _("Merger into another (sáp nhập)")
    SPLIT = EventKind.SPLIT.value, _("Split (chia)")
    SEPARATION = EventKind.SEPARATION.value, _("Separation (tách)")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved by decision")
    REFUSED = "refused", _("Refused")
    EXECUTED = "executed", _("Carried out")


class Proposal(models.Model):
    """Đề án — the plan of a reorganisation, from the draft to the decision that approves it and its
    execution (sohoi.mergers.execute). Every step is audited."""

    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices)
    boundary_change = models.BooleanField(
        _("because administrative boundaries changed (Decree 126/2024 Art 32 k4)"), default=False
    )
    title = models.CharField(_("title"), max_length=300)
    sources = models.ManyToManyField(Association, related_name="proposals", verbose_name=_("associations reorganised"))
    reason = models.TextField(_("reason and necessity"), blank=True)
    charter = models.TextField(_("charter"), blank=True, help_text=_("The draft charter, or what changes in it."))
    members_plan = models.TextField(_("members"), blank=True)
    staff_plan = models.TextField(_("staff and quota"), blank=True)
    assets_finance = models.TextField(_("assets and finance"), blank=True)
    tasks_reports = models.TextField(_("open tasks and reports"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    # The approving decision, as the registry will record it on every side when the proposal is carried out.
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_authority = models.CharField(_("issuing authority"), max_length=200, blank=True)
    decision_signer = models.CharField(_("signed by"), max_length=100, blank=True)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    executed_at = models.DateTimeField(null=True, blank=True)
    executed_figures = models.JSONField(
        _("what was carried out"), default=dict, blank=True, help_text=_("Counted when it was carried out.")
    )
    batch = models.CharField(
        _("province merger"), max_length=100, blank=True, help_text=_("The proposals created together in one step.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reorganisation proposal")
        verbose_name_plural = _("reorganisation proposals")

    def __str__(self) -> str:
        return self.title


class ProposalResult(models.Model):
    """An association the reorganisation results in: a new one (its name and headquarters here, created
    on execution) or, for a merger, the existing one that receives the others."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="results")
    name = models.CharField(_("name"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    hq_commune = models.ForeignKey(
        "geo.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("headquarters commune"),
    )
    hq_street = models.CharField(_("headquarters address"), max_length=200, blank=True)
    association = models.ForeignKey(
        Association,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposed_as_result",
        verbose_name=_("association"),
        help_text=_("For a merger, the association that receives the others; set on execution for a new one."),
    )

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = _("resulting association")

    def __str__(self) -> str:
        return self.association.name if self.association_id else self.name


class BranchAction(models.TextChoices):
    KEEP = "keep", _("Kept")
    MERGE = "merge", _("Merged into another branch")


class BranchPlan(models.Model):
    """What becomes of one branch of a source: kept under the result (perhaps renamed), or merged into
    another branch (its members move there and it closes)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="branch_plans")
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+", verbose_name=_("branch"))
    action = models.CharField(_("what happens"), max_length=8, choices=BranchAction.choices, default=BranchAction.KEEP)
    into = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("merged into")
    )
    new_name = models.CharField(_("new name"), max_length=200, blank=True)
    result = models.ForeignKey(
        ProposalResult, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("goes to")
    )

    class Meta:
        ordering = ["proposal", "branch__commune__name", "branch__name", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "branch"], name="mergers_one_plan_a_branch")]

    def __str__(self) -> str:
        return f"{self.branch}: {self.get_action_display()}"


class InterimLeader(models.Model):
    """A member of the interim leadership the proposal names (checked against the leader age rules)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="interim_leaders")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)

    class Meta:
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_position_display()}"


class ProposalComment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ProposalDocument(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="proposals/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Carrying out")
    DONE = "done", _("Done")
    FAILED = "failed", _("Stopped")


class BatchRun(models.Model):
    """The approved proposals of a batch — or one large proposal — carried out by the worker, one after
    another, each whole: the row the province page (or the proposal's page) polls for progress."""

    batch = models.CharField(_("province merger"), max_length=100, blank=True)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="runs", help_text=_("A run of one.")
    )
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.batch}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
