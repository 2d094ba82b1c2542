from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from sohoi.core.views import attachment, require_perm
from sohoi.mergers import exports, selectors
from sohoi.mergers.forms import OverlapFilterForm
from sohoi.mergers.reasons import SIGNALS, reasons


def _pairs(request):
    form = OverlapFilterForm(request.GET or None, initial={"min_score": settings.SOHOI_OVERLAP_MIN_SCORE})
    least = form.cleaned_data["min_score"] if form.is_valid() else None
    least = settings.SOHOI_OVERLAP_MIN_SCORE if least is None else least  # 0 is a score one may ask for
    pairs = [o for o in selectors.overlap_pairs(timezone.localdate()) if o.score >= least]
    return form, pairs


@login_required
@require_perm("mergers.view_overlap")
def overlap(request):
    """The pairs of live associations whose functions overlap, the most first, each with its reasons."""
    form, pairs = _pairs(request)
    rows = [(o, reasons(o)) for o in pairs]
    weights = [(SIGNALS.get(name, name), weight) for name, weight in settings.SOHOI_OVERLAP_WEIGHTS.items()]
    context = {"form": form, "rows": rows, "weights": weights}
    return render(request, "mergers/overlap.html", context)


@login_required
@require_perm("mergers.view_overlap")
def overlap_export(request):
    _form, pairs = _pairs(request)
    return attachment(exports.overlap_workbook(pairs), "hoi-chong-cheo-chuc-nang.xlsx")
