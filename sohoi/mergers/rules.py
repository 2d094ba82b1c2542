"""Who studies which associations overlap and who handles the reorganisation proposals.

- The overlap ranking: province officers, who propose mergers, and the provincial leaders, who decide
  them (read only). An association's own officers do not rank their peers.
- Proposals: province officers draft, submit, record the decision and carry them out; leaders read
  every one; an association's officers read and comment on those touching their association
  (mergers.selectors.proposal_list_for_user gives the scope).
"""

import rules

from sohoi.accounts.roles import association_ids_of
from sohoi.accounts.rules import is_association_officer, is_province_officer, is_province_wide_reader
from sohoi.mergers.selectors import proposal_touches


@rules.predicate
def touches_own_association(user, proposal) -> bool:
    return proposal is not None and proposal_touches(proposal, association_ids_of(user))


rules.add_perm("mergers.view_overlap", is_province_wide_reader)
rules.add_perm("mergers.view_proposals", is_province_wide_reader | is_association_officer)
rules.add_perm("mergers.view_proposal", is_province_wide_reader | touches_own_association)
rules.add_perm("mergers.comment_proposal", is_province_officer | touches_own_association)
rules.add_perm("mergers.manage_proposals", is_province_officer)
