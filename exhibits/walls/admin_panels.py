"""The wall's layout status in its edit view: when it was computed or pinned, and characters to check."""

from django.urls import reverse

from wagtail.admin.panels import Panel

from .placements import WallLayoutState


class LayoutStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "exhibits/walls/admin/layout_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            wall = self.instance
            state = WallLayoutState.objects.filter(wall_id=wall.pk).first() if wall.pk else None
            context.update(
                wall=wall,
                state=state,
                relayout_url=reverse("walls_admin:relayout", args=[wall.pk]) if wall.pk else "",
                report_url=reverse("walls_admin:report"),
            )
            return context
