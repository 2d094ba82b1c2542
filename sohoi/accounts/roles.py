"""Who a user is, for scope: the one place that turns a user into a role."""

from sohoi.accounts.models import Role

ANONYMOUS = "anonymous"


def role_of(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    if user.is_superuser:
        return Role.PROVINCE_OFFICER
    return user.role


def association_ids_of(user) -> set[int]:
    """The associations an association officer works for (cached on the user object)."""
    if role_of(user) != Role.ASSOCIATION_OFFICER:
        return set()
    if not hasattr(user, "_sohoi_association_ids"):
        user._sohoi_association_ids = set(user.associations.values_list("id", flat=True))
    return user._sohoi_association_ids
