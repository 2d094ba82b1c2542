from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sohoi.geo.models import AdministrativeUnit
from sohoi.people.models import Person


class ScopeLevel(models.TextChoices):
    """Decree 126/2024/NĐ-CP Art 4; the district level ended on 01/07/2025 and stays only as history."""

    NATIONAL = "national", _("National / inter-provincial")
    PROVINCIAL = "provincial", _("Provincial")
    DISTRICT = "district", _("District (historical)")
    COMMUNE = "commune", _("Commune")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Being founded")
    PERMITTED = "permitted", _("Permitted, awaiting congress")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    DISSOLVED = "dissolved", _("Dissolved")
    CEASED = "ceased", _("Ceased (split, merged or consolidated)")


class EventKind(models.TextChoices):
    ESTABLISHMENT_PERMIT = "establishment_permit", _("Establishment permit")
    FOUNDING_CONGRESS = "founding_congress", _("Founding congress")
    CHARTER_APPROVAL = "charter_approval", _("Charter approval")
    TERM_CONGRESS = "term_congress", _("Term congress")
    RENAME = "rename", _("Rename")
    CHARTER_AMENDMENT = "charter_amendment", _("Charter amendment")
    HQ_CHANGE = "hq_change", _("Headquarters change")
    SUSPENSION = "suspension", _("Suspension")
    RESUMPTION = "resumption", _("Resumption")
    DISSOLUTION = "dissolution", _("Dissolution")
    SPLIT = "split", _("Split (chia)")
    SEPARATION = "separation", _("Separation (tách)")
    MERGER = "merger", _("Merger into another (sáp nhập)")
    CONSOLIDATION = "consolidation", _("Consolidation into a new association (hợp nhất)")


class LineageRole(models.TextChoices):
    SOURCE = "source", _("Source")
    TARGET = "target", _("Result")


class ActivityField(models.Model):
    """Lĩnh vực hoạt động — a field an association works in."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")

    def __str__(self) -> str:
        return self.name


class Association(models.Model):
    """Hội — an association registered with the province.

    ``status`` is derived from the legal events by ``sohoi.registry.law.derive_status`` and written
    only by ``sohoi.registry.services.legal_event_record``; it is stored so that lists can filter on it.
    """

    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    scope_level = models.CharField(_("scope"), max_length=12, choices=ScopeLevel.choices, default=ScopeLevel.PROVINCIAL)
    fields = models.ManyToManyField(
        ActivityField, blank=True, related_name="associations", verbose_name=_("fields of activity")
    )
    managing_agency = models.CharField(_("managing sector agency"), max_length=200, blank=True)
    is_assigned_tasks = models.BooleanField(
        _("assigned tasks by the Party and State"),
        default=False,
        help_text=_("Such associations get a state staffing quota and funding."),
    )
    hq_commune = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("headquarters commune"),
    )
    hq_street = models.CharField(_("headquarters address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    functions = models.TextField(_("functions"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    central_association = models.CharField(_("central association"), max_length=200, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term length (years)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the province's default."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_folded", "id"]
        constraints = [
            # Decree 126/2024 Art 10: a new association's name may not repeat a living one's.
            models.UniqueConstraint(
                fields=["name"],
                condition=~Q(status__in=["dissolved", "ceased"]),
                name="registry_living_association_name_uniq",
                violation_error_message=_("An association with this name already exists."),
            ),
        ]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self) -> str:
        return self.name

    @property
    def hq_address(self) -> str:
        return ", ".join(part for part in [self.hq_street, str(self.hq_commune or "")] if part)


class Decision(models.Model):
    """Quyết định — the decision that backs a legal event (one decision may back several events)."""

    number = models.CharField(_("decision number"), max_length=50)
    issued_on = models.DateField(_("decision date"))
    authority = models.CharField(_("issuing authority"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=100, blank=True)
    file = models.FileField(_("scanned file"), upload_to="decisions/%Y/", blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class LegalEvent(models.Model):
    """Sự kiện pháp lý — one step of an association's legal life, backed by a decision."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=24, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="events", verbose_name=_("decision"))
    lineage_role = models.CharField(
        _("role in the reorganisation"), max_length=6, choices=LineageRole.choices, blank=True
    )
    old_value = models.CharField(_("before"), max_length=300, blank=True)
    new_value = models.CharField(_("after"), max_length=300, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.association} ({self.occurred_on:%d/%m/%Y})"


class AssociationLink(models.Model):
    """Lineage: ``predecessor`` went (wholly or partly) into ``successor`` through ``event``."""

    predecessor = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "kind"], name="registry_link_uniq"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="registry_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Term(models.Model):
    """Nhiệm kỳ — the term a congress opens; term 1 starts at the founding congress."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term"))
    congress = models.OneToOneField(LegalEvent, on_delete=models.CASCADE, related_name="term")
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        ordering = ["association", "-number"]
        constraints = [models.UniqueConstraint(fields=["association", "number"], name="registry_term_uniq")]

    def __str__(self) -> str:
        return f"{self.number} ({self.starts_on:%Y}–{self.ends_on:%Y})"


class Position(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice_chairman", _("Vice chairman")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    STANDING_BOARD = "standing_board", _("Standing board member")
    EXECUTIVE_BOARD = "executive_board", _("Executive board member")
    INSPECTION_HEAD = "inspection_head", _("Head of the inspection board")
    INSPECTION_MEMBER = "inspection_member", _("Inspection board member")


class LeadershipRole(models.Model):
    """A person's position in a term's leadership (ban lãnh đạo, BCH, ban kiểm tra)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="leaders")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leadership_roles")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["term", "id"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"


class Branch(models.Model):
    """Chi hội — a branch of an association in a commune; it has no legal personality."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="branches")
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    street = models.CharField(_("meeting place"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    head = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("head")
    )
    deputy = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("deputy head")
    )

    class Meta:
        ordering = ["association", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"],
                name="registry_branch_name_uniq",
                violation_error_message=_("This association already has a branch of that name."),
            ),
        ]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.closed_on is None
