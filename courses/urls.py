from django.urls import path

from . import views

urlpatterns = [path("hoc-tap/", views.my_learning, name="my_learning")]
