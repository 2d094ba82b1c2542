"""The legal rules of an association's life, each in one place with its source.

Everything that decides "may this happen now" or "when is this due" for the registry lives here.
Rules marked configurable come from settings because their current text is not verified
(see ../shared/research/legal.md, ❓ marks).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sohoi.core.calendar import add_working_days, add_years
from sohoi.registry.models import EventKind, LineageRole, Status

ENDED = (Status.DISSOLVED, Status.CEASED)
REORGANISATIONS = {EventKind.SPLIT, EventKind.SEPARATION, EventKind.MERGER, EventKind.CONSOLIDATION}

# Which events each status allows, and the status each leads to.
# Decree 126/2024/NĐ-CP: permit (Art 15) → founding congress → charter approval → terms;
# Art 32 split/separation/merger/consolidation; Art 33 a suspended association may only remedy and
# resume, or be dissolved; Art 34/30 dissolution. A dissolved or ceased association has no more events.
_SAME = None
TRANSITIONS: dict[str, dict[str, str | None]] = {
    Status.PROPOSED: {EventKind.ESTABLISHMENT_PERMIT: Status.PERMITTED},
    Status.PERMITTED: {EventKind.FOUNDING_CONGRESS: Status.ACTIVE, EventKind.DISSOLUTION: Status.DISSOLVED},
    Status.ACTIVE: {
        EventKind.CHARTER_APPROVAL: _SAME,
        EventKind.TERM_CONGRESS: _SAME,
        EventKind.RENAME: _SAME,
        EventKind.CHARTER_AMENDMENT: _SAME,
        EventKind.HQ_CHANGE: _SAME,
        EventKind.SUSPENSION: Status.SUSPENDED,
        EventKind.DISSOLUTION: Status.DISSOLVED,
        EventKind.SPLIT: Status.CEASED,
        EventKind.SEPARATION: _SAME,
        EventKind.MERGER: Status.CEASED,
        EventKind.CONSOLIDATION: Status.CEASED,
    },
    Status.SUSPENDED: {EventKind.RESUMPTION: Status.ACTIVE, EventKind.DISSOLUTION: Status.DISSOLVED},
    Status.DISSOLVED: {},
    Status.CEASED: {},
}

# Decree 126/2024 Art 32: the association that a split, separation or consolidation creates is
# permitted by the same decision; in a merger the receiving association simply continues.
TARGET_STATUS_BEFORE = {
    EventKind.SPLIT: Status.PROPOSED,
    EventKind.SEPARATION: Status.PROPOSED,
    EventKind.CONSOLIDATION: Status.PROPOSED,
    EventKind.MERGER: Status.ACTIVE,
}
TARGET_STATUS_AFTER = {
    EventKind.SPLIT: Status.PERMITTED,
    EventKind.SEPARATION: Status.PERMITTED,
    EventKind.CONSOLIDATION: Status.PERMITTED,
    EventKind.MERGER: Status.ACTIVE,
}
# How many associations stand on each side: (min sources, min results, max results).
# Chia: one splits into several new ones; tách: part of one forms one or more new ones while it
# continues; sáp nhập: one or more merge into one existing; hợp nhất: two or more form one new one.
SIDES = {
    EventKind.SPLIT: (1, 2, 99),
    EventKind.SEPARATION: (1, 1, 99),
    EventKind.MERGER: (1, 1, 1),
    EventKind.CONSOLIDATION: (2, 1, 1),
}

# Decree 126/2024 Art 33 k1: suspension for up to 180 days.
MAX_SUSPENSION_DAYS = 180
# Decree 126/2024 Art 32 k2: the new association holds its congress within 60 working days.
NEW_ASSOCIATION_CONGRESS_WORKING_DAYS = 60


def allowed_events(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def next_status(status: str, kind: str, lineage_role: str = "") -> str:
    """The status after recording `kind` (as `lineage_role` in a reorganisation) in `status`."""
    if lineage_role == LineageRole.TARGET:
        return TARGET_STATUS_AFTER[kind]
    result = TRANSITIONS[status][kind]
    return status if result is _SAME else result


def derive_status(events) -> tuple[str, dt.date | None]:
    """Replay the events in order: the association's status and the date it took effect."""
    status, since = Status.PROPOSED, None
    for event in events:
        new = next_status(status, event.kind, event.lineage_role)
        if new != status:
            status, since = new, event.occurred_on
    return status, since


def term_years(association) -> int:
    """Decree 45/2010 Art 20 k3: a term is set by the charter, at most 5 years (configurable, ❓ for 126)."""
    return association.term_years or settings.SOHOI_DEFAULT_TERM_YEARS


def term_end(association, congress_on: dt.date) -> dt.date:
    return add_years(congress_on, term_years(association))


def new_association_congress_due(decision_on: dt.date) -> dt.date:
    """Decree 126/2024 Art 32 k2: congress within 60 working days of the reorganisation decision."""
    return add_working_days(decision_on, NEW_ASSOCIATION_CONGRESS_WORKING_DAYS)


REORGANISATION_DECISION_WORKING_DAYS = 60


def reorganisation_decision_due(filed_on: dt.date) -> dt.date:
    """Decree 126/2024 Art 32 (and k4 for a change of administrative boundaries): the competent
    authority decides within 60 working days of receiving the complete file."""
    return add_working_days(filed_on, REORGANISATION_DECISION_WORKING_DAYS)


def annual_report_due(year: int) -> dt.date:
    """Decree 126/2024 Art 24 k12: the annual report is sent before 31/12, so 30/12 is the last day."""
    return dt.date(year, 12, 30)


def suspension_latest_end(starts_on: dt.date) -> dt.date:
    return starts_on + dt.timedelta(days=MAX_SUSPENSION_DAYS)


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: dt.date
    basis: str

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


DEADLINE_LABELS = {
    "term_congress": _("Next term congress due"),
    "suspension_end": _("Suspension ends"),
    "new_congress": _("Congress of the new association due"),
    "annual_report": _("Annual report due (before 31/12)"),
}
DEADLINE_BASIS = {
    "term_congress": "NĐ 45/2010/NĐ-CP Điều 20 k3",
    "suspension_end": "NĐ 126/2024/NĐ-CP Điều 33",
    "new_congress": "NĐ 126/2024/NĐ-CP Điều 32",
    "annual_report": "NĐ 126/2024/NĐ-CP Điều 24 k12",
}


def _deadline(kind: str, due: dt.date) -> Deadline:
    return Deadline(kind=kind, label=DEADLINE_LABELS[kind], due=due, basis=DEADLINE_BASIS[kind])


def deadlines_for(
    *,
    status: str,
    current_term_end: dt.date | None,
    suspended_until: dt.date | None,
    permitted_by_reorganisation_on: dt.date | None,
    today: dt.date,
) -> list[Deadline]:
    """The deadlines an association faces now, soonest first."""
    result = []
    if status in (Status.ACTIVE, Status.SUSPENDED) and current_term_end:
        result.append(_deadline("term_congress", current_term_end))
    if status == Status.SUSPENDED and suspended_until:
        result.append(_deadline("suspension_end", suspended_until))
    if status == Status.PERMITTED and permitted_by_reorganisation_on:
        result.append(_deadline("new_congress", new_association_congress_due(permitted_by_reorganisation_on)))
    if status in (Status.ACTIVE, Status.SUSPENDED):
        result.append(_deadline("annual_report", annual_report_due(today.year)))
    return sorted(result, key=lambda d: d.due)
