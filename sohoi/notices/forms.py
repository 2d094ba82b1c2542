from django import forms

from sohoi.notices.models import Delivery, NoticeKind


class PreferencesForm(forms.Form):
    """One choice of delivery for each kind of notice."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            if kind == NoticeKind.OTHER:
                continue
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Delivery.choices, initial=current.get(kind, Delivery.EMAIL)
            )
