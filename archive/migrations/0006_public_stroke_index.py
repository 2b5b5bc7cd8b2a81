from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_english_names_and_biography"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="honoree",
            index=models.Index(
                condition=models.Q(("live", True), ("withdrawn", False)),
                fields=["stroke_key", "external_id"],
                name="honoree_public_stroke",
            ),
        ),
    ]
