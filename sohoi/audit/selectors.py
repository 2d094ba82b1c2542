from django.db.models import QuerySet

from sohoi.audit.models import AuditEntry, DataAccess


def audit_entry_list(*, actor: str = "", action: str = "", q: str = "") -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("content_type")
    if actor:
        qs = qs.filter(actor_name__iexact=actor.strip())
    if action:
        qs = qs.filter(action=action)
    if q:
        qs = qs.filter(object_repr__icontains=q.strip())
    return qs


def data_access_list(*, actor: str = "", kind: str = "", q: str = "", start=None, end=None) -> QuerySet[DataAccess]:
    """The personal-data access log, newest first, filtered by user, kind of access, what was read,
    and the days [start, end]."""
    qs = DataAccess.objects.all()
    if actor:
        qs = qs.filter(actor_name__iexact=actor.strip())
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(what__icontains=q.strip())
    if start:
        qs = qs.filter(at__date__gte=start)
    if end:
        qs = qs.filter(at__date__lte=end)
    return qs
