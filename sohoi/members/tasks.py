"""Background work for member imports (django-tasks). Thin: take an id, re-fetch, call the service."""

from django_tasks import task

from sohoi.members import imports
from sohoi.members.models import MemberImport


@task()
def check_member_import(import_id: int) -> None:
    job = MemberImport.objects.filter(pk=import_id).select_related("association").first()
    if job is not None:
        imports.member_import_check(job)


@task()
def run_member_import(import_id: int) -> None:
    job = MemberImport.objects.filter(pk=import_id).select_related("association", "created_by").first()
    if job is not None:
        imports.member_import_run(job)
