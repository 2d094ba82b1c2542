"""An association's activities are its officers' and the province's to keep; leaders read them."""

import rules

from sohoi.accounts.rules import is_province_officer, is_province_wide_reader
from sohoi.registry.rules import is_officer_of

rules.add_perm("activities.view_activities", is_province_wide_reader | is_officer_of)
rules.add_perm("activities.manage_activities", is_province_officer | is_officer_of)
