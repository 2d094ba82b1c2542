from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.audit.models import Action


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object"), required=False, max_length=100)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *Action.choices])
