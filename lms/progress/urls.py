from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [path("watch/", views.watch_report, name="watch_report")]
