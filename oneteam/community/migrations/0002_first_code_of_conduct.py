"""The first version of the code of conduct, as the site's page has said it until now."""

from django.db import migrations

TEXT = """One Team is a safe space to share ideas and frustrations and to have each other's back.

## What we expect

- Be kind and assume good intent, especially across professions.
- Work in the open, and respect a session or thread that asks for the Chatham House Rule or to
  stay off the record.
- Make room for others: new voices, first-timers and people who disagree with you.
- No harassment, discrimination or personal attacks, in person or online.
- Anonymous posting is for saying what you cannot yet say under your own name, never for
  attacking anyone. Two moderators together can find out who wrote an anonymous post when this
  code is broken, and the author is told.

## If something goes wrong

Tell an organiser on the day, or report a post or a member to the moderators. Reports are
handled in confidence. Moderators may hide posts, warn, suspend or ban, always giving a reason.
"""


def publish(apps, schema_editor):
    CodeOfConduct = apps.get_model("community", "CodeOfConduct")
    if not CodeOfConduct.objects.exists():
        CodeOfConduct.objects.create(version=1, text=TEXT)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
