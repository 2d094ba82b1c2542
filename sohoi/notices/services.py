"""Notices: one row per user inside the app, and the same text by e-mail (Django's mail settings) as
the user chose for its kind — at once, in one e-mail a day, or not at all."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.notices.models import Delivery, Notice, NoticeKind, NoticePreference

logger = logging.getLogger(__name__)


def deliveries(users, kind: str) -> dict[int, str]:
    """How each user hears of `kind` (Delivery.EMAIL unless they chose otherwise)."""
    chosen = dict(NoticePreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery"))
    return {u.pk: chosen.get(u.pk, Delivery.EMAIL) for u in users}


def _mail(subject: str, body: str, addresses: list[str]) -> None:
    """After the commit, so that a rolled-back write sends nothing; a mail server that is down loses the
    e-mail, never the notice in the app."""

    def send():
        try:
            send_mail(subject, body, None, addresses)
        except OSError:
            logger.exception("notice e-mail to %s failed", addresses)

    transaction.on_commit(send)


def notices_send(
    *, users, text: str, kind: str = NoticeKind.OTHER, url: str = "", key: str = "", subject: str = "", by=None
) -> int:
    """Give each user the notice, unless they had the one with this `key` already, or they are `by`
    (who did what the notice tells); e-mail it to those who chose so. Returns how many were notified."""
    users = [u for u in dict.fromkeys(users) if u.is_active and u.pk != getattr(by, "pk", None)]
    if key:
        done = set(Notice.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
        users = [u for u in users if u.pk not in done]
    if not users:
        return 0
    how = deliveries(users, kind)
    Notice.objects.bulk_create(
        [
            Notice(user=u, kind=kind, text=text[:500], url=url, key=key, digest_due=how[u.pk] == Delivery.DIGEST)
            for u in users
        ]
    )
    addresses = [u.email for u in users if u.email and how[u.pk] == Delivery.EMAIL]
    if addresses:
        link = f"{settings.SOHOI_SITE_URL}{url}" if url else ""
        _mail(subject or text[:78], f"{text}\n\n{link}".strip(), addresses)
    return len(users)


def notices_mark_read(*, user, pk: int | None = None) -> int:
    """Mark the user's notices read: all of them, or the one `pk`."""
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def preferences_save(*, user, chosen: dict[str, str]) -> None:
    """The user's choice of delivery for each kind of notice."""
    with transaction.atomic():
        for kind, delivery in chosen.items():
            if kind in NoticeKind.values and delivery in Delivery.values:
                NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def digests_send() -> int:
    """One e-mail to each user with notices waiting for their daily e-mail, listing them. Returns the
    e-mails sent."""
    from sohoi.accounts.models import User

    waiting = Notice.objects.filter(digest_due=True).order_by("created_at", "pk")
    sent = 0
    for user in User.objects.filter(pk__in=waiting.values("user")).order_by("pk"):
        notices = list(waiting.filter(user=user))
        if user.email and user.is_active:
            lines = [
                f"- {timezone.localtime(n.created_at):%d/%m/%Y %H:%M} {n.text}"
                + (f"\n  {settings.SOHOI_SITE_URL}{n.url}" if n.url else "")
                for n in notices
            ]
            _mail(
                _("Sổ Hội: %(n)s notices of the day") % {"n": len(notices)},
                "\n".join(lines) + f"\n\n{settings.SOHOI_SITE_URL}/notices/",
                [user.email],
            )
            sent += 1
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(digest_due=False)
    return sent


def notices_archive(*, now=None) -> int:
    """Read notices older than settings.SOHOI_NOTICE_ARCHIVE_DAYS leave the list for the archive."""
    now = now or timezone.now()
    before = now - dt.timedelta(days=settings.SOHOI_NOTICE_ARCHIVE_DAYS)
    return Notice.objects.filter(archived_at__isnull=True, read_at__isnull=False, created_at__lt=before).update(
        archived_at=now
    )
