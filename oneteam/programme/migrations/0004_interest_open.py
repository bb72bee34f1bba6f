"""`schedule_published` becomes `interest_open`: publishing the grid no longer closes interest.

An event whose grid was published had interest closed by it, so it keeps interest closed
(`interest_open = not schedule_published`); every other event keeps interest open.
"""

from django.db import migrations, models


def forwards(apps, schema_editor) -> None:
    programme = apps.get_model("programme", "EventProgramme")
    programme.objects.filter(schedule_published=True).update(interest_open=False)


def backwards(apps, schema_editor) -> None:
    programme = apps.get_model("programme", "EventProgramme")
    programme.objects.filter(interest_open=False).update(schedule_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0003_session_guest_host_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventprogramme",
            name="interest_open",
            field=models.BooleanField(default=True, verbose_name="interest is open"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="eventprogramme", name="schedule_published"),
    ]
