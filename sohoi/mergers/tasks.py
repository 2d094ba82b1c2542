"""Background work for the province merger (django-tasks). Thin: take an id, re-fetch, call execute."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sohoi.mergers import execute
from sohoi.mergers.models import BatchRun, RunStatus

logger = logging.getLogger(__name__)


@task()
def run_batch(run_id: int) -> None:
    run = BatchRun.objects.filter(pk=run_id).select_related("created_by").first()
    if run is None or run.status != RunStatus.QUEUED:
        return
    try:
        execute.batch_run(run)
    except Exception:
        # The page polls this row: it must end, with words a person can act on, whatever went wrong.
        logger.exception("batch run %s failed", run_id)
        BatchRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            message=_(
                "The run stopped on an unexpected error; the proposal it was carrying out was left as it "
                "was. Tell the Department of Home Affairs the time."
            ),
        )
        raise
