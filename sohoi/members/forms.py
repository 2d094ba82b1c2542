from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.core.forms import DATE_WIDGET
from sohoi.members.models import EligibilityRule, ImportMode, MembershipStatus, MemberType
from sohoi.members.selectors import AGE_BANDS
from sohoi.people.ethnicity import ETHNIC_GROUPS
from sohoi.people.models import Sex
from sohoi.registry.forms import CommuneField

AGE_BAND_LABELS = {"u30": _("under 30"), "30-59": "30–59", "60-69": "60–69", "70-79": "70–79", "80+": _("80 and over")}


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("CCCD number, or the beginning of the full name or given name")}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (MembershipStatus.ACTIVE, MembershipStatus.ACTIVE.label),
            (MembershipStatus.ENDED, MembershipStatus.ENDED.label),
        ],
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("All")), *Sex.choices])
    age_band = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("All")), *[(k, AGE_BAND_LABELS[k]) for k, _lo, _hi in AGE_BANDS]],
    )
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False, choices=[("", _("All")), *ETHNIC_GROUPS])
    member_type = forms.ChoiceField(
        label=_("Member type"), required=False, choices=[("", _("All")), *MemberType.choices]
    )
    branch = forms.ModelChoiceField(label=_("Branch"), required=False, queryset=None, empty_label=_("All"))

    def __init__(self, *args, association, show_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = association.branches.all()
        if not show_sensitive:
            del self.fields["ethnicity"]


class PersonFields(forms.Form):
    """A person's own data, as the new-member form and the correction form ask for it."""

    full_name = forms.CharField(label=_("Full name"), max_length=120)
    cccd = forms.CharField(label=_("CCCD number"), max_length=20, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE_WIDGET)
    birth_year = forms.IntegerField(label=_("or year of birth only"), required=False, min_value=1900, max_value=2100)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=[("", "—"), *ETHNIC_GROUPS], required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address_commune = CommuneField(label=_("Permanent address: commune"), required=False)
    address_text = forms.CharField(label=_("Permanent address"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_commune"].load()


class MembershipForm(PersonFields):
    member_type = forms.ChoiceField(label=_("Member type"), choices=MemberType.choices)
    member_number = forms.CharField(label=_("Member number"), max_length=30, required=False)
    branch = forms.ModelChoiceField(label=_("Branch"), required=False, queryset=None)
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_WIDGET)
    eligibility_exception = forms.BooleanField(label=_("Admitted under the charter's exception"), required=False)

    PERSON_FIELDS = [
        "full_name",
        "cccd",
        "birth_date",
        "birth_year",
        "sex",
        "ethnicity",
        "occupation",
        "phone",
        "address_commune",
        "address_text",
    ]

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cccd"].help_text = _("A person already registered with this number gets a new membership.")
        self.fields["branch"].queryset = association.branches.filter(closed_on__isnull=True)


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class FiguresForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period must start before it ends."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Member list (.xlsx)"))
    mode = forms.ChoiceField(
        label=_("When some rows have problems"),
        choices=ImportMode.choices,
        initial=ImportMode.VALID_ONLY,
        widget=forms.RadioSelect,
    )


class ColumnMappingForm(forms.Form):
    """The import page's mapping step: a field for each column the import did not recognise."""

    def __init__(self, *args, titles: list[str], choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.titles = titles
        for index, title in enumerate(titles):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=title, required=False, choices=[("", _("— not imported —")), *choices]
            )

    def mapping(self) -> dict[str, str]:
        return {title: self.cleaned_data[f"column_{index}"] for index, title in enumerate(self.titles)}


class ConflictResolveForm(forms.Form):
    resolution = forms.CharField(label=_("What was found"), max_length=300)


class PersonForm(PersonFields):
    """A person's data, corrected: the service checks the CCCD again."""

    cmnd = forms.CharField(
        label=_("Old CMND number (9 digits)"),
        max_length=12,
        required=False,
        help_text=_("The old identity card, where the person's records give it: matching knows them by it too."),
    )
    field_order = ["full_name", "cccd", "cmnd"]

    def __init__(self, *args, instance_values, **kwargs):
        person = instance_values
        year_only = person.birth_precision == "year"
        kwargs.setdefault(
            "initial",
            {
                "full_name": person.full_name,
                "cccd": person.cccd,
                "cmnd": person.cmnd,
                "birth_date": None if year_only else person.birth_date,
                "birth_year": person.birth_date.year if year_only and person.birth_date else None,
                "sex": person.sex,
                "ethnicity": person.ethnicity,
                "occupation": person.occupation,
                "phone": person.phone,
                "address_commune": person.address_commune.code if person.address_commune_id else "",
                "address_text": person.address_text,
            },
        )
        super().__init__(*args, **kwargs)

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class EligibilityRuleForm(forms.ModelForm):
    class Meta:
        model = EligibilityRule
        fields = ["min_age", "max_age", "exception_min_age", "exception_note", "source", "effective_from"]
        widgets = {"effective_from": DATE_WIDGET}
