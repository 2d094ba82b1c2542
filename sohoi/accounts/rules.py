"""Role predicates shared by every app's rules."""

import rules

from sohoi.accounts.models import Role
from sohoi.accounts.roles import role_of


@rules.predicate
def is_province_officer(user) -> bool:
    return role_of(user) == Role.PROVINCE_OFFICER


@rules.predicate
def is_leader(user) -> bool:
    return role_of(user) == Role.LEADER


@rules.predicate
def is_association_officer(user) -> bool:
    return role_of(user) == Role.ASSOCIATION_OFFICER


is_province_wide_reader = is_province_officer | is_leader

rules.add_perm("accounts.manage_users", is_province_officer)
rules.add_perm("core.manage_calendar", is_province_officer)  # the working calendar (core.CalendarDay)
