from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sohoi.identity.services import CHOSEN_FIELDS
from sohoi.people.models import Person


def shown(person: Person, name: str) -> str:
    """A field of a person as the review page shows it."""
    if name == "birth_date":
        return person.birth_display
    if name == "address_commune":
        return person.address_commune.name if person.address_commune_id else ""
    display = getattr(person, f"get_{name}_display", None)
    return str(display() if display else getattr(person, name) or "")


def differences(a: Person, b: Person) -> list[tuple[str, str, str, str]]:
    """(field, its label, A's value, B's value) for every field the two records hold differently."""
    rows = []
    for name in CHOSEN_FIELDS:
        va, vb = shown(a, name), shown(b, name)
        if va != vb:
            rows.append((name, capfirst(str(Person._meta.get_field(name).verbose_name)), va, vb))
    return rows


class MergeForm(forms.Form):
    """Which record survives, and for each field the two hold differently, whose value it keeps."""

    survivor = forms.ChoiceField(
        label=_("The record kept"), choices=[("a", "A"), ("b", "B")], initial="a", widget=forms.RadioSelect
    )

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        self.fields["survivor"].choices = [("a", f"A (#{pair.person_a_id})"), ("b", f"B (#{pair.person_b_id})")]
        self.conflicts = [
            (name, label, va, vb) for name, label, va, vb in differences(pair.person_a, pair.person_b) if va and vb
        ]
        for name, label, va, vb in self.conflicts:
            self.fields[f"field_{name}"] = forms.ChoiceField(
                label=label, choices=[("a", va), ("b", vb)], initial="a", widget=forms.RadioSelect
            )

    def merge_arguments(self) -> dict:
        """person_merge's survivor, alias and choices from what the reviewer chose."""
        a, b = self.pair.person_a, self.pair.person_b
        survivor, alias = (a, b) if self.cleaned_data["survivor"] == "a" else (b, a)
        keep = "a" if survivor is a else "b"
        choose = {
            name: ("survivor" if self.cleaned_data[f"field_{name}"] == keep else "alias")
            for name, _label, _va, _vb in self.conflicts
        }
        return {"survivor": survivor, "alias": alias, "choose": choose}
