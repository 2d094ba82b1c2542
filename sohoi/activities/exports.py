from django.utils.translation import gettext as _

from sohoi.core.xlsx import table


def activity_list(activities) -> bytes:
    """The activities as the list shows them, one row each (core.xlsx.table: safe from formula injection)."""
    header = [
        _("Date"),
        _("Until"),
        _("Kind"),
        _("What was done"),
        _("Branch"),
        _("Commune"),
        _("Number of participants"),
        _("Persons helped"),
        _("Households helped"),
        _("Money raised (đồng)"),
        _("Money given (đồng)"),
        _("Value in kind (đồng)"),
        _("Partners"),
        _("Product, value chain"),
        _("Members involved"),
    ]
    rows = [
        [
            a.starts_on,
            a.ends_on,
            a.get_kind_display(),
            a.title,
            a.branch.name if a.branch else "",
            a.commune.name if a.commune else "",
            a.participants,
            a.beneficiaries,
            a.households,
            a.money_raised,
            a.money_given,
            a.in_kind_value,
            a.partners,
            a.product,
            a.member_count,
        ]
        for a in activities
    ]
    return table(_("Activities"), header, rows)
