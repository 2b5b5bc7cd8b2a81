from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("corrections/new/", views.correction_new, name="correction_new"),
    path("corrections/thanks/", views.correction_thanks, name="correction_thanks"),
    path("m/<str:external_id>", views.short_redirect, name="short"),
    path("m/<str:external_id>/", views.short_redirect),
    path("share/card/<str:external_id>/", views.share_card, name="share_card"),
    path("share/qr.svg", views.qr_code, name="qr"),
    path("preferences/elder/", views.elder_preference, name="elder"),
]
