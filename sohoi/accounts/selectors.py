"""Reads of the accounts, for the province officers who keep them."""

from django.db.models import Prefetch, Q, QuerySet

from sohoi.accounts.models import Role, User
from sohoi.registry.models import Association


def user_list(*, q: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """Every account, by user name, with its associations (two queries whatever the page size)."""
    qs = User.objects.prefetch_related(
        Prefetch("associations", queryset=Association.objects.only("pk", "name").order_by("name_folded"))
    ).order_by("username")
    if q:
        for word in q.split():
            qs = qs.filter(Q(username__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if role:
        qs = qs.filter(role=role)
    if active in ("0", "1"):
        qs = qs.filter(is_active=active == "1")
    return qs


def association_choices() -> QuerySet[Association]:
    return Association.objects.only("pk", "name", "name_folded", "abbreviation")


def officers_of(association_ids) -> QuerySet[User]:
    """The active association officers who work for any of these associations."""
    return User.objects.filter(
        role=Role.ASSOCIATION_OFFICER, associations__in=list(association_ids), is_active=True
    ).distinct()


def province_officers() -> QuerySet[User]:
    return User.objects.filter(role=Role.PROVINCE_OFFICER, is_active=True)
