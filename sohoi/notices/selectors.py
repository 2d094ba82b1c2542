from django.db.models import QuerySet

from sohoi.notices.models import Notice


def notice_list(user, *, archived: bool = False) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user, archived_at__isnull=not archived)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notice_get(user, pk: int) -> Notice | None:
    return Notice.objects.filter(user=user, pk=pk).first()
