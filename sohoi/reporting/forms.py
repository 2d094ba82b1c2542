from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.reporting.models import ConsolidatedReport, IndicatorKind


class ReportValuesForm(forms.Form):
    """One field per indicator of the form; the service checks the values and the rules."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, indicators, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
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
