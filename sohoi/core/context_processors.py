from django.conf import settings

from sohoi.accounts.roles import role_of


def sohoi(request):
    return {
        "home_province_code": settings.SOHOI_HOME_PROVINCE,
        "user_role": role_of(request.user),
    }
