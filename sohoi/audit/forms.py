from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.audit.models import AccessKind, Action
from sohoi.core.forms import DATE_WIDGET


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object"), required=False, max_length=100)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *Action.choices])


class AccessFilterForm(forms.Form):
    q = forms.CharField(label=_("What"), required=False, max_length=100)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("Access"), required=False, choices=[("", _("All")), *AccessKind.choices])
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)
