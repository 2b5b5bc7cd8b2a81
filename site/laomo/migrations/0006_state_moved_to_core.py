"""The version counters and the outbox now belong to the core app (core/migrations/0001): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("laomo", "0005_versions_and_outbox"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OutboxEntry"),
                migrations.DeleteModel(name="VersionCounterRow"),
            ],
            database_operations=[],
        ),
    ]
