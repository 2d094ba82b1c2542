"""Who may do what in the registry. Scope (which associations a user sees at all) is decided by
``selectors.association_list_for_user``; these rules decide the actions on what they see."""

import rules

from sohoi.accounts.roles import association_ids_of
from sohoi.accounts.rules import is_province_officer, is_province_wide_reader


@rules.predicate
def is_officer_of(user, association) -> bool:
    return association is not None and association.pk in association_ids_of(user)


rules.add_perm("registry.view_association", is_province_wide_reader | is_officer_of)
rules.add_perm("registry.add_association", is_province_officer)
rules.add_perm("registry.change_association", is_province_officer)
rules.add_perm("registry.change_association_contact", is_province_officer | is_officer_of)
rules.add_perm("registry.record_event", is_province_officer)
rules.add_perm("registry.manage_branches", is_province_officer | is_officer_of)
