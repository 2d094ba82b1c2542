"""The overlap ranking as an .xlsx for the leaders' meeting."""

from django.utils.translation import gettext as _

from sohoi.core.xlsx import table
from sohoi.mergers.overlap import Overlap
from sohoi.mergers.reasons import reasons


def overlap_workbook(pairs: list[Overlap]) -> bytes:
    header = [
        _("No."),
        _("Association"),
        _("Association"),
        _("Score"),
        _("Functions alike (%)"),
        _("Members in both"),
        _("Share of the smaller (%)"),
        _("Communes with branches of both"),
        _("Why"),
    ]
    rows = [
        [
            number,
            o.a.name,
            o.b.name,
            round(o.score, 3),
            round(o.signals["text"] * 100),
            o.shared_members,
            round(o.member_containment * 100),
            o.shared_communes,
            "; ".join(reasons(o)),
        ]
        for number, o in enumerate(pairs, start=1)
    ]
    return table(_("Overlapping associations"), header, rows)
