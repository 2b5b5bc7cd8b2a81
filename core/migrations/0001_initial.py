"""The version counters and the outbox, moved from the laomo app: their tables stay as they are (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("laomo", "0005_versions_and_outbox")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("task", models.CharField(max_length=64)),
                        ("ids", models.JSONField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("claimed_by", models.CharField(blank=True, max_length=64)),
                        ("claimed_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "待办索引任务",
                        "verbose_name_plural": "待办索引任务",
                        "db_table": "laomo_outboxentry",
                    },
                ),
                migrations.CreateModel(
                    name="VersionCounterRow",
                    fields=[
                        ("name", models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ("value", models.BigIntegerField()),
                    ],
                    options={
                        "verbose_name": "数据版本",
                        "verbose_name_plural": "数据版本",
                        "db_table": "laomo_versioncounterrow",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
