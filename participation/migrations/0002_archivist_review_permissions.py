"""The 档案管理员 group reviews corrections: it may see, decide on (change) and delete (spam) submissions.

Nobody gets "add": submissions come only from the public form.
"""

from django.db import migrations

CODENAMES = ["view_correction", "change_correction", "delete_correction"]


def ensure_permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="participation", model="correction")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    archivist, _ = Group.objects.get_or_create(name="档案管理员")
    for codename in CODENAMES:
        archivist.permissions.add(ensure_permission(apps, codename))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    archivist = Group.objects.filter(name="档案管理员").first()
    if archivist:
        archivist.permissions.remove(
            *Permission.objects.filter(content_type__app_label="participation", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_corrections"),
        ("laomo", "0002_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
