"""Served on the content origin only (see lms.packages.isolation)."""

from django.urls import path

from . import views

app_name = "h5p"
urlpatterns = [
    path("play/<str:token>/", views.player, name="player"),
    path(
        "play/<str:token>/state/<str:sub_content_id>/<str:data_type>/",
        views.state,
        name="state",
    ),
    path("play/<str:token>/statements/", views.statements, name="statements"),
    path("files/<str:files_token>/<path:path>", views.content_file, name="file"),
    path("libraries/", views.libraries_root, name="libraries"),
    path("libraries/<str:folder>/<path:path>", views.library_file, name="library"),
]
