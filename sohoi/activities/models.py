from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    CHARITY = "charity", _("Charity and humanitarian aid")
    MUTUAL_HELP = "mutual_help", _("Mutual help in life and production")
    STUDY = "study", _("Study and talent promotion")
    PRODUCTION_MODEL = "production_model", _("Production model linked to a value chain")
    LEGAL = "legal", _("Legal dissemination")
    DIGITAL = "digital", _("Digital transformation")
    CULTURE = "culture", _("Traditions and culture")
    OTHER = "other", _("Other")


class Activity(models.Model):
    """Hoạt động — one thing an association (or one of its branches) did: a charity drive, a legal
    session, a production model… with who took part, who benefited and the money raised and given.
    A production model keeps its members (persons of the member register) and its product."""

    association = models.ForeignKey("registry.Association", on_delete=models.PROTECT, related_name="activities")
    branch = models.ForeignKey(
        "registry.Branch", null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    commune = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    beneficiaries = models.PositiveIntegerField(_("persons helped"), default=0)
    households = models.PositiveIntegerField(_("households helped"), default=0)
    money_raised = models.PositiveBigIntegerField(_("money raised (đồng)"), default=0)
    money_given = models.PositiveBigIntegerField(_("money given (đồng)"), default=0)
    in_kind_value = models.PositiveBigIntegerField(_("value in kind (đồng)"), default=0)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    product = models.CharField(_("product, value chain"), max_length=200, blank=True)
    members = models.ManyToManyField("people.Person", blank=True, related_name="activities", verbose_name=_("members"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["association", "starts_on"], name="activity_assoc_day_idx")]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title
