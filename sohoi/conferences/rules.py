"""Who may do what with conferences and tasks. Scope (which tasks a user sees at all) is decided by
``selectors.task_list_for_user``."""

import rules

from sohoi.accounts.roles import association_ids_of
from sohoi.accounts.rules import is_province_officer, is_province_wide_reader


@rules.predicate
def leads(user, task) -> bool:
    return task is not None and task.lead_association_id in association_ids_of(user)


@rules.predicate
def cooperates(user, task) -> bool:
    if task is None:
        return False
    ids = association_ids_of(user)
    return bool(ids) and task.cooperating_associations.filter(pk__in=ids).exists()


rules.add_perm("conferences.add_conference", is_province_officer)
rules.add_perm("conferences.view_overview", is_province_wide_reader)
rules.add_perm("conferences.post_progress", is_province_officer | leads | cooperates)
rules.add_perm("conferences.act_as_lead", is_province_officer | leads)
rules.add_perm("conferences.review_task", is_province_officer)
