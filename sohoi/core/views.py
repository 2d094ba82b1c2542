import datetime as dt
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sohoi.core.calendar import missing_year_ahead
from sohoi.registry.selectors import upcoming_deadlines


def check_perm(user, perm: str, obj=None) -> None:
    """403 unless `user` has `perm` (on `obj`). The one way views check an action."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def attachment(content: bytes, filename: str) -> HttpResponse:
    """A generated .xlsx or .docx handed to the browser as a download named `filename`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def require_perm(perm: str):
    """Decorator for views whose permission does not depend on an object."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            check_perm(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@login_required
def dashboard(request):
    today = timezone.localdate()
    rows = upcoming_deadlines(request.user, today, settings.SOHOI_DEADLINE_HORIZON_DAYS)
    return render(
        request,
        "core/dashboard.html",
        {
            "rows": [(a, d, d.days_left(today), -d.days_left(today)) for a, d in rows],
            "today": today,
            "horizon": today + dt.timedelta(days=settings.SOHOI_DEADLINE_HORIZON_DAYS),
            "days_off_missing": missing_year_ahead(today),
        },
    )
