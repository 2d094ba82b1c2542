"""The age and term rules for association leaders (LeaderAgeRule, seeded with KL 32-KL/TW of 30/03/2022:
≤ 65 at first nomination or re-election, a chairman exceptionally ≤ 70, a chairman ≤ 2 consecutive
terms), checked when a term's leadership is recorded and ahead of the next congress. They are Party
rules: Sổ Hội warns, it does not refuse."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sohoi.registry.models import Association, Position, Status, Term
from sohoi.staffing.models import LeaderAgeRule

LEADER_POSITIONS = (Position.CHAIRMAN, Position.VICE_CHAIRMAN)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years on `day` (a year-only birth date is stored as 1 January)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def consecutive_chairman_terms(person, term: Term) -> int:
    """How many terms in a row, ending with `term`, `person` chaired the association."""
    count = 0
    terms = Term.objects.filter(association=term.association_id, number__lte=term.number).order_by("-number")
    for earlier in terms.prefetch_related("leaders"):
        if not any(r.person_id == person.pk and r.position == Position.CHAIRMAN for r in earlier.leaders.all()):
            break
        count += 1
    return count


@dataclass
class LeaderWarning:
    association: Association
    person: object
    position: str
    on: dt.date
    message: str
    source: str


def _check(rule, association, person, position, on, chairman_terms) -> list[str]:
    messages = []
    if person.birth_date and position in LEADER_POSITIONS:
        age = age_on(person.birth_date, on)
        if position == Position.CHAIRMAN and rule.max_age < age <= rule.chairman_max_age:
            messages.append(
                _(
                    "%(name)s is %(age)s on %(day)s: over %(max)s, "
                    "allowed for a chairman only as an exception (≤ %(ex)s)."
                )
                % {
                    "name": person.full_name,
                    "age": age,
                    "day": f"{on:%d/%m/%Y}",
                    "max": rule.max_age,
                    "ex": rule.chairman_max_age,
                }
            )
        elif age > (rule.chairman_max_age if position == Position.CHAIRMAN else rule.max_age):
            limit = rule.chairman_max_age if position == Position.CHAIRMAN else rule.max_age
            messages.append(
                _("%(name)s is %(age)s on %(day)s: over the limit of %(max)s for a %(position)s.")
                % {
                    "name": person.full_name,
                    "age": age,
                    "day": f"{on:%d/%m/%Y}",
                    "max": limit,
                    "position": Position(position).label.lower(),
                }
            )
    if position == Position.CHAIRMAN and chairman_terms > rule.chairman_max_terms:
        messages.append(
            _("%(name)s would chair %(n)s consecutive terms: the limit is %(max)s.")
            % {"name": person.full_name, "n": chairman_terms, "max": rule.chairman_max_terms}
        )
    return messages


def _rules_for(association) -> list[LeaderAgeRule]:
    return [r for r in LeaderAgeRule.objects.all() if association.is_assigned_tasks or not r.only_assigned]


def term_warnings(term: Term) -> list[LeaderWarning]:
    """The leadership a congress has just elected, against every rule that applies (nomination date =
    the congress date)."""
    warnings = []
    for rule in _rules_for(term.association):
        for role in term.leaders.select_related("person"):
            terms = consecutive_chairman_terms(role.person, term) if role.position == Position.CHAIRMAN else 0
            for message in _check(rule, term.association, role.person, role.position, term.starts_on, terms):
                warnings.append(
                    LeaderWarning(term.association, role.person, role.position, term.starts_on, message, rule.source)
                )
    return warnings


def next_congress_warnings(associations) -> list[LeaderWarning]:
    """Who could not be re-elected at the next congress (the end of the current term) without breaking
    a rule: their age then, and a chairman's consecutive terms counting the next one."""
    warnings = []
    for association in associations:
        if association.status in (Status.CEASED, Status.DISSOLVED):
            continue  # no next congress
        term = association.terms.order_by("-number").first()
        if term is None:
            continue
        for rule in _rules_for(association):
            for role in term.leaders.select_related("person").filter(ends_on__isnull=True):
                terms = consecutive_chairman_terms(role.person, term) + 1 if role.position == Position.CHAIRMAN else 0
                for message in _check(rule, association, role.person, role.position, term.ends_on, terms):
                    warnings.append(
                        LeaderWarning(association, role.person, role.position, term.ends_on, message, rule.source)
                    )
    return warnings


def interim_warnings(leaders: list[tuple], on: dt.date, assigned: bool) -> list[str]:
    """An interim leadership a reorganisation proposes — (person, position) pairs — against every rule
    that applies to an association assigned tasks (`assigned`) or not, on the day it would take office.
    A new association's first term: no consecutive terms yet."""
    rules = [r for r in LeaderAgeRule.objects.all() if assigned or not r.only_assigned]
    return [
        f"{message} ({rule.source})"
        for rule in rules
        for person, position in leaders
        for message in _check(rule, None, person, position, on, 0)
    ]
