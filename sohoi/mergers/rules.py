"""Who studies which associations overlap: province officers, who propose mergers, and the provincial
leaders, who decide them (read only). An association's own officers do not rank their peers."""

import rules

from sohoi.accounts.rules import is_province_wide_reader

rules.add_perm("mergers.view_overlap", is_province_wide_reader)
