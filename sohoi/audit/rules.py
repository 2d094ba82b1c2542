import rules

from sohoi.accounts.rules import is_province_officer

rules.add_perm("audit.view_log", is_province_officer)
