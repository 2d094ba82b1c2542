from django import forms
from django.utils.translation import gettext_lazy as _

from sohoi.accounts.models import Role
from sohoi.core.files import check_upload
from sohoi.registry.models import Association


class UserForm(forms.Form):
    username = forms.CharField(
        label=_("User name"), max_length=150, help_text=_("Letters without accents, digits and . @ + - _")
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    associations = forms.ModelMultipleChoiceField(
        label=_("Associations"),
        queryset=Association.objects.order_by("name_folded"),
        required=False,
        help_text=_("For an association officer: the associations they work for."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("For notices and a forgotten password."),
        error_messages={"invalid": _("Write an e-mail address such as ten@example.vn.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("User name or name"), "type": "search"}),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and deactivated")), ("1", _("Active")), ("0", _("Deactivated"))],
    )


class UserImportForm(forms.Form):
    file = forms.FileField(label=_("Account list (.xlsx)"))

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], (".xlsx",))
