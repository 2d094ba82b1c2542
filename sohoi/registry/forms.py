import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.core.files import SCANS, check_upload
from sohoi.core.forms import DATE_WIDGET
from sohoi.core.models import DayKind
from sohoi.geo.selectors import home_communes
from sohoi.people.models import Sex
from sohoi.registry.models import ActivityField, Association, EventKind, Position, ScopeLevel, Status


class CommuneField(forms.ChoiceField):
    """A current commune of the home province, chosen by its 5-digit code (Decision 19/2025/QĐ-TTg)."""

    default_error_messages = {
        "malformed": _("“%(value)s” is not a commune code: a commune code has exactly 5 digits, e.g. 01840."),
        "unknown": _("There is no current commune with code %(value)s in this province."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)
        self._units = {}

    def load(self):
        self._units = {unit.code: unit for unit in home_communes()}
        self.choices = [("", "—")] + [(code, f"{u.name} ({code})") for code, u in self._units.items()]

    def validate(self, value):
        if value in self.empty_values:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return
        if not re.fullmatch(r"\d{5}", value):
            raise forms.ValidationError(self.error_messages["malformed"], code="malformed", params={"value": value})
        if value not in self._units:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value})

    def clean(self, value):
        value = super().clean(value)
        return self._units.get(value)


class _CommuneFormMixin:
    def _load_communes(self):
        for field in self.fields.values():
            if isinstance(field, CommuneField):
                field.load()


PROFILE_FIELDS = [
    "abbreviation",
    "scope_level",
    "fields",
    "managing_agency",
    "is_assigned_tasks",
    "phone",
    "email",
    "website",
    "central_association",
    "term_years",
    "purpose",
    "functions",
    "tasks",
]


class AssociationEditForm(forms.ModelForm):
    """The profile a province officer keeps; name and headquarters change through legal events."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"),
        queryset=ActivityField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Association
        fields = PROFILE_FIELDS
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("purpose", "functions", "tasks")}


class AssociationCreateForm(_CommuneFormMixin, AssociationEditForm):
    hq_commune = CommuneField(label=_("Headquarters commune"))

    class Meta(AssociationEditForm.Meta):
        fields = ["name", *PROFILE_FIELDS[:4], "hq_commune", "hq_street", *PROFILE_FIELDS[4:]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._load_communes()
        self.fields["name"].widget.attrs["autofocus"] = True


class AssociationContactForm(forms.ModelForm):
    """What an association's own officer may correct: how to reach the association."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Association
        fields = ["phone", "email", "website"]


class AssociationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name or abbreviation, with or without diacritics"), "type": "search"}
        ),
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=ActivityField.objects.all(), required=False, empty_label=_("All fields")
    )
    scope = forms.ChoiceField(label=_("Scope"), required=False, choices=[("", _("All scopes")), *ScopeLevel.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])
    assigned = forms.ChoiceField(
        label=_("Assigned tasks by the Party and State"),
        required=False,
        choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No"))],
    )


FIELDS_BY_KIND = {
    EventKind.RENAME: ["new_name"],
    EventKind.HQ_CHANGE: ["new_hq_commune", "new_hq_street"],
    EventKind.SUSPENSION: ["suspended_until"],
    EventKind.SPLIT: ["targets"],
    EventKind.SEPARATION: ["targets"],
    EventKind.MERGER: ["other_sources", "targets"],
    EventKind.CONSOLIDATION: ["other_sources", "targets"],
}
CONGRESSES = {EventKind.FOUNDING_CONGRESS, EventKind.TERM_CONGRESS}


class LegalEventForm(_CommuneFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=EventKind.choices)
    occurred_on = forms.DateField(label=_("Date of the event"), widget=DATE_WIDGET)
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=50, widget=forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"})
    )
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    decision_authority = forms.CharField(label=_("Issuing authority"), max_length=200, initial="Ủy ban nhân dân tỉnh")
    decision_signer = forms.CharField(label=_("Signed by"), max_length=100, required=False)
    decision_file = forms.FileField(label=_("Scanned decision (PDF or image)"), required=False)
    new_name = forms.CharField(label=_("New name"), max_length=200, required=False)
    new_hq_commune = CommuneField(label=_("New headquarters commune"), required=False)
    new_hq_street = forms.CharField(label=_("New headquarters address"), max_length=200, required=False)
    suspended_until = forms.DateField(label=_("Suspended until"), required=False, widget=DATE_WIDGET)
    other_sources = forms.ModelMultipleChoiceField(
        label=_("Other associations on the same side"),
        queryset=Association.objects.none(),
        required=False,
        help_text=_("Merger: others merging together with this one. Consolidation: the others consolidating."),
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Resulting association(s)"),
        queryset=Association.objects.none(),
        required=False,
        help_text=_("Register a new association first (it starts as “Being founded”), then choose it here."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, association: Association, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["kind"].initial = kind
        self.fields["kind"].widget = forms.HiddenInput()
        shown = set(FIELDS_BY_KIND.get(kind, []))
        for name in ("new_name", "new_hq_commune", "new_hq_street", "suspended_until", "other_sources", "targets"):
            if name not in shown:
                del self.fields[name]
        others = Association.objects.exclude(pk=association.pk).exclude(status__in=["dissolved", "ceased"])
        for name in ("other_sources", "targets"):
            if name in self.fields:
                self.fields[name].queryset = others
        self._load_communes()

    def clean_decision_file(self):
        return check_upload(self.cleaned_data.get("decision_file"), SCANS)


class LeaderForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1900, max_value=2100, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)


class BaseLeaderFormSet(forms.BaseFormSet):
    def leaders(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("full_name")]


LeaderFormSet = forms.formset_factory(LeaderForm, formset=BaseLeaderFormSet, extra=0, max_num=80, validate_max=True)

DEFAULT_LEADER_POSITIONS = [
    Position.CHAIRMAN,
    Position.VICE_CHAIRMAN,
    Position.VICE_CHAIRMAN,
    Position.SECRETARY_GENERAL,
    Position.STANDING_BOARD,
    Position.EXECUTIVE_BOARD,
    Position.EXECUTIVE_BOARD,
    Position.INSPECTION_HEAD,
]


class BranchForm(_CommuneFormMixin, forms.Form):
    name = forms.CharField(label=_("Branch name"), max_length=200)
    commune = CommuneField(label=_("Commune"))
    street = forms.CharField(label=_("Meeting place"), max_length=200, required=False)
    established_on = forms.DateField(label=_("Established on"), widget=DATE_WIDGET)
    closed_on = forms.DateField(label=_("Closed on"), required=False, widget=DATE_WIDGET)
    head_name = forms.CharField(label=_("Head of branch"), max_length=120, required=False)
    deputy_name = forms.CharField(label=_("Deputy head"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._load_communes()


class CalendarDayForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100, required=False, help_text=_("For example: Tết Nguyên đán."))
