"""Who may see and keep members. Ethnicity is sensitive personal data (Law 91/2025/QH15): only the
province's officers and the association's own officers see it; leaders see figures only."""

import rules

from sohoi.accounts.rules import is_province_officer, is_province_wide_reader
from sohoi.registry.rules import is_officer_of

rules.add_perm("members.view_members", is_province_wide_reader | is_officer_of)
rules.add_perm("members.manage_members", is_province_officer | is_officer_of)
rules.add_perm("members.view_sensitive", is_province_officer | is_officer_of)
rules.add_perm("members.view_province_figures", is_province_wide_reader)
rules.add_perm("members.review_identity_conflicts", is_province_officer)
rules.add_perm("members.set_eligibility_rule", is_province_officer)  # the charter, as the Ministry approved it
