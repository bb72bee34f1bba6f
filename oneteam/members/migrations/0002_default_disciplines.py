from django.db import migrations

DISCIPLINES = [
    ("policy", "Policy", "Policy and strategy, ministerial advice, legislation"),
    ("digital", "Digital", "Software, technology and architecture"),
    ("delivery", "Delivery", "Delivery and project management, agile, operations of change"),
    ("data", "Data", "Data science, analysis, statistics and data engineering"),
    ("design", "Design", "Service, interaction, content and policy design"),
    ("research", "Research", "User research and social research"),
    ("operations", "Operations", "Frontline and operational delivery of public services"),
    ("other", "Other", "Another profession, or more than one"),
]


def add_disciplines(apps, schema_editor):
    Discipline = apps.get_model("members", "Discipline")
    for order, (slug, name, description) in enumerate(DISCIPLINES):
        Discipline.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(add_disciplines, migrations.RunPython.noop)]
