from django.db import models
from django.utils.translation import gettext_lazy as _

from sohoi.registry.models import ActivityField, ScopeLevel


class PeriodType(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("6-month")
    NINE_MONTHS = "nine_months", _("9-month")
    YEAR = "year", _("Annual")


class DeadlineKind(models.TextChoices):
    WORKING_DAYS_AFTER = "working_days", _("Working days after the cut-off")
    DAY_OF_LAST_MONTH = "day_of_month", _("A fixed day of the period's last month")


class ReportingRegime(models.Model):
    """Chế độ báo cáo — what is reported, by whom, how often, cut-off and deadline (Decree 09/2019 Art 7)."""

    title = models.CharField(_("title"), max_length=200)
    period_type = models.CharField(_("frequency"), max_length=12, choices=PeriodType.choices)
    deadline_kind = models.CharField(
        _("deadline rule"), max_length=14, choices=DeadlineKind.choices, default=DeadlineKind.WORKING_DAYS_AFTER
    )
    deadline_value = models.PositiveSmallIntegerField(
        _("deadline"), default=2, help_text=_("Number of working days, or the day of the month.")
    )
    only_assigned = models.BooleanField(_("only associations assigned tasks by the Party and State"), default=False)
    scope_level = models.CharField(_("scope"), max_length=12, choices=ScopeLevel.choices, blank=True)
    fields = models.ManyToManyField(ActivityField, blank=True, verbose_name=_("fields of activity"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("reporting regime")
        verbose_name_plural = _("reporting regimes")

    def __str__(self) -> str:
        return self.title


class ReportingPeriod(models.Model):
    """Kỳ báo cáo — one period of a regime, with the cut-off dates and deadline the law gives it."""

    regime = models.ForeignKey(ReportingRegime, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    starts_on = models.DateField(_("data from"))
    ends_on = models.DateField(_("data to"))
    due_on = models.DateField(_("due"))

    class Meta:
        ordering = ["regime", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["regime", "year", "number"], name="reporting_period_uniq")]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return f"{self.regime} {self.number}/{self.year} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"
