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
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships")
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

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self) -> str:
        return f"{self.association}: {self.min_age or '—'}–{self.max_age or '—'}"
