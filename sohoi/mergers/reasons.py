"""A pair's overlap in words, with the numbers behind each reason."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sohoi.mergers.overlap import Overlap

SIGNALS = {
    "text": gettext_lazy("functions and tasks alike"),
    "field": gettext_lazy("field"),
    "agency": gettext_lazy("managing agency"),
    "territory": gettext_lazy("territory"),
    "central": gettext_lazy("central association"),
    "members": gettext_lazy("members in both"),
    "branches": gettext_lazy("communes with branches of both"),
}


def reasons(o: Overlap) -> list[str]:
    said = [_("functions and tasks %(p)s%% alike (TF-IDF of syllables)") % {"p": round(o.signals["text"] * 100)}]
    if o.signals["field"]:
        said.append(_("the same field: %(f)s") % {"f": ", ".join(sorted(o.a.fields & o.b.fields))})
    if o.signals["agency"]:
        said.append(_("the same managing agency: %(a)s") % {"a": o.a.agency})
    if o.signals["central"]:
        said.append(_("the same central association: %(c)s") % {"c": o.a.central})
    if o.signals["territory"]:
        said.append(_("the same territory"))
    if o.shared_members:
        said.append(
            _("%(n)s members in both (%(c)s%% of the smaller; Jaccard %(j)s)")
            % {
                "n": number_format(o.shared_members, force_grouping=True),
                "c": round(o.member_containment * 100),
                "j": number_format(o.member_jaccard, 2),
            }
        )
    if o.shared_communes:
        said.append(_("branches of both in %(n)s communes") % {"n": o.shared_communes})
    return said
