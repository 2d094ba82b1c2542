from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sohoi.core.pagination import CappedPaginator
from sohoi.notices.selectors import notice_list
from sohoi.notices.services import notices_mark_read


@login_required
@require_http_methods(["GET", "POST"])
def notice_page(request):
    """The user's own notices, newest first; POST marks them all read."""
    if request.method == "POST":
        notices_mark_read(user=request.user)
        return redirect("notices:list")
    page = CappedPaginator(notice_list(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page": page})
