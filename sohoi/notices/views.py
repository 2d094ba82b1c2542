from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sohoi.core.pagination import CappedPaginator
from sohoi.notices.forms import PreferencesForm
from sohoi.notices.models import NoticePreference
from sohoi.notices.selectors import notice_get, notice_list
from sohoi.notices.services import notices_mark_read, preferences_save


@login_required
@require_http_methods(["GET", "POST"])
def notice_page(request):
    """The user's own notices, newest first (?archived=1: those archived); POST marks them all read."""
    if request.method == "POST":
        notices_mark_read(user=request.user)
        return redirect("notices:list")
    archived = request.GET.get("archived") == "1"
    page = CappedPaginator(notice_list(request.user, archived=archived), 50).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page": page, "archived": archived})


@login_required
def notice_open(request, pk):
    """Mark one notice read and go to what it is about."""
    notice = notice_get(request.user, pk)
    if notice is None:
        raise Http404
    notices_mark_read(user=request.user, pk=notice.pk)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notices:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """How the user hears of each kind of notice: in the app only, by e-mail too, or in one e-mail a day."""
    current = dict(NoticePreference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, chosen=form.cleaned_data)
        messages.success(request, _("Your choices were saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form, "title": _("How I am told")})
