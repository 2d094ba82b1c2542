from django.conf import settings

from sohoi.accounts.roles import role_of
from sohoi.notices.selectors import unread_count


def sohoi(request):
    return {
        "home_province_code": settings.SOHOI_HOME_PROVINCE,
        "user_role": role_of(request.user),
        "unread_notices": unread_count(request.user),
    }
