"""The admin of classes: listing and editing scoped to the user's units,
the overview, enrolling people, taking a learner out, and applications."""

import datetime

import pytest
from django.urls import reverse

from lms.training import enrolment
from lms.training.models import ClassMember, Instructor, Session, TrainingClass

from .conftest import admin_login, make_class, person_user
from .test_checkin import make_session

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def class_b(course, tree):
    return make_class(course, tree["province_b"], code="lop-b", title="Lớp Nghệ An")


def test_the_class_listing_shows_only_classes_of_the_users_units(
    client, training_class, class_b, manager_a, staff
):
    admin_login(client, manager_a)
    page = client.get(reverse("training_classes:index")).content.decode()
    assert training_class.title in page
    assert "Lớp Nghệ An" not in page
    admin_login(client, staff)
    page = client.get(reverse("training_classes:index")).content.decode()
    assert "Lớp Nghệ An" in page


def test_a_class_of_another_province_cannot_be_edited_or_seen(
    client, training_class, manager_b
):
    admin_login(client, manager_b)
    for url in (
        reverse("training_classes:edit", args=[training_class.pk]),
        reverse("training_admin:class_dashboard", args=[training_class.pk]),
        reverse("training_admin:enrol_people", args=[training_class.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_partner_units_manager_sees_the_class_but_not_to_edit_it(
    client, training_class, manager_b, tree
):
    training_class.partners.add(tree["province_b"])
    admin_login(client, manager_b)
    dashboard = reverse("training_admin:class_dashboard", args=[training_class.pk])
    assert client.get(dashboard).status_code == 200
    edit = reverse("training_classes:edit", args=[training_class.pk])
    assert client.get(edit).status_code == 404


def test_a_partner_manager_sees_only_their_own_people_in_the_class(
    client, training_class, manager_b, staff, learner_a, learner_b, tree
):
    training_class.partners.add(tree["province_b"])
    enrolment.enrol_people(
        training_class=training_class, users=[learner_a, learner_b], by=staff
    )
    admin_login(client, manager_b)
    page = client.get(
        reverse("training_admin:class_dashboard", args=[training_class.pk])
    ).content.decode()
    assert "Hoàng Văn Nam" in page
    assert "Nguyễn Thị Hoa" not in page


def formset(prefix, *rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def class_form(course, tree, *, sessions=(), instructors=(), budget=(), initial=0):
    day = datetime.date.today()
    return {
        "course": course.pk,
        "code": "2026-kn-01",
        "title": "Lớp kỹ năng 01",
        "organiser": tree["province_a"].pk,
        "status": "published",
        "partners": [tree["district_b"].pk],
        "mode": "blended",
        "starts_on": day.isoformat(),
        "ends_on": (day + datetime.timedelta(days=5)).isoformat(),
        "venue": "Hội trường",
        "capacity": "40",
        "description": "",
        **formset("instructor_links", *instructors),
        **formset("sessions", *sessions, initial=initial),
        **formset("budget_lines", *budget),
    }


def session_row(title="Khai giảng", **fields):
    return {
        "title": title,
        "kind": "lecture",
        "date": datetime.date.today().isoformat(),
        "start_time": "08:00",
        "end_time": "11:30",
        "counts_for_attendance": "on",
        **fields,
    }


def test_staff_create_a_class_with_sessions_instructors_and_budget(
    client, staff, course, tree
):
    teacher = Instructor.objects.create(
        full_name="Nguyễn Văn Khách", institution="Học viện Chính trị", is_adjunct=True
    )
    admin_login(client, staff)
    data = class_form(
        course,
        tree,
        sessions=[session_row()],
        instructors=[{"instructor": teacher.pk, "role": "speaker"}],
        budget=[
            {
                "source": "central",
                "description": "Thù lao giảng viên",
                "planned": "12000000",
                "spent": "0",
            }
        ],
    )
    response = client.post(reverse("training_classes:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = TrainingClass.objects.get(code="2026-kn-01")
    assert created.created_by == staff
    assert created.sessions.get().title == "Khai giảng"
    assert created.budget_lines.get().planned == 12_000_000
    assert created.instructor_links.get().instructor == teacher


def test_a_manager_cannot_organise_a_class_for_a_unit_outside_their_scope(
    client, manager_a, tree, course
):
    admin_login(client, manager_a)
    page = client.get(reverse("training_classes:add")).content.decode()
    assert "Tỉnh Lào Cai" in page
    assert "Tỉnh Nghệ An" not in page


def test_the_overview_lists_sessions_and_learners(
    client, training_class, staff, learner_a
):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    make_session(training_class, title="Khai giảng lớp")
    admin_login(client, staff)
    page = client.get(
        reverse("training_admin:class_dashboard", args=[training_class.pk])
    ).content.decode()
    assert "Khai giảng lớp" in page
    assert "Nguyễn Thị Hoa" in page


def test_staff_enrol_a_unit_after_a_preview(client, training_class, staff, tree):
    people = [
        person_user(tree["commune_a"], f"Học viên {n}", f"091300000{n}")
        for n in range(3)
    ]
    admin_login(client, staff)
    url = reverse("training_admin:enrol_people", args=[training_class.pk])
    preview = client.post(url, {"unit": tree["commune_a"].pk, "action": "preview"})
    assert "3 people chosen" in preview.content.decode()
    assert not ClassMember.objects.exists()
    client.post(url, {"unit": tree["commune_a"].pk, "action": "confirm"})
    enrolled = set(
        ClassMember.objects.filter(status="enrolled").values_list("user_id", flat=True)
    )
    assert enrolled == {u.pk for u in people}


def test_taking_a_learner_out_gives_the_seat_to_the_waiting_list(
    client, course, tree, staff, learner_a
):
    small = make_class(course, tree["province_a"], capacity=1)
    waiting = person_user(tree["commune_a"], "Đặng Văn Ước", "0913000009")
    enrolment.enrol_people(training_class=small, users=[learner_a, waiting], by=staff)
    member = ClassMember.objects.get(user=learner_a)
    admin_login(client, staff)
    url = reverse("training_admin:withdraw_member", args=[small.pk, member.pk])
    assert "Nguyễn Thị Hoa" in client.get(url).content.decode()
    client.post(url)
    assert ClassMember.objects.get(user=waiting).status == "enrolled"


def test_a_manager_approves_and_declines_the_applications_of_their_people(
    client, training_class, manager_a, learner_a, tree
):
    other = person_user(tree["district_a"], "Đặng Văn Ước", "0913000009")
    first = enrolment.apply(training_class=training_class, user=learner_a)
    second = enrolment.apply(training_class=training_class, user=other)
    admin_login(client, manager_a)
    url = reverse("training_admin:applications")
    page = client.get(url).content.decode()
    assert "Nguyễn Thị Hoa" in page and "Đặng Văn Ước" in page
    client.post(url, {"member": first.pk, "decision": "approve"})
    client.post(url, {"member": second.pk, "decision": "decline", "reason": "Đủ lớp"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.note) == (
        "enrolled",
        "rejected",
        "Đủ lớp",
    )


def test_applications_of_other_units_are_not_listed_nor_decidable(
    client, training_class, manager_b, learner_a
):
    member = enrolment.apply(training_class=training_class, user=learner_a)
    admin_login(client, manager_b)
    url = reverse("training_admin:applications")
    assert "Nguyễn Thị Hoa" not in client.get(url).content.decode()
    assert (
        client.post(url, {"member": member.pk, "decision": "approve"}).status_code
        == 404
    )
    member.refresh_from_db()
    assert member.status == "pending"


def test_a_learner_has_no_access_to_applications(client, learner_a):
    admin_login(client, learner_a)
    response = client.get(reverse("training_admin:applications"))
    assert response.status_code in (302, 403)


def test_a_session_with_marks_cannot_be_deleted_in_the_class_form(
    client, staff, course, tree, learner_a
):
    """Attendance is learner data: a session with marks keeps them."""
    from lms.training import attendance

    admin_login(client, staff)
    data = class_form(course, tree, sessions=[session_row()])
    client.post(reverse("training_classes:add"), data)
    created = TrainingClass.objects.get(code="2026-kn-01")
    session = created.sessions.get()
    enrolment.enrol_people(training_class=created, users=[learner_a], by=staff)
    attendance.record(
        session=session, marks=[attendance.Mark(learner_a.pk, "present")], by=staff
    )
    removal = class_form(
        course,
        tree,
        sessions=[session_row(id=session.pk, DELETE="on", ORDER="1")],
        initial=1,
    )
    response = client.post(reverse("training_classes:edit", args=[created.pk]), removal)
    assert response.status_code == 200
    assert "has attendance marks" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()
