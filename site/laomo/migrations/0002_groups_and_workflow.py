"""The editorial groups and the two-step moderation workflow.

编辑 edit and submit for review; 审核 approve and publish; 档案管理员 manage honoree records and imports.
Wagtail's own 'Editors'/'Moderators' groups are renamed so there is one set of groups, in Chinese.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "编辑": ["add_page", "change_page"],
    "审核": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = [
    ("media", "siteimage", "add_siteimage"),
    ("media", "siteimage", "change_siteimage"),
    ("media", "siteimage", "choose_siteimage"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]
ARCHIVE_MODELS = ["honoree", "honour", "honouralias", "district", "industry"]


def ensure_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def approval_task(apps, name, group):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name, content_type=task_type, active=True)
    task.groups.set([group])
    return task


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Group.objects.filter(name="Editors").update(name="编辑")
    Group.objects.filter(name="Moderators").update(name="审核")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ("编辑", "审核", "档案管理员")}

    access_admin = ensure_permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in groups.values():
        group.permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for group_name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = ensure_permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=groups[group_name], page=root_page, permission=permission)
    for group in groups.values():
        for app_label, model, codename in MEDIA_PERMISSIONS:
            permission = ensure_permission(apps, app_label, model, codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=permission)

    archivist = groups["档案管理员"]
    for model in ARCHIVE_MODELS:
        for action in ("add", "change", "delete", "view"):
            archivist.permissions.add(ensure_permission(apps, "archive", model, f"{action}_{model}"))
    for action in ("publish", "lock", "unlock"):
        archivist.permissions.add(ensure_permission(apps, "archive", "honoree", f"{action}_honoree"))

    # Replace Wagtail's one-step default with two steps for every page: 初审 then 终审, both by 审核.
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.filter(page=root_page).delete()
    workflow, _ = Workflow.objects.get_or_create(name="两级审核", defaults={"active": True})
    for order, task_name in enumerate(("初审", "终审")):
        task = approval_task(apps, task_name, groups["审核"])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowPage.objects.create(page=root_page, workflow=workflow)

    # Honoree records: one check by an archivist.
    archive_workflow, _ = Workflow.objects.get_or_create(name="档案审核", defaults={"active": True})
    task = approval_task(apps, "档案核对", archivist)
    WorkflowTask.objects.get_or_create(workflow=archive_workflow, task=task, defaults={"sort_order": 0})
    honoree_type, _ = ContentType.objects.get_or_create(app_label="archive", model="honoree")
    WorkflowContentType.objects.update_or_create(content_type=honoree_type, defaults={"workflow": archive_workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("laomo", "0001_initial"),
        ("archive", "0002_initial"),
        ("media", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        # wagtailmedia grants its permissions to the groups "Editors" and "Moderators", which this migration renames
        # 编辑 and 审核: it must run first, whatever order the rest of the graph suggests.
        ("wagtailmedia", "0003_copy_media_permissions_to_collections"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
