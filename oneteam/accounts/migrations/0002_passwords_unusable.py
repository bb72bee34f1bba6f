"""One Team is passwordless: make any password set before that (by createsuperuser, or on the
old "set a password" page) unusable, so no hash of it is kept and nothing offers to change it.
Changing the hash also ends the sessions those accounts have open."""

from django.apps.registry import Apps
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def make_passwords_unusable(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    User = apps.get_model("accounts", "User")
    User.objects.exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX).update(
        password=make_password(None)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(make_passwords_unusable, migrations.RunPython.noop)]
