"""The full-text index of posts: FTS5 with triggers on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

from oneteam.community import search


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("community", "0003_follows_reads_notifications")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": search.SQLITE_SETUP, "postgresql": search.POSTGRESQL_SETUP}),
            _run({"sqlite": search.SQLITE_TEARDOWN, "postgresql": search.POSTGRESQL_TEARDOWN}),
        )
    ]
