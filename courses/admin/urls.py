from django.urls import path

from .enrol import EnrolPeopleView
from .export import EnrolmentExportView
from .listing import URL_NAMESPACE, CourseListView, EnrolmentIndexView
from .withdraw import ReEnrolView, WithdrawView

app_name = URL_NAMESPACE
urlpatterns = [
    path("enrolments/", CourseListView.as_view(), name="courses"),
    path(
        "enrolments/results/",
        CourseListView.as_view(results_only=True),
        name="courses_results",
    ),
    path("<int:course_id>/enrolments/", EnrolmentIndexView.as_view(), name="index"),
    path(
        "<int:course_id>/enrolments/results/",
        EnrolmentIndexView.as_view(results_only=True),
        name="index_results",
    ),
    path(
        "<int:course_id>/enrolments/export/",
        EnrolmentExportView.as_view(),
        name="export",
    ),
    path("<int:course_id>/enrolments/add/", EnrolPeopleView.as_view(), name="add"),
    path(
        "<int:course_id>/enrolments/<int:user_id>/withdraw/",
        WithdrawView.as_view(),
        name="withdraw",
    ),
    path(
        "<int:course_id>/enrolments/<int:user_id>/re-enrol/",
        ReEnrolView.as_view(),
        name="re_enrol",
    ),
]
