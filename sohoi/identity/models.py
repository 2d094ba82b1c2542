"""Who is the same person across the registers: candidate pairs found by a matching run, the reviewers'
decisions, and merges that can be undone."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sohoi.people.models import Person


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Matching")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    """One run of the matching over the registry: the job row its page polls."""

    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    step = models.CharField(max_length=100, blank=True)
    persons = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)  # scored above the lower threshold
    proposed = models.PositiveIntegerField(default=0)  # above the upper threshold: proposed for merging
    to_review = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"


class Decision(models.TextChoices):
    PENDING = "pending", _("To review")
    PROPOSED = "proposed", _("Proposed for merging")
    MERGED = "merged", _("Merged")
    REJECTED = "rejected", _("Not the same person")
    UNSURE = "unsure", _("Not sure")


class CandidatePair(models.Model):
    """Two person records a run found likely to be one person, with the evidence (each comparison's
    contribution) and what a reviewer decided. A rejected pair is never proposed again."""

    run = models.ForeignKey(MatchRun, on_delete=models.SET_NULL, null=True, related_name="pairs_found")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    match_weight = models.FloatField()
    evidence = models.JSONField(default=list)  # [[comparison, level, weight], …]
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="identity_pair_uniq"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="identity_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} {self.probability:.3f}"


class PersonMerge(models.Model):
    """A merge of `alias` into `survivor`: what moved and what each record held before, so that an
    unmerge restores both exactly."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    alias = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(CandidatePair, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    survivor_before = models.JSONField(default=dict)
    alias_before = models.JSONField(default=dict)
    moved = models.JSONField(default=dict)  # "app_label.model.field" → [ids]
    ended = models.JSONField(default=list)  # memberships ended as duplicates: [[id, left_on, left_reason]]
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.alias_id} → {self.survivor_id}"
