"""Served on the content origin only (see middleware)."""

from django.urls import path

from . import views

app_name = "scorm"
urlpatterns = [
    path("play/<str:token>/", views.player, name="player"),
    path("play/<str:token>/deliver/", views.deliver, name="deliver"),
    path("play/<str:token>/commit/", views.commit, name="commit"),
    path("files/<str:files_token>/<path:path>", views.package_file, name="file"),
]
