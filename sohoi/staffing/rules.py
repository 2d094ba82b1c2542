import rules

from sohoi.accounts.rules import is_province_officer

rules.add_perm("staffing.manage", is_province_officer)
