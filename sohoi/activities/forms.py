from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.activities.models import ActivityKind
from sohoi.core.forms import DATE_WIDGET
from sohoi.registry.forms import CommuneField

MONEY = {"invalid": _("Write a whole number of đồng, e.g. 15000000.")}


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("What was done"), max_length=300)
    starts_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Until"), widget=DATE_WIDGET, required=False)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, required=False, empty_label=_("The association"))
    commune = CommuneField(label=_("Commune"), required=False)
    participants = forms.IntegerField(label=_("Number of participants"), min_value=0, initial=0)
    beneficiaries = forms.IntegerField(label=_("Persons helped"), min_value=0, initial=0)
    households = forms.IntegerField(label=_("Households helped"), min_value=0, initial=0)
    money_raised = forms.IntegerField(label=_("Money raised (đồng)"), min_value=0, initial=0, error_messages=MONEY)
    money_given = forms.IntegerField(label=_("Money given (đồng)"), min_value=0, initial=0, error_messages=MONEY)
    in_kind_value = forms.IntegerField(label=_("Value in kind (đồng)"), min_value=0, initial=0, error_messages=MONEY)
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    product = forms.CharField(
        label=_("Product, value chain"), max_length=200, required=False, help_text=_("For a production model.")
    )
    members = forms.CharField(
        label=_("Members involved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Their CCCD numbers or member numbers, one a line (a production model keeps its members); "
            "a member known by neither stays as “#number name”."
        ),
    )

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = association.branches.filter(closed_on__isnull=True).order_by("name")
        self.fields["commune"].load()


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *ActivityKind.choices], required=False)
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET, required=False)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET, required=False)
