"""Writes to the accounts: province officers create and keep the users (one by one or from an .xlsx
list), give them a role and associations, deactivate them (never delete: the audit trail names them)
and reset their passwords. Every change audited; a password never is."""

import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from sohoi.accounts.models import Role, User
from sohoi.audit.models import Action
from sohoi.audit.services import audit_log, diff, snapshot
from sohoi.core.errors import ApplicationError
from sohoi.core.text import clean_text

AUDITED = ["username", "last_name", "first_name", "email", "phone", "role", "is_active", "associations"]
USERNAME = re.compile(r"^[\w.@+-]{3,150}$", re.ASCII)
# Temporary passwords: no 0/O or 1/l/I, read aloud over the phone to a commune office.
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@dataclass
class UserData:
    username: str
    full_name: str
    role: str
    email: str = ""
    phone: str = ""
    associations: list = field(default_factory=list)


def split_name(full_name: str) -> tuple[str, str]:
    """Vietnamese "Họ và tên" as (last_name: family and middle names, first_name: the given name)."""
    parts = clean_text(full_name).split(" ")
    return " ".join(parts[:-1]), parts[-1]


def temporary_password() -> str:
    """Twelve letters and digits in three groups ("k7mq-2xfp-9tha"); the user changes it on first login."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def _check(data: UserData, user: User | None = None) -> None:
    if not USERNAME.match(data.username):
        raise ApplicationError(
            _("A user name has 3 to 150 letters without accents, digits or . @ + - _ (no spaces)."), field="username"
        )
    if User.objects.filter(username__iexact=data.username).exclude(pk=getattr(user, "pk", None)).exists():
        raise ApplicationError(_("The user name “%(name)s” is taken.") % {"name": data.username}, field="username")
    if not clean_text(data.full_name):
        raise ApplicationError(_("Give the person's full name."), field="full_name")
    if data.role not in Role.values:
        raise ApplicationError(_("Choose a role."), field="role")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError as exc:
            raise ApplicationError(
                _("“%(value)s” is not an e-mail address.") % {"value": data.email}, field="email"
            ) from exc
    if data.role == Role.ASSOCIATION_OFFICER and not data.associations:
        raise ApplicationError(_("An association officer works for at least one association."), field="associations")


def _apply(user: User, data: UserData) -> None:
    user.username = data.username
    user.last_name, user.first_name = split_name(data.full_name)
    user.email = data.email.strip()
    user.phone = clean_text(data.phone)
    user.role = data.role


def user_create(*, data: UserData, by) -> tuple[User, str]:
    """A new account with a temporary password to hand over, to be changed on first login. Returns the
    user and that password (shown once, kept nowhere). Side effect: an audit entry."""
    _check(data)
    password = temporary_password()
    with transaction.atomic():
        user = User(must_change_password=True)
        _apply(user, data)
        user.set_password(password)
        user.save()
        user.associations.set(data.associations if data.role == Role.ASSOCIATION_OFFICER else [])
        audit_log(actor=by, action=Action.CREATE, obj=user, changes=diff({}, snapshot(user, AUDITED)))
    return user, password


def user_update(*, user: User, data: UserData, by) -> User:
    """Name, contact, role and associations. Side effect: an audit entry with what changed."""
    _check(data, user)
    if user.pk == getattr(by, "pk", None) and data.role != user.role:
        raise ApplicationError(_("You cannot change your own role."), field="role")
    with transaction.atomic():
        before = snapshot(user, AUDITED)
        _apply(user, data)
        user.save()
        user.associations.set(data.associations if data.role == Role.ASSOCIATION_OFFICER else [])
        changes = diff(before, snapshot(user, AUDITED))
        if changes:
            audit_log(actor=by, action=Action.UPDATE, obj=user, changes=changes)
    return user


def user_set_active(*, user: User, active: bool, by) -> User:
    """Deactivate (the user can no longer log in; their name stays in the audit trail) or reactivate."""
    if not active and user.pk == getattr(by, "pk", None):
        raise ApplicationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_log(actor=by, action=Action.UPDATE, obj=user, changes={"is_active": [not active, active]})
    return user


def user_password_reset(*, user: User, by) -> str:
    """A new temporary password, to be changed on the next login. Returns it. Side effect: audit (the fact,
    never the password)."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_log(actor=by, action=Action.PASSWORD, obj=user, note=_("Temporary password given by an officer"))
    return password


def password_changed(*, user: User) -> None:
    """The user chose their own password: the temporary one's obligation ends. Side effect: audit."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_log(actor=user, action=Action.PASSWORD, obj=user)


def users_import(*, rows: list[tuple[int, UserData]], by) -> list[tuple[User, str]]:
    """Accounts from a list (row number, data): all of them, or — when any row is refused — none, every
    refusal reported with its row. Returns each user with their temporary password."""
    problems, seen = [], {}
    for row, data in rows:
        try:
            _check(data)
        except ApplicationError as error:
            problems.append(_("Row %(row)s: %(problem)s") % {"row": row, "problem": " ".join(error.messages)})
        key = data.username.lower()
        if key in seen:
            problems.append(
                _("Row %(row)s: the user name “%(name)s” is on row %(first)s already.")
                % {"row": row, "name": data.username, "first": seen[key]}
            )
        seen.setdefault(key, row)
    if problems:
        raise ValidationError(problems)
    if not rows:
        raise ApplicationError(_("The list has no account."))
    with transaction.atomic():
        return [user_create(data=data, by=by) for _row, data in rows]


def second_factor_confirm(*, user: User, device, token: str) -> bool:
    """The code from the authenticator app checked against the user's TOTP device (django-otp); a new
    device is confirmed by its first good code. Side effect: an audit entry when a device is confirmed."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_log(actor=user, action=Action.UPDATE, obj=user, note=_("Authenticator app set up"))
    return True


def second_factor_reset(*, user: User, by) -> int:
    """The user lost their authenticator app: their devices go, and they set up a new one at the next
    login. Returns the devices removed. Side effect: an audit entry."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        audit_log(actor=by, action=Action.UPDATE, obj=user, note=_("Authenticator app removed by an officer"))
    return removed


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
