"""Background work for member imports (django-tasks). Thin: take an id, re-fetch, call the service."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sohoi.members.importing import job as imports
from sohoi.members.models import ImportStatus, MemberImport

logger = logging.getLogger(__name__)


def _run(import_id: int, step) -> None:
    job = MemberImport.objects.filter(pk=import_id).select_related("association", "created_by").first()
    if job is None:
        return
    try:
        step(job)
    except Exception:
        # The page polls this row: it must end, with words a person can act on, whatever went wrong.
        logger.exception("member import %s failed", import_id)
        MemberImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            message=_(
                "The import stopped on an unexpected error; nothing was written. Tell the Department of "
                "Home Affairs the time and the file name."
            ),
        )
        raise


@task()
def check_member_import(import_id: int) -> None:
    _run(import_id, imports.member_import_check)


@task()
def run_member_import(import_id: int) -> None:
    _run(import_id, imports.member_import_run)
