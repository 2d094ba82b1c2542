"""Logging in and out, the user's own password (change; reset by e-mail), and the province officers'
pages that keep the accounts."""

import base64
import logging
import textwrap

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sohoi.accounts import selectors, services, xlsx
from sohoi.accounts.forms import UserFilterForm, UserForm, UserImportForm
from sohoi.accounts.models import User
from sohoi.core.errors import add_to_form
from sohoi.core.pagination import CappedPaginator
from sohoi.core.views import attachment, require_perm

logger = logging.getLogger(__name__)

# Password reset requests: at most this many an hour for one address, and for one client.
RESET_LIMIT_PER_EMAIL = 3
RESET_LIMIT_PER_CLIENT = 10


class AuditedPasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with the change (never the password) in the audit log; it ends the
    obligation to replace a temporary password."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)
        return response


def _over_limit(key: str, limit: int) -> bool:
    """Counts a request under `key` for an hour in Django's cache (memory of the process unless CACHES
    says otherwise); True once `limit` is passed."""
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        return False


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset by e-mail, answering the same whether or not the address is known, and
    sending nothing past RESET_LIMIT_PER_EMAIL requests an hour for one address (or
    RESET_LIMIT_PER_CLIENT for one client)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        client = self.request.META.get("REMOTE_ADDR", "")
        if _over_limit(f"pwreset:email:{email}", RESET_LIMIT_PER_EMAIL) or _over_limit(
            f"pwreset:client:{client}", RESET_LIMIT_PER_CLIENT
        ):
            logger.warning("password reset refused over the limit: %s from %s", email, client)
            return redirect(self.success_url)
        return super().form_valid(form)


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        return response


# --- the province officers' pages -----------------------------------------------------------------


@login_required
@require_perm("accounts.manage_users")
def user_list(request):
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    users = selectors.user_list(**{k: v for k, v in filters.items() if v})
    page = CappedPaginator(users, 50).get_page(request.GET.get("page"))
    template = "accounts/_user_rows.html" if request.htmx else "accounts/user_list.html"
    return render(request, template, {"form": form, "page": page})


def _data(form: UserForm) -> services.UserData:
    d = form.cleaned_data
    return services.UserData(
        username=d["username"].strip(),
        full_name=d["full_name"],
        role=d["role"],
        email=d["email"] or "",
        phone=d["phone"] or "",
        associations=list(d["associations"]),
    )


def _password_page(request, user: User, password: str):
    return render(request, "accounts/user_password.html", {"account": user, "password": password})


@login_required
@require_perm("accounts.manage_users")
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.user_create(data=_data(form), by=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            return _password_page(request, user, password)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New account")})


@login_required
@require_perm("accounts.manage_users")
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = get_object_or_404(User, pk=pk)
    initial = {
        "username": user.username,
        "full_name": user.get_full_name(),
        "role": user.role,
        "associations": list(user.associations.all()),
        "email": user.email,
        "phone": user.phone,
    }
    form = UserForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=user, data=_data(form), by=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The account was saved."))
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "title": user.username, "account": user})


@login_required
@require_perm("accounts.manage_users")
@require_POST
def user_active(request, pk):
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(user=user, active=active, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The account was reactivated.") if active else _("The account was deactivated."))
    return redirect("accounts:user_edit", pk=pk)


@login_required
@require_perm("accounts.manage_users")
@require_POST
def user_password(request, pk):
    user = get_object_or_404(User, pk=pk)
    return _password_page(request, user, services.user_password_reset(user=user, by=request.user))


@login_required
@require_perm("accounts.manage_users")
@require_POST
def user_second_factor_reset(request, pk):
    user = get_object_or_404(User, pk=pk)
    if services.second_factor_reset(user=user, by=request.user):
        messages.success(request, _("The authenticator app was removed: a new one is set up at the next login."))
    else:
        messages.info(request, _("This account has no authenticator app."))
    return redirect("accounts:user_edit", pk=pk)


@login_required
@require_perm("accounts.manage_users")
@require_http_methods(["GET", "POST"])
def users_import(request):
    form = UserImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows, problems = xlsx.read(form.cleaned_data["file"], selectors.association_choices())
            if problems:
                raise ValidationError(problems)
            created = services.users_import(rows=rows, by=request.user)
        except ValidationError as error:
            return render(request, "accounts/users_import.html", {"form": form, "problems": error.messages})
        return render(request, "accounts/users_imported.html", {"created": created})
    return render(request, "accounts/users_import.html", {"form": form})


@login_required
@require_perm("accounts.manage_users")
def users_template(request):
    return attachment(xlsx.template(), "mau-danh-sach-tai-khoan.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Give the 6-digit code of the authenticator app; on the first visit, set the app up from the QR
    code (or the key typed by hand)."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=request.user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    error = ""
    if request.method == "POST":
        if services.second_factor_confirm(user=request.user, device=device, token=request.POST.get("token", "")):
            otp_login(request, device)
            target = request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("home")
            return redirect(target)
        error = _("This code is not the one the app shows now: type the 6 digits again.")
    context = {"device": device, "error": error}
    if not device.confirmed:
        context["qr"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["key"] = " ".join(textwrap.wrap(base64.b32encode(device.bin_key).decode(), 4))
    return render(request, "accounts/second_factor.html", context)
