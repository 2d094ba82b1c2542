"""A fresh installation starts with the two regimes every province has: the 6-month report of the
associations assigned tasks by the Party and State (Decree 09/2019 cut-off dates, 2 working days
after), and every association's annual report on its organisation and activities, due before 31/12
(Decree 126/2024 Art 24 k12, Mẫu 16). Their indicators are sohoi.reporting.reference's. Nothing is
added where a regime exists already."""

from django.db import migrations

# The registry figures this migration's Indicator knows (its prefill is 16 characters long); the
# activities register's come with migration 0007.
KNOWN_PREFILLS = {"", "members", "new_members", "women", "ethnic_minority", "branches"}
SIX_MONTH = "Báo cáo 6 tháng các hội được giao biên chế"
ANNUAL = "Báo cáo hằng năm về tổ chức, hoạt động của hội (Mẫu 16, NĐ 126/2024/NĐ-CP)"


def ready_regimes(apps, schema_editor):
    from sohoi.reporting.reference import ANNUAL_INDICATORS, ANNUAL_RULES, SIX_MONTH_INDICATORS, SIX_MONTH_RULES

    Regime = apps.get_model("reporting", "ReportingRegime")
    Form = apps.get_model("reporting", "ReportForm")
    Indicator = apps.get_model("reporting", "Indicator")
    Rule = apps.get_model("reporting", "ValidationRule")
    if Regime.objects.exists():
        return
    for title, kwargs, indicators, rules in [
        (
            SIX_MONTH,
            {"period_type": "half_year", "deadline_kind": "working_days", "deadline_value": 2, "only_assigned": True},
            SIX_MONTH_INDICATORS,
            SIX_MONTH_RULES,
        ),
        (
            ANNUAL,
            {"period_type": "year", "deadline_kind": "day_of_month", "deadline_value": 30, "only_assigned": False},
            ANNUAL_INDICATORS,
            ANNUAL_RULES,
        ),
    ]:
        form = Form.objects.create(regime=Regime.objects.create(title=title, **kwargs), version=1)
        found = {
            code: Indicator.objects.create(
                form=form,
                code=code,
                label=label,
                kind=kind,
                prefill=prefill if prefill in KNOWN_PREFILLS else "",
                required=required,
                order=i,
            )
            for i, (code, label, kind, prefill, required) in enumerate(indicators)
        }
        for left, operator, right in rules:
            Rule.objects.create(form=form, left=found[left], operator=operator, right=found[right])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_form_versions")]

    operations = [migrations.RunPython(ready_regimes, migrations.RunPython.noop)]
