"""Memberships carried across a reorganisation (Decree 126/2024 Art 32): what a plan would do, read
(`carried_figures`, for the simulation), and doing it (`memberships_carry`, for the execution) — the
same SQL decides, in both, which open membership goes where, so the simulated figures are exactly the
executed ones.

A route sends the open memberships of the sources to a destination by their branch (None: those
without one); a branch with no route stays. Set-based SQL, not one save a membership: a merger of
100,000 members is carried in seconds (bench/merge.py compares with the ORM save a row).

On execution the source's membership ends on the event's day (or the day it begins, for one that
begins later) with the event as its reason and stays as history; the destination's membership
starts that day, linked from the one(s) it continues (`carried_to`) and keeping the earliest joining
date as `member_since`. A person in two sources becomes one membership; one who is a member of the
destination already keeps that membership.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone


def _destination(routes: dict[int | None, int], column: str = "m.branch_id") -> str:
    """SQL: where a source membership goes by its branch — an id of `routes`' values — or NULL."""
    whens = [f"WHEN {column} = {int(branch)} THEN {int(to)}" for branch, to in routes.items() if branch is not None]
    if None in routes:
        whens.append(f"WHEN {column} IS NULL THEN {int(routes[None])}")
    return f"CASE {' '.join(whens)} END" if whens else "NULL"


def _branch_after(into: dict[int, int], column: str = "m.branch_id") -> str:
    """SQL: a membership's branch after the branches merged into others (`into`) are gone."""
    if not into:
        return column
    whens = " ".join(f"WHEN {int(branch)} THEN {int(kept)}" for branch, kept in into.items())
    return f"CASE {column} {whens} ELSE {column} END"


def _ids(values) -> str:
    return ", ".join(str(int(v)) for v in values) or "NULL"


@dataclass
class Carried:
    """What arrives at one destination: memberships, unique persons, the persons in two or more
    sources (counted once), those a member there already, and the persons whose memberships in the
    sources disagree (member type or number)."""

    memberships: int = 0
    persons: int = 0
    in_several: int = 0
    already_members: int = 0
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (person id, what differs)


def carried_figures(
    sources: list[int], routes: dict[int | None, int], existing: dict[int, int] | None = None
) -> dict[int, Carried]:
    """By destination key (`routes`' values): what the plan would carry. `existing`: destination key →
    the association that exists already (a merger's), whose open members are counted once."""
    existing = existing or {}
    destination = _destination(routes)
    moving = (
        f"SELECT {destination} AS dest, m.person_id, m.member_type, m.member_number FROM members_membership m "
        f"WHERE m.association_id IN ({_ids(sources)}) AND m.left_on IS NULL"
    )
    figures: dict[int, Carried] = {to: Carried() for to in set(routes.values())}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT dest, COUNT(*), COUNT(DISTINCT person_id) FROM ({moving}) x WHERE dest IS NOT NULL GROUP BY dest"
        )
        for dest, memberships, persons in cursor.fetchall():
            figures[dest].memberships, figures[dest].persons = memberships, persons
        cursor.execute(
            f"SELECT dest, person_id, COUNT(DISTINCT member_type), COUNT(DISTINCT NULLIF(member_number, '')) "
            f"FROM ({moving}) x WHERE dest IS NOT NULL GROUP BY dest, person_id HAVING COUNT(*) > 1 "
            "ORDER BY dest, person_id"
        )
        for dest, person, types, numbers in cursor.fetchall():
            figures[dest].in_several += 1
            if types > 1 or numbers > 1:
                figures[dest].conflicts.append((person, "member_type" if types > 1 else "member_number"))
        for dest, association in existing.items():
            cursor.execute(
                f"SELECT COUNT(DISTINCT x.person_id) FROM ({moving}) x WHERE x.dest = %s AND EXISTS (SELECT 1 "
                "FROM members_membership t WHERE t.person_id = x.person_id AND t.association_id = %s "
                "AND t.left_on IS NULL)",
                [dest, association],
            )
            figures[dest].already_members = cursor.fetchone()[0]
    return figures


def memberships_carry(
    *,
    sources: list[int],
    routes: dict[int | None, int],
    into: dict[int, int],
    events: dict[int, int],
    day: dt.date,
    reason: str,
) -> int:
    """Carry the open memberships of `sources` as `routes` sends them (values: association ids),
    `into` re-pointing those of merged branches, `events` the legal event of each source. Inside the
    caller's transaction. Returns the memberships the destinations gained."""
    gained = 0
    now = timezone.now()
    event_of = " ".join(f"WHEN {int(source)} THEN {int(event)}" for source, event in events.items())
    with connection.cursor() as cursor:
        for to in sorted(set(routes.values())):
            chosen = (
                f"SELECT m.*, {_branch_after(into)} AS branch_after, "
                "MIN(COALESCE(m.member_since, m.joined_on)) OVER (PARTITION BY m.person_id) AS since, "
                "ROW_NUMBER() OVER (PARTITION BY m.person_id ORDER BY COALESCE(m.member_since, m.joined_on), m.id) "
                f"AS n FROM members_membership m WHERE m.association_id IN ({_ids(sources)}) "
                f"AND m.left_on IS NULL AND {_destination(routes)} = {int(to)}"
            )
            cursor.execute(
                "INSERT INTO members_membership (person_id, association_id, branch_id, member_type, member_number, "
                "role, joined_on, member_since, left_on, left_reason, eligibility_exception, created_at) "
                "SELECT x.person_id, %s, x.branch_after, x.member_type, x.member_number, x.role, "
                "CASE WHEN x.joined_on > %s THEN x.joined_on ELSE %s END, x.since, NULL, '', "
                f"x.eligibility_exception, %s FROM ({chosen}) x WHERE x.n = 1 AND NOT EXISTS (SELECT 1 FROM "
                "members_membership t WHERE t.person_id = x.person_id AND t.association_id = %s "
                "AND t.left_on IS NULL)",
                [to, day, day, now, to],
            )
            gained += cursor.rowcount
            # A join, not a subquery a row: on PostgreSQL the planner, without statistics for the rows
            # just inserted, ran the subquery as a scan per row (minutes for 100,000 rows).
            cursor.execute(
                "UPDATE members_membership AS m SET "
                "left_on = CASE WHEN m.joined_on > %s THEN m.joined_on ELSE %s END, left_reason = %s, "
                f"left_event_id = CASE m.association_id {event_of} END, carried_to_id = t.id "
                "FROM members_membership AS t WHERE t.person_id = m.person_id AND t.association_id = %s "
                f"AND t.left_on IS NULL AND m.association_id IN ({_ids(sources)}) AND m.left_on IS NULL "
                f"AND {_destination(routes)} = {int(to)}",
                [day, day, reason[:200], to],
            )
    return gained
