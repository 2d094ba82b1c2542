"""Stage 3, propose: scored pairs into the review queue. Above the upper threshold a pair is proposed
for merging; between the thresholds it waits for review; a pair already decided (merged, rejected, not
sure) keeps its decision — a rejected pair is never proposed again."""

from django.db import transaction

from sohoi.identity.matching.score import Pair
from sohoi.identity.models import CandidatePair, Decision, MatchRun
from sohoi.people.models import Person


@transaction.atomic
def propose(run: MatchRun, pairs: list[Pair], *, upper: float) -> tuple[int, int]:
    """Write the pairs of `run`; (proposed for merging, to review)."""
    decided = set(
        CandidatePair.objects.exclude(decision__in=[Decision.PENDING, Decision.PROPOSED]).values_list(
            "person_a_id", "person_b_id"
        )
    )
    # The persons still there and not merged: a person merged since the scoring is no candidate.
    live = set(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    CandidatePair.objects.filter(decision__in=[Decision.PENDING, Decision.PROPOSED]).delete()
    fresh = [
        CandidatePair(
            run=run,
            person_a_id=p.a,
            person_b_id=p.b,
            probability=p.probability,
            match_weight=p.match_weight,
            evidence=p.evidence,
            decision=Decision.PROPOSED if p.probability >= upper else Decision.PENDING,
        )
        for p in pairs
        if (p.a, p.b) not in decided and p.a in live and p.b in live
    ]
    CandidatePair.objects.bulk_create(fresh, batch_size=2000)
    proposed = sum(1 for p in fresh if p.decision == Decision.PROPOSED)
    return proposed, len(fresh) - proposed
