from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.reporting.models import IndicatorKind


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
            self.fields[indicator.code] = forms.CharField(
                label=indicator.label, required=False, widget=widget, disabled=disabled, max_length=20000
            )

    def values(self) -> dict:
        return {k: v.strip() for k, v in self.cleaned_data.items() if k != "revision" and v not in (None, "")}


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must be revised"), widget=forms.Textarea(attrs={"rows": 3}))
