"""The JSON API (django-ninja; schema at /api/openapi.json, docs at /api/docs).

Session authentication, scoped exactly like the pages: the same selectors decide what a caller sees.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from sohoi.registry import selectors

api = NinjaAPI(title="Sổ Hội API", version="1", urls_namespace="api")


class DeadlineOut(Schema):
    kind: str
    due: dt.date
    basis: str


class AssociationPublicOut(Schema):
    id: int
    name: str
    abbreviation: str
    scope_level: str
    status: str
    hq_address: str
    phone: str
    email: str
    website: str


class AssociationOut(AssociationPublicOut):
    is_assigned_tasks: bool
    managing_agency: str
    central_association: str
    status_since: dt.date | None
    fields: list[str]


def _out(association) -> dict:
    data = {name: getattr(association, name) for name in AssociationOut.model_fields if name != "fields"}
    data["fields"] = [f.name for f in association.fields.all()]
    return data


@api.get("/associations", response=list[AssociationOut], auth=django_auth, tags=["registry"])
def list_associations(request, q: str = "", status: str = "", scope: str = ""):
    """The associations the caller may see, filtered like the list page."""
    qs = selectors.association_search(
        selectors.association_list_for_user(request.user), q=q, status=status, scope=scope
    )
    return [_out(a) for a in qs]


@api.get("/associations/{association_id}", response=AssociationOut, auth=django_auth, tags=["registry"])
def get_association(request, association_id: int):
    return _out(selectors.association_get_for_user(request.user, association_id))


@api.get("/associations/{association_id}/deadlines", response=list[DeadlineOut], auth=django_auth, tags=["registry"])
def get_association_deadlines(request, association_id: int):
    association = selectors.association_get_for_user(request.user, association_id)
    return [
        {"kind": d.kind, "due": d.due, "basis": d.basis}
        for d in selectors.association_deadlines(association, timezone.localdate())
    ]


@api.get("/public/associations", response=list[AssociationPublicOut], tags=["public"])
def public_associations(request, q: str = ""):
    """The public directory: no login, no personal data."""
    return list(selectors.association_search(selectors.association_public_list(), q=q))


@api.get("/public/associations/{association_id}", response=AssociationPublicOut, tags=["public"])
def public_association(request, association_id: int):
    return get_object_or_404(selectors.association_public_list(), pk=association_id)


# --- Reports, tasks, staffing (read-only, for dashboards) ---------------------------------------------


class CompletenessRowOut(Schema):
    association_id: int
    association: str
    state: str
    late: bool


class CompletenessOut(Schema):
    period: str
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    returned: int
    rows: list[CompletenessRowOut]


@api.get("/reports/periods/{period_id}/completeness", response=CompletenessOut, auth=django_auth, tags=["reports"])
def get_completeness(request, period_id: int):
    """Who has reported for a period (province officers and leaders)."""
    from sohoi.reporting.models import ReportingPeriod
    from sohoi.reporting.selectors import completeness

    if not request.user.has_perm("reporting.view_completeness"):
        raise HttpError(403, "Forbidden")
    period = get_object_or_404(ReportingPeriod.objects.select_related("regime"), pk=period_id)
    c = completeness(period)
    return {
        "period": str(period),
        **{name: getattr(c, name) for name in CompletenessOut.model_fields if name not in ("period", "rows")},
        "rows": [
            {"association_id": r.association.pk, "association": r.association.name, "state": r.state, "late": r.late}
            for r in c.rows
        ],
    }


class TaskOut(Schema):
    id: int
    title: str
    conference: str
    lead: str
    deadline: dt.date | None
    percent: int
    status: str


@api.get("/tasks", response=list[TaskOut], auth=django_auth, tags=["tasks"])
def list_tasks(request, status: str = ""):
    """The tasks the caller may see, with their derived status."""
    from sohoi.conferences.selectors import task_list_for_user, with_status

    rows = with_status(task_list_for_user(request.user), timezone.localdate())
    return [
        {
            "id": r.task.pk,
            "title": r.task.title,
            "conference": str(r.task.conference),
            "lead": str(r.task.lead),
            "deadline": r.task.deadline,
            "percent": r.task.percent,
            "status": r.status,
        }
        for r in rows
        if not status or r.status == status
    ]


class QuotaOut(Schema):
    association_id: int
    association: str
    quota: int | None
    within: int
    vacancies: int
    over: int
    contract: int
    retired: int


@api.get("/staffing/quotas", response=list[QuotaOut], auth=django_auth, tags=["staffing"])
def list_quotas(request, year: int):
    """Quota against staff working today (or on 31/12 of a past year), per association the caller sees."""
    from sohoi.staffing.selectors import quota_table

    today = timezone.localdate()
    on = min(today, dt.date(year, 12, 31))
    return [
        {
            "association_id": r.association.pk,
            "association": r.association.name,
            "quota": r.quota,
            "within": r.within,
            "vacancies": r.vacancies,
            "over": r.over,
            "contract": r.contract,
            "retired": r.retired,
        }
        for r in quota_table(request.user, year, on)
    ]
