import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.registry.models import Association, Status
from sohoi.staffing.models import Course, CourseKind, Staff, StaffKind, StaffPosition, TransferKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _live():
    return Association.objects.exclude(status__in=[Status.PROPOSED, Status.DISSOLVED, Status.CEASED]).order_by(
        "name_folded"
    )


def _current_staff(field) -> None:
    """A choice of the people working now, shown with their association."""
    field.queryset = (
        Staff.objects.filter(ends_on__isnull=True)
        .select_related("person", "association")
        .order_by("person__name_folded")
    )
    field.label_from_instance = lambda s: f"{s.person.full_name} — {s.association.name}"


class QuotaForm(forms.Form):
    association = forms.ModelChoiceField(queryset=None, label=_("Association"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=lambda: dt.date.today().year)
    quota = forms.IntegerField(label=_("Quota (posts)"))
    number = forms.CharField(label=_("Decision number"), max_length=60)
    issued_on = forms.DateField(label=_("Decision date"), widget=DATE)
    authority = forms.CharField(label=_("Issued by"), max_length=200, initial="UBND tỉnh")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = _live().filter(is_assigned_tasks=True)


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("M", _("Male")), ("F", _("Female"))])
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    birth_year = forms.IntegerField(label=_("Or year of birth"), required=False, min_value=1900, max_value=2100)
    cccd = forms.CharField(label=_("CCCD number"), required=False, max_length=20)
    position = forms.ChoiceField(label=_("Position"), choices=StaffPosition.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=StaffKind.choices)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE)
    salary_grade = forms.CharField(label=_("Salary grade"), required=False, max_length=30)


class StaffEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["name", "kind", "organiser", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "kind": forms.Select(choices=CourseKind.choices)}


class AttendanceForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=None, label=_("Staff member"))
    certificate = forms.CharField(label=_("Certificate"), required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _current_staff(self.fields["staff"])


class TransferForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=None, label=_("Staff member"))
    to_association = forms.ModelChoiceField(queryset=None, label=_("To association"))
    to_position = forms.ChoiceField(label=_("New position"), choices=StaffPosition.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=TransferKind.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _current_staff(self.fields["staff"])
        self.fields["to_association"].queryset = _live()


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE)
    effective_on = forms.DateField(label=_("Effective from"), widget=DATE)


WHOLE_NUMBER = {"invalid": _("Write a whole number, e.g. 65.")}


class LeaderRuleForm(forms.Form):
    source = forms.CharField(label=_("Source"), max_length=200, help_text=_("For example: KL 32-KL/TW of 30/03/2022."))
    max_age = forms.IntegerField(
        label=_("Maximum age at first nomination or re-election"), min_value=0, error_messages=WHOLE_NUMBER
    )
    chairman_max_age = forms.IntegerField(
        label=_("Maximum age of a chairman, as an exception"), min_value=0, error_messages=WHOLE_NUMBER
    )
    chairman_max_terms = forms.IntegerField(
        label=_("Maximum consecutive terms of a chairman"), min_value=0, error_messages=WHOLE_NUMBER
    )
    only_assigned = forms.BooleanField(
        label=_("Only associations assigned tasks by the Party and State"), required=False
    )
