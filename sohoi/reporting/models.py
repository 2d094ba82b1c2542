from django.db import models
from django.utils.translation import gettext_lazy as _

from sohoi.core.docx import parent_body, province_name
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
    associations = models.ManyToManyField(
        "registry.Association",
        blank=True,
        related_name="+",
        verbose_name=_("only these associations"),
        help_text=_("Leave empty for every association the other conditions select."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("reporting regime")
        verbose_name_plural = _("reporting regimes")

    def __str__(self) -> str:
        return self.title

    @property
    def form(self) -> "ReportForm | None":
        """The form in force: the latest version (periods keep the version they were generated with)."""
        return self.forms.order_by("-version").first()


class ReportingPeriod(models.Model):
    """Kỳ báo cáo — one period of a regime, with the cut-off dates and deadline the law gives it."""

    regime = models.ForeignKey(ReportingRegime, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    starts_on = models.DateField(_("data from"))
    ends_on = models.DateField(_("data to"))
    due_on = models.DateField(_("due"))
    # The version of the regime's form this period is reported on: set when the period is generated,
    # moved to a newer version only while the period has no report.
    form = models.ForeignKey("ReportForm", null=True, on_delete=models.PROTECT, related_name="periods")

    class Meta:
        ordering = ["regime", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["regime", "year", "number"], name="reporting_period_uniq")]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return f"{self.regime} {self.number}/{self.year} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Number")
    MONEY = "money", _("Amount (VND)")
    TEXT = "text", _("Text section")


class Prefill(models.TextChoices):
    """Where the registry already knows the answer, as of the period's cut-off date."""

    NONE = "", _("Filled in by the association")
    MEMBERS = "members", _("Members on the cut-off date")
    NEW_MEMBERS = "new_members", _("Members who joined in the period")
    WOMEN = "women", _("Women members on the cut-off date")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic-minority members on the cut-off date")
    BRANCHES = "branches", _("Branches on the cut-off date")
    ACTIVITIES = "activities", _("Activities of the period (register)")
    BENEFICIARIES = "beneficiaries", _("Persons helped in the period (register)")
    MONEY_RAISED = "money_raised", _("Money raised in the period (register)")
    LEGAL_SESSIONS = "legal_sessions", _("Legal dissemination sessions of the period (register)")
    DIGITAL_ACTIVITIES = "digital_activities", _("Digital transformation activities of the period (register)")
    PRODUCTION_MEMBERS = "production_members", _("Members in production models running in the period (register)")


class ReportForm(models.Model):
    """Mẫu báo cáo — the indicators and text sections a regime asks for, and their checks. Versioned:
    a form that has reports is never changed; an edit makes the next version (reporting.configuration)."""

    regime = models.ForeignKey(ReportingRegime, on_delete=models.CASCADE, related_name="forms")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["regime", "version"]
        constraints = [models.UniqueConstraint(fields=["regime", "version"], name="reporting_form_version_uniq")]
        verbose_name = _("report form")

    def __str__(self) -> str:
        return f"{self.regime} (v{self.version})"


class Indicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.NUMBER)
    prefill = models.CharField(_("pre-filled from"), max_length=20, choices=Prefill.choices, blank=True)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["form", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="reporting_indicator_code_uniq")]

    def __str__(self) -> str:
        return self.label


class Operator(models.TextChoices):
    LTE = "lte", "≤"
    GTE = "gte", "≥"
    EQ = "eq", "="


class ValidationRule(models.Model):
    """A check between two indicators, as data: e.g. women ≤ members, new members ≤ members."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rules")
    left = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    operator = models.CharField(max_length=3, choices=Operator.choices)
    right = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.left.code} {self.get_operator_display()} {self.right.code}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


class Report(models.Model):
    """One association's report for one period. State changes go through sohoi.reporting.services."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    association = models.ForeignKey("registry.Association", on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    values = models.JSONField(_("values"), default=dict)
    revision = models.PositiveIntegerField(default=0, help_text="Bumped on every save: a stale save is refused.")
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "association"], name="reporting_report_uniq")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.association} — {self.period}"


class ReportVersion(models.Model):
    """Every submitted version is kept, for comparison."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    values = models.JSONField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reporting_version_uniq")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ConsolidatedReport(models.Model):
    """The province's own report for a period: its document number, narrative and signer. The figures
    are not stored: they are read from the accepted reports each time (sohoi.reporting.selectors)."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="consolidated")
    parent_body = models.CharField(_("parent body"), max_length=100, default=parent_body)
    place = models.CharField(_("place"), max_length=60, default=province_name)
    number = models.CharField(_("document number"), max_length=40, blank=True, help_text=_("For example 125/BC-SNV."))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    narrative = models.TextField(
        _("the province's narrative"), blank=True, help_text=_("One paragraph per line. Leave empty for a draft.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, default="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    signer_name = models.CharField(_("signer"), max_length=100, blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consolidated report")

    def __str__(self) -> str:
        return f"{self.number or '…'} — {self.period}"
