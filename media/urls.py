from django.urls import path

from . import views

app_name = "lectures"

urlpatterns = [
    path(
        "<int:video_id>/<path:path>",
        views.serve_lecture_file,
        name="serve_file",
    ),
]
