from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_OFFICER = "province_officer", _("Province officer (Department of Home Affairs)")
    ASSOCIATION_OFFICER = "association_officer", _("Association officer")
    LEADER = "leader", _("Provincial leader")


class User(AbstractUser):
    """Người dùng — a person who logs in, with one role.

    An association officer sees only the associations listed in ``associations``; the other roles
    see the whole province. Scope is decided in ``sohoi.accounts.roles`` and the apps' rules.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.ASSOCIATION_OFFICER)
    associations = models.ManyToManyField(
        "registry.Association", blank=True, related_name="officers", verbose_name=_("associations")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    must_change_password = models.BooleanField(
        _("must change the password"), default=False, help_text=_("Set for a temporary password an officer gave.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (last_name) before the given name (first_name)."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()
