from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.audit import display, exports
from sohoi.audit.forms import AccessFilterForm, AuditFilterForm
from sohoi.audit.models import AccessKind
from sohoi.audit.selectors import audit_entry_list, data_access_list
from sohoi.audit.services import access_log
from sohoi.core.pagination import CappedPaginator
from sohoi.core.views import attachment, require_perm


@login_required
@require_perm("audit.view_log")
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entry_list(**{k: v for k, v in filters.items() if v})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [(e, display.object_kind(e), display.actor(e), display.changes(e)) for e in page]
    return render(request, "audit/list.html", {"form": form, "page": page, "rows": rows})


@login_required
@require_perm("audit.view_log")
def access_list(request):
    """Who read or exported personal data, what, when and why where given; the .xlsx of it (itself an
    export of names, so logged too)."""
    form = AccessFilterForm(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    accesses = data_access_list(**filters)
    if request.GET.get("format") == "xlsx":
        rows = list(accesses[: exports.MAX_ROWS])
        access_log(actor=request.user, kind=AccessKind.EXPORT, what=_("Personal data access log"), rows=len(rows))
        return attachment(exports.accesses_xlsx(rows), f"nhat-ky-truy-cap-{timezone.localdate():%Y%m%d}.xlsx")
    page = CappedPaginator(accesses, 50).get_page(request.GET.get("page"))
    return render(request, "audit/access_list.html", {"form": form, "page": page})
