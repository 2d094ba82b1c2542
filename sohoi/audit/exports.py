from django.utils import timezone
from django.utils.translation import gettext as _

from sohoi.core.xlsx import table

MAX_ROWS = 100_000


def accesses_xlsx(accesses) -> bytes:
    """The personal-data access log as a sheet (core.xlsx.table: values safe from formula injection)."""
    header = [_("Time"), _("User"), _("Access"), _("What"), _("Records"), _("Reason")]
    rows = [
        [
            f"{timezone.localtime(a.at):%d/%m/%Y %H:%M}",
            a.actor_name,
            a.get_kind_display(),
            a.what,
            a.rows,
            a.reason,
        ]
        for a in accesses
    ]
    return table(_("Personal data access log"), header, rows)
