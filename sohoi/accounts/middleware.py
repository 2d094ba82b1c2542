from django.shortcuts import redirect
from django.urls import reverse


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
