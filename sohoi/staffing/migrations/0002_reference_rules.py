"""The leader age rule of KL 32-KL/TW (30/03/2022) and the training each position requires, as data."""

from django.db import migrations

REQUIREMENTS = {
    "chairman": ["political", "state_management"],
    "vice_chairman": ["political", "state_management"],
    "office_head": ["state_management", "professional"],
    "specialist": ["professional", "it"],
    "accountant": ["professional"],
}


def load(apps, schema_editor):
    LeaderAgeRule = apps.get_model("staffing", "LeaderAgeRule")
    TrainingRequirement = apps.get_model("staffing", "TrainingRequirement")
    LeaderAgeRule.objects.get_or_create(
        source="Kết luận 32-KL/TW ngày 30/03/2022 của Ban Bí thư",
        defaults={"max_age": 65, "chairman_max_age": 70, "chairman_max_terms": 2, "only_assigned": True},
    )
    for position, kinds in REQUIREMENTS.items():
        for kind in kinds:
            TrainingRequirement.objects.get_or_create(position=position, kind=kind)


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
