"""Notices: one row per user inside the app, and the same text by email through Django's mail settings."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sohoi.notices.models import Notice

logger = logging.getLogger(__name__)


def notices_send(*, users, text: str, url: str = "", key: str = "", subject: str = "") -> int:
    """Give each user the notice, unless they already had the one with this `key`; e-mail those who have
    an address once the transaction commits. Returns how many users were notified."""
    users = list(users)
    if key:
        done = set(Notice.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
        users = [u for u in users if u.pk not in done]
    Notice.objects.bulk_create([Notice(user=u, text=text[:500], url=url, key=key) for u in users])
    addresses = [u.email for u in users if u.email]
    if addresses:
        link = f"{settings.SOHOI_SITE_URL}{url}" if url else ""

        def mail():
            try:
                send_mail(subject or text[:78], f"{text}\n\n{link}".strip(), None, addresses)
            except OSError:  # the notice inside the app stays; a mail server that is down must not undo it
                logger.exception("reminder e-mail to %s failed", addresses)

        transaction.on_commit(mail)
    return len(users)


def notices_mark_read(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
