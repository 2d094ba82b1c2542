"""Background work for matching runs (django-tasks). Thin: take an id, re-fetch, call the run."""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sohoi.identity import runs
from sohoi.identity.models import MatchRun, RunStatus

logger = logging.getLogger(__name__)


@task()
def run_matching(run_id: int) -> None:
    run = MatchRun.objects.filter(pk=run_id).first()
    if run is None or run.status != RunStatus.QUEUED:
        return
    try:
        runs.match_run_execute(run)
    except Exception:
        logger.exception("matching run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            message=_("The run stopped on an unexpected error; the review queue is unchanged."),
        )
        raise
