"""The JSON API (django-ninja; schema at /api/openapi.json, docs at /api/docs).

Session authentication, scoped exactly like the pages: the same selectors decide what a caller sees.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema
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
