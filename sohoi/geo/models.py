from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (until 30/06/2025)")
    COMMUNE = "commune", _("Commune")


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính — a province, a (former) district or a commune, effective-dated.

    Codes are strings as Decision 19/2025/QĐ-TTg writes them (2-digit provinces, 5-digit
    communes; 3-digit for the districts that ended on 30/06/2025). A unit with ``valid_to`` set is
    historical; ``successors`` says what replaced it.
    """

    code = models.CharField(_("code"), max_length=5)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=40)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="geo_unit_level_code_uniq")]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self) -> str:
        return self.name

    @property
    def is_historical(self) -> bool:
        return self.valid_to is not None


class UnitSuccession(models.Model):
    """Old → new mapping of administrative units (e.g. Bắc Kạn 06 → Thái Nguyên 19 on 01/07/2025)."""

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="geo_succession_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
