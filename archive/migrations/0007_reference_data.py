"""Honours, their aliases, districts and industries, so that a freshly migrated database imports the dictionary."""

from django.db import migrations

from archive.reference import ensure_reference_data


def create_reference_data(apps, schema_editor):
    ensure_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_public_stroke_index"),
    ]

    operations = [
        # Reversing keeps the rows: records and awards refer to them, and archivists may have edited them.
        migrations.RunPython(create_reference_data, migrations.RunPython.noop),
    ]
