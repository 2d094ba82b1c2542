from django.db.models import QuerySet

from sohoi.notices.models import Notice


def notice_list(user) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
