import datetime as dt
from types import SimpleNamespace

from sohoi.registry import law
from sohoi.registry.models import EventKind, LineageRole, Status


def ev(kind, day, role=""):
    return SimpleNamespace(kind=kind, occurred_on=day, lineage_role=role)


def test_status_is_replayed_from_the_events():
    events = [
        ev(EventKind.ESTABLISHMENT_PERMIT, dt.date(2010, 1, 5)),
        ev(EventKind.FOUNDING_CONGRESS, dt.date(2010, 3, 1)),
        ev(EventKind.TERM_CONGRESS, dt.date(2015, 3, 1)),
        ev(EventKind.SUSPENSION, dt.date(2020, 6, 1)),
        ev(EventKind.RESUMPTION, dt.date(2020, 9, 1)),
    ]
    assert law.derive_status(events) == (Status.ACTIVE, dt.date(2020, 9, 1))
    assert law.derive_status(events[:4]) == (Status.SUSPENDED, dt.date(2020, 6, 1))
    assert law.derive_status([]) == (Status.PROPOSED, None)


def test_a_consolidation_ends_the_sources_and_permits_the_result():
    assert law.next_status(Status.ACTIVE, EventKind.CONSOLIDATION, LineageRole.SOURCE) == Status.CEASED
    assert law.next_status(Status.PROPOSED, EventKind.CONSOLIDATION, LineageRole.TARGET) == Status.PERMITTED
    assert law.next_status(Status.ACTIVE, EventKind.SEPARATION, LineageRole.SOURCE) == Status.ACTIVE
    assert law.next_status(Status.ACTIVE, EventKind.MERGER, LineageRole.TARGET) == Status.ACTIVE


def test_a_suspended_association_may_only_resume_or_be_dissolved():
    assert law.allowed_events(Status.SUSPENDED) == [EventKind.RESUMPTION, EventKind.DISSOLUTION]


def test_dissolved_and_ceased_associations_allow_nothing():
    assert law.allowed_events(Status.DISSOLVED) == []
    assert law.allowed_events(Status.CEASED) == []


def test_term_end_uses_the_default_five_years_or_the_charter(settings):
    settings.SOHOI_DEFAULT_TERM_YEARS = 5
    assert law.term_end(SimpleNamespace(term_years=None), dt.date(2022, 10, 5)) == dt.date(2027, 10, 5)
    assert law.term_end(SimpleNamespace(term_years=4), dt.date(2022, 10, 5)) == dt.date(2026, 10, 5)


def test_annual_report_is_due_on_30_december():
    assert law.annual_report_due(2026) == dt.date(2026, 12, 30)


def test_new_association_congress_is_due_60_working_days_after_the_decision():
    assert law.new_association_congress_due(dt.date(2025, 8, 20)) == dt.date(2025, 11, 14)


def test_deadlines_of_a_suspended_association_are_sorted_soonest_first():
    deadlines = law.deadlines_for(
        status=Status.SUSPENDED,
        current_term_end=dt.date(2027, 3, 1),
        suspended_until=dt.date(2027, 2, 27),
        permitted_by_reorganisation_on=None,
        today=dt.date(2026, 11, 24),
    )
    assert [(d.kind, d.due) for d in deadlines] == [
        ("annual_report", dt.date(2026, 12, 30)),
        ("suspension_end", dt.date(2027, 2, 27)),
        ("term_congress", dt.date(2027, 3, 1)),
    ]


def test_a_dissolved_association_has_no_deadline():
    assert (
        law.deadlines_for(
            status=Status.DISSOLVED,
            current_term_end=dt.date(2027, 3, 1),
            suspended_until=None,
            permitted_by_reorganisation_on=None,
            today=dt.date(2026, 11, 24),
        )
        == []
    )
