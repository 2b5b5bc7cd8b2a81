"""Editors' tools for the walls: recompute a layout now, and a report of every wall's layout."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .layout import compute_layout
from .models import NameWallPage
from .placements import WallLayoutState


class RelayoutView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST recomputes (a frozen wall only gains addendum names)."""

    template_name = "exhibits/walls/admin/relayout.html"
    page_title = "重新计算排列"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.wall = get_object_or_404(NameWallPage, pk=kwargs["pk"])
        if not self.wall.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.wall.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.wall.pk]), "label": self.wall.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(wall=self.wall, state=WallLayoutState.objects.filter(wall=self.wall).first())
        return context

    def post(self, request, *args, **kwargs):
        report = compute_layout(self.wall)
        messages.success(request, f"{self.wall.title}：{report}")
        return redirect("wagtailadmin_pages:edit", self.wall.pk)


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exhibits/walls/admin/report.html"
    page_title = "劳模墙排列报告"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        walls = NameWallPage.objects.order_by("path")
        states = {state.wall_id: state for state in WallLayoutState.objects.filter(wall__in=walls)}
        context["rows"] = [
            {
                "wall": wall,
                "state": states.get(wall.pk),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[wall.pk]),
                "relayout_url": reverse("walls_admin:relayout", args=[wall.pk]),
            }
            for wall in walls
        ]
        return context


urlpatterns = [
    path("<int:pk>/relayout/", RelayoutView.as_view(), name="relayout"),
    path("report/", ReportView.as_view(), name="report"),
]
