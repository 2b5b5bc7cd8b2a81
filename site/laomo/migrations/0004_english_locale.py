"""The English locale, and 翻译 (Wagtail's simple translation) for the editorial groups.

Pages get an English version through Wagtail's locales (settings: WAGTAIL_I18N_ENABLED); the locale must exist
before an editor can copy a page into it. 编辑 may create the English copy and 审核 may too; publishing it goes
through the same two-step review as any other page.
"""

from django.db import migrations

TRANSLATING_GROUPS = ("编辑", "审核")


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")

    Locale.objects.get_or_create(language_code="en")
    content_type, _ = ContentType.objects.get_or_create(app_label="simple_translation", model="simpletranslation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for group in Group.objects.filter(name__in=TRANSLATING_GROUPS):
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=TRANSLATING_GROUPS):
        group.permissions.remove(*Permission.objects.filter(codename="submit_translation"))


class Migration(migrations.Migration):
    dependencies = [
        ("laomo", "0003_content_page_body_blocks"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
