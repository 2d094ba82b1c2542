from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice is about: each kind of hand-over a user may choose how to hear of."""

    REPORT_SUBMITTED = "report_submitted", _("A report submitted for review")
    REPORT_RETURNED = "report_returned", _("A report returned for revision")
    REPORT_ACCEPTED = "report_accepted", _("A report accepted")
    REPORT_REMINDER = "report_reminder", _("A report due or overdue")
    TASK_ASSIGNED = "task_assigned", _("A task assigned")
    TASK_PROGRESS = "task_progress", _("Progress reported by a cooperating unit")
    EXTENSION_ASKED = "extension_asked", _("An extension asked")
    EXTENSION_DECIDED = "extension_decided", _("An extension granted or refused")
    TASK_DONE = "task_done", _("A task reported done")
    TASK_CONFIRMED = "task_confirmed", _("A task's completion confirmed or sent back")
    TASK_REMINDER = "task_reminder", _("A task due or overdue")
    DEADLINE = "deadline", _("A legal deadline of the association approaching")
    IMPORT_FINISHED = "import_finished", _("A member import checked or finished")
    IDENTITY_CONFLICT = "identity_conflict", _("A CCCD number given for someone else, to check")
    PROPOSAL_SUBMITTED = "proposal_submitted", _("A reorganisation proposal submitted")
    PROPOSAL_APPROVED = "proposal_approved", _("A reorganisation proposal approved")
    OTHER = "other", _("Other")


class Delivery(models.TextChoices):
    EMAIL = "email", _("In the app and by e-mail")
    APP = "app", _("In the app only")
    DIGEST = "digest", _("In the app, and in one e-mail a day")


class Notice(models.Model):
    """A notice inside the app for one user (a returned report, a task assigned…), also sent by e-mail
    as the user chose for its kind. `key` names what it is about, so the same notice is never given
    twice to one user. Read notices are archived after a while, never deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.OTHER)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_due = models.BooleanField(default=False)  # waits for the user's daily e-mail (Delivery.DIGEST)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~models.Q(key=""), name="notice_user_key_uniq")
        ]
        verbose_name = _("notice")

    def __str__(self) -> str:
        return self.text


class NoticePreference(models.Model):
    """How one user hears of one kind of notice; without a row, in the app and by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    delivery = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.EMAIL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_uniq")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"
