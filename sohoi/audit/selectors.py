from django.db.models import QuerySet

from sohoi.audit.models import AuditEntry


def audit_entry_list(*, actor: str = "", action: str = "", q: str = "") -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("content_type")
    if actor:
        qs = qs.filter(actor_name__iexact=actor.strip())
    if action:
        qs = qs.filter(action=action)
    if q:
        qs = qs.filter(object_repr__icontains=q.strip())
    return qs
