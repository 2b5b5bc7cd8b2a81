"""Let the editorial groups upload, edit and choose images.

Wagtail checks the `wagtailimages` collection permissions (add_image, change_image, choose_image) even for a
custom image model such as SiteImage; granting only media.add_siteimage (laomo 0002) left 编辑 unable to upload.
"""

from django.db import migrations

GROUPS = ("编辑", "审核", "档案管理员")
CODENAMES = ("add_image", "change_image", "choose_image")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_collection = Collection.objects.filter(depth=1).first()
    image_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=image_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        for group in Group.objects.filter(name__in=GROUPS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0002_films_captions_galleries"),
        ("laomo", "0002_groups_and_workflow"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
