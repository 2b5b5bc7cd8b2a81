from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import admin_views
from .viewsets import ArchiveViewSetGroup

register_snippet(ArchiveViewSetGroup)


@hooks.register("register_admin_urls")
def register_archive_admin_urls():
    return [path("archive/", include((admin_views.urlpatterns, "archive_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return request.user.has_perms(self.permissions)


@hooks.register(ArchiveViewSetGroup.submenu_hook)
def import_menu_item():
    return PermissionMenuItem(
        "导入记录",
        reverse("archive_admin:import"),
        icon_name="upload",
        order=100,
        permissions=admin_views.IMPORT_PERMISSIONS,
    )


@hooks.register(ArchiveViewSetGroup.submenu_hook)
def export_menu_item():
    return PermissionMenuItem(
        "导出记录",
        reverse("archive_admin:export"),
        icon_name="download",
        order=101,
        permissions=admin_views.EXPORT_PERMISSIONS,
    )
