from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.dictionary_home, name="home"),
    path("<str:external_id>/", views.entry, name="entry"),
]
