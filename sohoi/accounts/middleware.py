from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from sohoi.accounts.models import Role
from sohoi.accounts.roles import role_of


class PasswordChangeRequired:
    """A user logged in with a temporary password (one an officer gave) is sent to choose their own
    before any other page; logging out, the password pages and static files stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            change = reverse("accounts:password_change")
            open_paths = (change, reverse("accounts:logout"), reverse("accounts:password_done"), "/static/", "/i18n/")
            if not request.path.startswith(open_paths):
                return redirect(change)
        return self.get_response(request)


class SecondFactorRequired:
    """With settings.SOHOI_OTP_REQUIRED, a province officer whose session has not given a code from
    their authenticator app (django-otp's `is_verified`) is sent to give one — or to set the app up
    first; logging out and static files stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.SOHOI_OTP_REQUIRED
            and user is not None
            and role_of(user) == Role.PROVINCE_OFFICER
            and not user.is_verified()
        ):
            second = reverse("accounts:second_factor")
            if not request.path.startswith((second, reverse("accounts:logout"), "/static/", "/i18n/")):
                return redirect(f"{second}?next={request.get_full_path()}")
        return self.get_response(request)
