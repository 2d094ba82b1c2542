from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sohoi.geo.models import AdministrativeUnit
from sohoi.people.ethnicity import CODE_SYSTEM, ETHNIC_GROUPS


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Full date")
    YEAR = "year", _("Year only")


class Person(models.Model):
    """Người — a person, kept once however many roles they hold (leader, member, staff).

    Older people often know only their year of birth: ``birth_date`` then holds 1 January of that
    year and ``birth_precision`` says "year".
    """

    full_name = models.CharField(_("full name"), max_length=120)
    # Indexed in Meta: plain B-trees, which the search's prefix ranges use (db_index=True would add an
    # unused "_like" index on PostgreSQL, kept up to date on every insert).
    name_folded = models.CharField(max_length=120, editable=False)
    # The folded name with the given name first ("lan nguyen thi"), for search by given name.
    given_folded = models.CharField(max_length=120, editable=False, default="")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_precision = models.CharField(
        _("birth date precision"), max_length=4, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    cccd = models.CharField(_("CCCD number"), max_length=12, blank=True)
    # The old 9-digit identity card (chứng minh nhân dân), still what many older members' records give.
    # Not indexed: the matching compares it in DuckDB or Spark, and no page looks a person up by it.
    cmnd = models.CharField(_("CMND number"), max_length=9, blank=True, default="", db_default="")
    # Sensitive personal data (Law 91/2025/QH15): shown only where sohoi.members.rules allows.
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=ETHNIC_GROUPS, blank=True)
    ethnicity_code_system = models.CharField(max_length=20, default=CODE_SYSTEM, editable=False)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    address_commune = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("permanent address: commune"),
    )
    address_text = models.CharField(_("permanent address"), max_length=200, blank=True)
    # Set when this record was found to be another person's duplicate and merged into it: kept as an
    # alias (nothing points to it any more), so that the merge can be undone exactly.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="aliases", editable=False
    )

    class Meta:
        ordering = ["name_folded", "id"]
        indexes = [
            models.Index(fields=["cccd"], name="people_person_cccd_idx"),  # lookups by CCCD, any database
            models.Index(fields=["name_folded"], name="people_person_name_idx"),
            models.Index(fields=["given_folded"], name="people_person_given_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd"],
                condition=~Q(cccd=""),
                name="people_person_cccd_uniq",
                violation_error_message=_("A person with this CCCD number already exists."),
            ),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_display(self) -> str:
        if not self.birth_date:
            return ""
        if self.birth_precision == DatePrecision.YEAR:
            return str(self.birth_date.year)
        return self.birth_date.strftime("%d/%m/%Y")
