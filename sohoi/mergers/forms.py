from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sohoi.core.files import check_upload
from sohoi.core.forms import DATE_WIDGET
from sohoi.mergers.models import BranchAction, Proposal, ProposalKind, ProposalResult
from sohoi.mergers.services import PLAN_FIELDS
from sohoi.people.models import Person
from sohoi.registry.law import ENDED
from sohoi.registry.models import Association, Branch, Position


class OverlapFilterForm(forms.Form):
    min_score = forms.FloatField(
        label=_("Show pairs scoring at least"), min_value=0, max_value=1, required=False, localize=True
    )


def _live():
    return Association.objects.exclude(status__in=ENDED).order_by("name_folded")


class ProposalCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of reorganisation"), choices=ProposalKind.choices)
    sources = forms.ModelMultipleChoiceField(
        label=_("Associations reorganised"),
        queryset=Association.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    result_name = forms.CharField(
        label=_("Name of the new association"),
        max_length=200,
        required=False,
        help_text=_("For a consolidation, split or separation. Several new associations: one name per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    receiving = forms.ModelChoiceField(
        label=_("Association that receives the others"),
        queryset=Association.objects.none(),
        required=False,
        help_text=_("For a merger (sáp nhập) only."),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    boundary_change = forms.BooleanField(
        label=_("Because administrative boundaries changed (Decree 126/2024 Art 32 k4)"), required=False
    )
    reason = forms.CharField(label=_("Reason and necessity"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = _live()
        self.fields["receiving"].queryset = _live()

    def results(self) -> list[dict]:
        data = self.cleaned_data
        if data["kind"] == ProposalKind.MERGER:
            return [{"association": data["receiving"]}] if data.get("receiving") else []
        return [{"name": line.strip()} for line in data.get("result_name", "").splitlines() if line.strip()]


class ProposalEditForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "boundary_change", *PLAN_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PLAN_FIELDS}


class BranchPlanForm(forms.Form):
    action = forms.ChoiceField(label=_("What happens"), choices=BranchAction.choices)
    into = forms.ModelChoiceField(label=_("Merged into"), queryset=Branch.objects.none(), required=False)
    new_name = forms.CharField(label=_("New name"), max_length=200, required=False)
    result = forms.ModelChoiceField(label=_("Goes to"), queryset=ProposalResult.objects.none(), required=False)

    def __init__(self, *args, proposal, branches=(), **kwargs):
        """`branches`: those it may merge into. Where the branch goes is asked only when there is a
        choice: several results, or a separation (tách), where a branch stays unless it is given away."""
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Branch.objects.filter(pk__in=[b.pk for b in branches])
        results = proposal.results.order_by("pk")
        if proposal.kind == ProposalKind.SEPARATION or results.count() > 1:
            self.fields["result"].queryset = results
            self.fields["result"].empty_label = (
                _("Stays with the source") if proposal.kind == ProposalKind.SEPARATION else _("The first result")
            )
        else:
            del self.fields["result"]


class InterimLeaderForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates if candidates is not None else Person.objects.none()


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        return check_upload(self.cleaned_data.get("file"))


class ApproveForm(forms.Form):
    number = forms.CharField(
        label=_("Decision number"), max_length=50, widget=forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"})
    )
    issued_on = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    authority = forms.CharField(
        label=_("Issuing authority"), max_length=200, initial=lambda: f"UBND tỉnh {settings.SOHOI_PROVINCE_NAME}"
    )
    signer = forms.CharField(label=_("Signed by"), max_length=100, required=False)
    effective_on = forms.DateField(
        label=_("Takes effect on"), widget=DATE_WIDGET, required=False, help_text=_("Empty: the decision date.")
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for refusal"), widget=forms.Textarea(attrs={"rows": 3}))
