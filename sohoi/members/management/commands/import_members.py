"""manage.py import_members FILE --association ID [--valid-only | --all-or-nothing] [--dry-run]

The member import of the page, from the command line (large lists, checks outside the test suite): the
same job, the same layout recognition, checks, warnings and write, run here instead of in the worker.
Prints a summary and each problem as the page shows it; exits non-zero when nothing could be imported.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sohoi.accounts.models import Role, User
from sohoi.members.importing import job as imports
from sohoi.members.models import ImportMode, ImportStatus, MemberImport
from sohoi.registry.models import Association


class Command(BaseCommand):
    help = "Import a member list (.xlsx) into an association, as the import page does."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--association", type=int, required=True, help="the association's id")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--valid-only", action="store_true", help="import the valid rows (the default)")
        mode.add_argument("--all-or-nothing", action="store_true", help="import nothing unless every row is right")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--user", help="the province officer the import is recorded under (default: the first)")

    def handle(self, *args, **options):
        translation.activate(settings.LANGUAGE_CODE)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        association = Association.objects.filter(pk=options["association"]).first()
        if association is None:
            raise CommandError(_("No association has the id %(id)s.") % {"id": options["association"]})
        user = self._user(options["user"])
        mode = ImportMode.ALL_OR_NOTHING if options["all_or_nothing"] else ImportMode.VALID_ONLY
        with path.open("rb") as f:
            job = MemberImport.objects.create(
                association=association,
                created_by=user,
                mode=mode,
                original_name=path.name[:200],
                file=File(f, path.name),
            )
        job = imports.member_import_check(job)
        self._summary(job)
        if job.status == ImportStatus.FAILED:
            raise CommandError(job.message)
        if not job.valid_rows:
            raise CommandError(_("Nothing could be imported."))
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        refused = job.invalid_rows
        try:
            job = imports.member_import_confirm(job=job, by=user, run_now=True)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if job.status != ImportStatus.DONE:
            raise CommandError(job.message)
        if job.invalid_rows > refused:
            self.stdout.write(
                _("Refused since the check (the registry changed): %(n)s.") % {"n": job.invalid_rows - refused}
            )
        self.stdout.write(_("Imported: %(n)s members.") % {"n": job.imported_rows})
        if not job.imported_rows:
            raise CommandError(_("Nothing could be imported."))

    def _user(self, username):
        users = User.objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(role=Role.PROVINCE_OFFICER).order_by("pk").first()
        )
        if user is None:
            raise CommandError(_("No such active user: give --user USERNAME."))
        return user

    def _summary(self, job: MemberImport) -> None:
        self.stdout.write(
            _(
                "Rows read: %(rows)s; not member data, skipped: %(skipped)s; valid: %(valid)s; refused: "
                "%(invalid)s; with warnings: %(warnings)s."
            )
            % {
                "rows": job.valid_rows + job.invalid_rows + len(job.skipped_rows),
                "skipped": len(job.skipped_rows),
                "valid": job.valid_rows,
                "invalid": job.invalid_rows,
                "warnings": job.warning_rows,
            }
        )
        if job.skipped_rows:
            self.stdout.write(_("Rows skipped, not member data:") + " " + ", ".join(map(str, job.skipped_rows)))
        if job.ignored_columns:
            self.stdout.write(_("Columns ignored:") + " " + ", ".join(job.ignored_columns))
        for p in job.problems.all():
            self.stdout.write(self._line(p))

    def _line(self, p) -> str:
        kind = _("Warning") if p.warning else _("Problem")
        return _("%(kind)s — row %(row)s, column “%(col)s”: “%(value)s” — %(message)s") % {
            "kind": kind,
            "row": p.row,
            "col": p.column,
            "value": p.value,
            "message": p.message,
        }
