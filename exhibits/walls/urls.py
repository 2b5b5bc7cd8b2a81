"""Non-page URLs of the walls: one panel as an HTML fragment (for walls.js) and the printable card.

Plain Django views, so a panel fetch skips Wagtail's page routing. Mounted at /walls/ before Wagtail's
catch-all; the walls themselves are pages (/walls/<slug>/ with the demo tree).
"""

from django.urls import path

from . import views

app_name = "walls"

urlpatterns = [
    path("<str:slug>/panel/<int:number>/", views.panel_fragment, name="panel"),
    path("<str:slug>/card/<str:external_id>/", views.name_card, name="card"),
]
