import rules

from sohoi.accounts.rules import is_province_officer, is_province_wide_reader
from sohoi.registry.rules import is_officer_of

rules.add_perm("reporting.view_completeness", is_province_wide_reader)
rules.add_perm("reporting.view_report", is_province_wide_reader | is_officer_of)
rules.add_perm("reporting.fill_report", is_officer_of)
rules.add_perm("reporting.review_report", is_province_officer)
rules.add_perm("reporting.edit_consolidated", is_province_officer)
rules.add_perm("reporting.send_reminders", is_province_officer)
rules.add_perm("reporting.configure", is_province_officer)  # regimes, forms, periods
