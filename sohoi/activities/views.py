from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.activities import exports, selectors, services
from sohoi.activities.forms import ActivityFilterForm, ActivityForm
from sohoi.activities.models import Activity
from sohoi.core.errors import add_to_form
from sohoi.core.pagination import CappedPaginator
from sohoi.core.views import attachment
from sohoi.registry.selectors import association_get_for_action


def _association(request, pk, perm):
    return association_get_for_action(request.user, pk, perm)


@login_required
def activity_list(request, pk):
    """The association's activities, filtered by kind and dates; ?format=xlsx: all of them as .xlsx."""
    association = _association(request, pk, "activities.view_activities")
    form = ActivityFilterForm(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    activities = selectors.activity_list(association, **filters)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.activity_list(activities.iterator()), "hoat-dong.xlsx")
    page = CappedPaginator(activities, 50).get_page(request.GET.get("page"))
    context = {
        "association": association,
        "form": form,
        "page": page,
        "can_manage": request.user.has_perm("activities.manage_activities", association),
    }
    return render(request, "activities/list.html", context)


def _data(form: ActivityForm) -> services.ActivityData:
    d = dict(form.cleaned_data)
    d["members"] = (d.get("members") or "").splitlines()
    d["commune"] = d.get("commune") or None
    return services.ActivityData(**d)


def _edit(request, association, activity=None):
    initial = {}
    if activity is not None:
        initial = {name: getattr(activity, name) for name in services.FIELDS if name not in ("members", "commune")}
        initial["commune"] = activity.commune.code if activity.commune else ""
        numbers = dict(
            association.memberships.filter(person__in=activity.members.all())
            .exclude(member_number="")
            .values_list("person_id", "member_number")
        )
        initial["members"] = "\n".join(
            services.member_key(p, numbers.get(p.pk, "")) for p in activity.members.order_by("name_folded")
        )
    form = ActivityForm(request.POST or None, association=association, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(association=association, data=_data(form), activity=activity, by=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("activities:list", pk=association.pk)
    title = activity.title if activity else _("New activity")
    return render(request, "activities/form.html", {"form": form, "title": title, "association": association})


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    return _edit(request, _association(request, pk, "activities.manage_activities"))


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk, activity_pk):
    association = _association(request, pk, "activities.manage_activities")
    return _edit(request, association, get_object_or_404(Activity, pk=activity_pk, association=association))
