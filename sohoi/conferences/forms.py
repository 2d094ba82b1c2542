from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sohoi.conferences.models import Conference, Department, Rhythm
from sohoi.conferences.status import TaskStatus
from sohoi.core.files import check_upload
from sohoi.registry.models import Association, Status
from sohoi.reporting.models import ReportingPeriod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _associations():
    return Association.objects.exclude(status__in=[Status.PROPOSED, Status.DISSOLVED, Status.CEASED]).order_by(
        "name_folded"
    )


class ConferenceForm(forms.ModelForm):
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One conclusion per line; tasks are then assigned from them."),
    )

    class Meta:
        model = Conference
        fields = [
            "held_on",
            "title",
            "chair",
            "place",
            "departments",
            "associations",
            "notice_number",
            "notice_date",
            "notice_file",
        ]
        widgets = {
            "held_on": DATE,
            "notice_date": DATE,
            "departments": forms.CheckboxSelectMultiple,
            "associations": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["associations"].queryset = _associations()

    def clean_notice_file(self):
        return check_upload(self.cleaned_data.get("notice_file"))


class TaskForm(forms.Form):
    conclusion = forms.ModelChoiceField(queryset=None, required=False, label=_("From the conclusion"))
    title = forms.CharField(label=_("Task"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    details = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead_department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("Lead body"), help_text=_("Or a lead association.")
    )
    lead_association = forms.ModelChoiceField(queryset=None, required=False, label=_("Lead association"))
    cooperating_departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.all(),
        required=False,
        label=_("Cooperating bodies"),
        widget=forms.CheckboxSelectMultiple,
    )
    cooperating_associations = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Cooperating associations"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    rhythm = forms.ChoiceField(
        label=_("Or a regular task, reported"), choices=[("", "—"), *Rhythm.choices], required=False
    )
    associations = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Related associations"), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.select_related("regime").order_by("-ends_on"),
        required=False,
        label=_("Related report period"),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].queryset = conference.conclusions.all()
        for name in ("lead_association", "cooperating_associations", "associations"):
            self.fields[name].queryset = _associations()


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label=_("Progress (%)"))
    file = forms.FileField(label=_("Attached file"), required=False)

    def clean_file(self):
        return check_upload(self.cleaned_data.get("file"))


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DoneForm(forms.Form):
    result = forms.CharField(label=pgettext_lazy("task", "Result"), widget=forms.Textarea(attrs={"rows": 3}))
    done_on = forms.DateField(label=_("Done on"), widget=DATE, initial=timezone.localdate)
    file = forms.FileField(label=_("Attached file"), required=False)

    def clean_file(self):
        return check_upload(self.cleaned_data.get("file"))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TaskFilterForm(forms.Form):
    conference = forms.ModelChoiceField(queryset=None, required=False, label=_("Conference"), empty_label=_("All"))
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *TaskStatus.choices], required=False)
    due_within = forms.IntegerField(label=_("Due in the next … days"), required=False, min_value=0, max_value=3650)

    def __init__(self, *args, conferences, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = conferences
        self.fields["unit"].choices = [("", _("All")), *units]


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name of the body"), max_length=200)
    is_home_affairs = forms.BooleanField(label=_("This is the Department of Home Affairs"), required=False)
