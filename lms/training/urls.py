from django.urls import path

from .views import attendance, checkin, classes, evaluations
from .views import surveys as needs_surveys

app_name = "training"

urlpatterns = [
    # --- classes, sessions, check-in
    path("lop-hoc/<slug:code>/", classes.class_detail, name="class_detail"),
    path("lop-hoc/<slug:code>/dang-ky/", classes.apply, name="apply"),
    path("lop-hoc/<slug:code>/roi-lop/", classes.leave, name="leave"),
    path("lich-hoc/", classes.my_schedule, name="my_schedule"),
    path("diem-danh/<int:session_id>/<str:code>/", checkin.check_in, name="check_in"),
    path(
        "buoi-hoc/<int:session_id>/ma-diem-danh/",
        checkin.check_in_screen,
        name="check_in_screen",
    ),
    path(
        "buoi-hoc/<int:session_id>/ma-diem-danh/moi/",
        checkin.check_in_code,
        name="check_in_code",
    ),
    path(
        "buoi-hoc/<int:session_id>/diem-danh/",
        attendance.roll_call,
        name="roll_call",
    ),
    # --- evaluations (lms.training.views.evaluations)
    path("lop-hoc/<slug:code>/danh-gia/", evaluations.evaluate, name="evaluate"),
    # --- needs surveys (lms.training.views.surveys)
    path("khao-sat/<int:pk>/", needs_surveys.needs_survey, name="needs_survey"),
]
