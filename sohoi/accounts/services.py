"""Writes to the accounts."""

from sohoi.accounts.models import User
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log


def officers_rescope(*, sources: list[int], to: list, note: str, by) -> int:
    """A reorganisation's officer accounts (inside the caller's transaction): whoever served one of
    `sources` serves the associations `to` instead. Returns the accounts changed. Side effects: audit."""
    users = list(User.objects.filter(associations__in=sources).distinct().order_by("pk"))
    for user in users:
        before = sorted(user.associations.values_list("pk", flat=True))
        user.associations.remove(*sources)
        user.associations.add(*to)
        after = sorted(user.associations.values_list("pk", flat=True))
        audit_log(actor=by, action=Action.UPDATE, obj=user, changes={"associations": [before, after]}, note=note)
    return len(users)
