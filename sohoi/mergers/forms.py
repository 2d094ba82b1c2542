from django import forms
from django.utils.translation import gettext_lazy as _


class OverlapFilterForm(forms.Form):
    min_score = forms.FloatField(
        label=_("Show pairs scoring at least"), min_value=0, max_value=1, required=False, localize=True
    )
