"""Public pages: the class page with applying and leaving, the learner's
schedule, the QR check-in page and screen, and roll call."""

import re

import pytest
from django.urls import reverse

from lms.training import checkin, enrolment
from lms.training.models import Attendance, ClassMember

from .test_checkin import make_session

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def session(training_class, learner_a, staff):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    return make_session(training_class, venue="Hội trường tầng 3")


def class_url(training_class, name="training:class_detail"):
    return reverse(name, args=[training_class.code])


def test_the_class_page_shows_facts_schedule_and_an_apply_button(
    client, training_class, learner_a
):
    make_session(training_class, title="Kỹ năng tuyên truyền")
    client.force_login(learner_a)
    page = client.get(class_url(training_class)).content.decode()
    assert training_class.title in page
    assert "Kỹ năng tuyên truyền" in page
    assert "Apply for this class" in page


def test_a_draft_class_is_not_found(client, training_class):
    training_class.status = "draft"
    training_class.save()
    assert client.get(class_url(training_class)).status_code == 404


def test_a_learner_applies_from_the_class_page(client, training_class, learner_a):
    client.force_login(learner_a)
    response = client.post(class_url(training_class, "training:apply"), {"note": "x"})
    assert response.status_code == 302
    assert ClassMember.objects.get(user=learner_a).status == "pending"
    page = client.get(class_url(training_class)).content.decode()
    assert "Awaiting approval" in page


def test_an_application_refused_says_why(client, training_class, learner_b):
    client.force_login(learner_b)
    response = client.post(class_url(training_class, "training:apply"), follow=True)
    assert "This class is for cadres of" in response.content.decode()
    assert not ClassMember.objects.exists()


def test_a_learner_leaves_the_class(client, session, training_class, learner_a):
    client.force_login(learner_a)
    client.post(class_url(training_class, "training:leave"))
    assert ClassMember.objects.get(user=learner_a).status == "withdrawn"


def test_my_schedule_lists_the_sessions_of_my_classes(client, session, learner_a):
    client.force_login(learner_a)
    page = client.get(reverse("training:my_schedule")).content.decode()
    assert session.title in page
    assert "Hội trường tầng 3" in page


# --- QR check-in


def check_in_url(session, code=None):
    return reverse(
        "training:check_in", args=[session.pk, code or checkin.screen_code(session)]
    )


def claim_in(page: str) -> str:
    return re.search(r'name="claim" value="([^"]+)"', page).group(1)


def test_a_scanned_code_opens_a_page_that_checks_the_learner_in(
    client, session, learner_a
):
    client.force_login(learner_a)
    url = check_in_url(session)
    page = client.get(url).content.decode()
    response = client.post(url, {"claim": claim_in(page)})
    assert response.status_code == 200
    assert "Checked in at" in response.content.decode()
    assert Attendance.objects.get().user == learner_a


def test_a_learner_not_logged_in_logs_in_and_checks_in_on_the_same_page(
    client, session, learner_a
):
    url = check_in_url(session)
    page = client.get(url).content.decode()
    assert 'name="password"' in page
    response = client.post(
        url,
        {"claim": claim_in(page), "username": "0911000201", "password": "mat-khau-123"},
    )
    assert "Checked in at" in response.content.decode()
    assert Attendance.objects.get().user == learner_a


def test_a_wrong_password_checks_nobody_in(client, session):
    url = check_in_url(session)
    page = client.get(url).content.decode()
    response = client.post(
        url, {"claim": claim_in(page), "username": "0911000201", "password": "sai"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_check_in_page_is_tiny(client, session, learner_a):
    client.force_login(learner_a)
    response = client.get(check_in_url(session))
    assert len(response.content) < 4096
    assert b"<script" not in response.content
    assert b'rel="stylesheet"' not in response.content


def test_a_refused_code_shows_the_reason(client, session, learner_a, settings):
    client.force_login(learner_a)
    settings.HOCVIEN_TRAINING_CODE_SECONDS = -1
    response = client.get(check_in_url(session))
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_the_screen_is_for_staff_and_instructors_only(
    client, session, learner_a, staff, manager_b
):
    url = reverse("training:check_in_screen", args=[session.pk])
    client.force_login(learner_a)
    assert client.get(url).status_code == 403
    client.force_login(manager_b)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "<svg" in page
    assert "0</span> / 1" in page


def test_the_screen_gets_a_new_code_and_the_count(client, session, staff, learner_a):
    client.force_login(staff)
    url = reverse("training:check_in_code", args=[session.pk])
    first, second = client.get(url).json(), client.get(url).json()
    assert first["url"] != second["url"]
    assert first["svg"].startswith("<svg")
    assert first["checked_in"] == 0


# --- roll call


def test_roll_call_saves_marks_and_the_others_present(
    client, session, training_class, staff, tree
):
    from .conftest import person_user

    other = person_user(tree["commune_a"], "Đặng Văn Ước", "0911000301")
    enrolment.enrol_people(training_class=training_class, users=[other], by=staff)
    learner = ClassMember.objects.exclude(user=other).get().user
    client.force_login(staff)
    url = reverse("training:roll_call", args=[session.pk])
    assert "Đặng Văn Ước" in client.get(url).content.decode()
    client.post(
        url,
        {
            f"status-{learner.pk}": "excused",
            f"note-{learner.pk}": "Ốm",
            "all_present": "1",
        },
    )
    marks = dict(Attendance.objects.values_list("user_id", "status"))
    assert marks == {learner.pk: "excused", other.pk: "present"}


def test_roll_call_is_refused_to_other_units_managers(client, session, manager_b):
    client.force_login(manager_b)
    url = reverse("training:roll_call", args=[session.pk])
    assert client.get(url).status_code == 403


def test_the_sessions_instructor_may_take_roll_call(
    client, session, training_class, tree
):
    from lms.training.models import ClassInstructor, Instructor

    from .conftest import person_user

    teacher = person_user(tree["central"], "Vũ Thị Giảng", "0911000401")
    instructor = Instructor.objects.create(full_name="Vũ Thị Giảng", user=teacher)
    ClassInstructor.objects.create(training_class=training_class, instructor=instructor)
    client.force_login(teacher)
    url = reverse("training:roll_call", args=[session.pk])
    assert client.get(url).status_code == 200
