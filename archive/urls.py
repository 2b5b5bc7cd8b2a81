from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.dictionary_home, name="home"),
    # Before the entry pattern, which would otherwise read "statistics" as an 编号.
    path("statistics/", views.statistics, name="statistics"),
    path("<str:external_id>/", views.entry, name="entry"),
]
