"""A matching run over the registry as a job (`MatchRun`, the row its page polls): prepare the persons,
score, propose. The page, the background task and `manage.py find_duplicates` call it."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.geo.models import UnitSuccession
from sohoi.identity.matching import prepare, propose, score
from sohoi.identity.models import MatchRun, RunStatus
from sohoi.people.models import Person

STEPS = {"train": _("Training the model"), "predict": _("Scoring the pairs"), "cluster": _("Grouping")}


def successors() -> dict[str, str]:
    """Unit code → the code of the unit it became (2025 successions), so old and new count as one place."""
    return dict(UnitSuccession.objects.values_list("predecessor__code", "successor__code"))


def registry_rows() -> list[dict]:
    """The persons' rows in the order of their ids: the u estimation samples rows by their place, so the
    same registry gives the same model on every database (ordered by name, PostgreSQL's collation and
    SQLite's put them in different orders)."""
    persons = (
        Person.objects.filter(merged_into__isnull=True)
        .order_by("pk")
        .values_list("pk", "full_name", "birth_date", "birth_precision", "sex", "cccd", "address_commune__code", "cmnd")
    )
    return prepare.from_registry(persons.iterator(chunk_size=5000), successors())


def match_run_create(*, by) -> MatchRun:
    """Queue a run. Side effect: the job row."""
    run = MatchRun.objects.create(created_by=by if getattr(by, "pk", None) else None)
    from sohoi.identity.tasks import run_matching  # tasks import this module

    transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    return run


def _progress(run: MatchRun, **fields) -> None:
    MatchRun.objects.filter(pk=run.pk).update(**fields)
    for key, value in fields.items():
        setattr(run, key, value)


def match_run_execute(run: MatchRun, *, spark=None) -> MatchRun:
    """Prepare, score and propose. Side effects: the queue's pairs (decided pairs kept), the job's counts."""
    _progress(run, status=RunStatus.RUNNING, step=str(_("Reading the persons")))
    rows = registry_rows()
    _progress(run, persons=len(rows))
    scored = score.score(
        rows,
        lower=settings.SOHOI_MATCH_LOWER,
        spark=spark,
        progress=lambda step: _progress(run, step=str(STEPS[step])),
    )
    proposed, to_review = propose.propose(run, scored.pairs, upper=settings.SOHOI_MATCH_UPPER)
    _progress(
        run,
        status=RunStatus.DONE,
        step="",
        pairs=len(scored.pairs),
        proposed=proposed,
        to_review=to_review,
        finished_at=timezone.now(),
    )
    return run
