from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.registry.models import ActivityField, Association, ScopeLevel
from sohoi.reporting.models import ConsolidatedReport, DeadlineKind, IndicatorKind, Operator, PeriodType, Prefill


class ReportValuesForm(forms.Form):
    """One field per indicator of the form; the service checks the values and the rules."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, indicators, disabled: bool = False, registry=None, **kwargs):
        """`registry`: what the registry and the activities register give the pre-filled indicators now;
        where the report says otherwise, the field says so."""
        super().__init__(*args, **kwargs)
        registry = registry or {}
        for indicator in indicators:
            widget = (
                forms.Textarea(attrs={"rows": 4})
                if indicator.kind == IndicatorKind.TEXT
                else forms.TextInput(attrs={"inputmode": "numeric"})
            )
            hints = []
            if indicator.required:
                hints.append(_("Needed to submit."))
            if indicator.prefill:
                hints.append(_("Filled in from the registry on the cut-off date: correct it if needed."))
                given, known = self.initial.get(indicator.code), registry.get(indicator.code)
                if known is not None and given not in (None, "") and str(given) != str(known):
                    hints.append(_("The registry gives %(value)s: this report says otherwise.") % {"value": known})
            self.fields[indicator.code] = forms.CharField(
                label=indicator.label,
                required=False,  # a draft may be incomplete: the service checks "required" on submission
                widget=widget,
                disabled=disabled,
                max_length=20000,
                help_text=" ".join(str(h) for h in hints),
            )

    def values(self) -> dict:
        return {k: v.strip() for k, v in self.cleaned_data.items() if k != "revision" and v not in (None, "")}


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must be revised"), widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("The filled form (.xlsx)"))


class ConsolidatedForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ConsolidatedReport
        fields = ["parent_body", "number", "place", "issued_on", "narrative", "signer_title", "signer_name"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "narrative": forms.Textarea(attrs={"rows": 10}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
        }


class RegimeForm(forms.Form):
    title = forms.CharField(label=_("Name of the regime"), max_length=200)
    period_type = forms.ChoiceField(label=_("Frequency"), choices=PeriodType.choices)
    deadline_kind = forms.ChoiceField(label=_("Deadline rule"), choices=DeadlineKind.choices)
    deadline_value = forms.IntegerField(
        label=_("Deadline"), min_value=0, max_value=60, help_text=_("Number of working days, or the day of the month.")
    )
    only_assigned = forms.BooleanField(
        label=_("Only associations assigned tasks by the Party and State"), required=False
    )
    scope_level = forms.ChoiceField(
        label=_("Scope"), choices=[("", _("All scopes")), *ScopeLevel.choices], required=False
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"), queryset=ActivityField.objects.all(), required=False
    )
    associations = forms.ModelMultipleChoiceField(
        label=_("Only these associations"),
        queryset=Association.objects.order_by("name_folded"),
        required=False,
        help_text=_("Leave empty for every association the other conditions select."),
    )


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("For example: women_members"))
    label = forms.CharField(label=_("Label"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndicatorKind.choices)
    prefill = forms.ChoiceField(label=_("Pre-filled from"), choices=Prefill.choices, required=False)
    required = forms.BooleanField(label=_("Needed to submit"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)


class RuleForm(forms.Form):
    left = forms.ChoiceField(label=_("Indicator"))
    operator = forms.ChoiceField(label=_("Check"), choices=Operator.choices)
    right = forms.ChoiceField(label=_("Compared with"))

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(i.code, i.label) for i in numbers]
        self.fields["left"].choices = self.fields["right"].choices = choices


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
