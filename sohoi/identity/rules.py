"""Who reviews pairs and merges: province officers every pair; an association officer the pairs whose
two persons are both members of one of their associations (selectors.pairs_for_user); leaders see
figures, not the queue."""

import rules

from sohoi.accounts.models import Role
from sohoi.accounts.roles import role_of
from sohoi.accounts.rules import is_province_officer


@rules.predicate
def is_association_officer(user) -> bool:
    return role_of(user) == Role.ASSOCIATION_OFFICER


rules.add_perm("identity.review_pairs", is_province_officer | is_association_officer)
rules.add_perm("identity.run_matching", is_province_officer)
rules.add_perm("identity.unmerge", is_province_officer)
