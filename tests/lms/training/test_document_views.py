"""The admin's downloads (schedule, sign-in sheet, attendance sheet,
enrolment template) and uploads (attendance, enrolment): who gets them."""

import datetime
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.users.models import UserProfile

from lms.org import api as org
from lms.org.data import Role
from lms.training import enrolment
from lms.training.admin.documents import class_page_url
from lms.training.models import Attendance, ClassInstructor, Instructor, Session

from .conftest import person_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def session(training_class, staff, learner_a):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    return Session.objects.create(
        training_class=training_class,
        title="Kỹ năng tuyên truyền",
        date=datetime.date(2026, 3, 2),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 0),
    )


@pytest.fixture
def instructor(training_class, tree):
    user = person_user(tree["central"], "Đỗ Minh Khoa", "0911000401")
    org.grant_role(user=user, role=Role.INSTRUCTOR)
    teacher = Instructor.objects.create(full_name="Đỗ Minh Khoa", user=user)
    ClassInstructor.objects.create(training_class=training_class, instructor=teacher)
    return user


def login(client, user):
    """Log in with the admin in English (the admin follows the user's
    preferred language, Vietnamese by default)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def denied(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its
    home page and a message ("you do not have permission")."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def url(name, *args):
    return reverse(f"training_admin:{name}", args=args)


def xlsx_upload(data: bytes, name="tep.xlsx"):
    return SimpleUploadedFile(name, data)


def workbook_bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- downloads


@pytest.mark.parametrize("user", ["staff", "manager_a", "instructor"])
def test_people_of_the_class_download_its_schedule_and_sign_in_sheet(
    client, request, training_class, session, user
):
    login(client, request.getfixturevalue(user))
    for address in [
        url("class_schedule_pdf", training_class.pk),
        url("sign_in_sheet_pdf", session.pk),
    ]:
        response = client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_the_attendance_sheet_downloads_as_a_workbook(
    client, staff, training_class, session
):
    login(client, staff)
    response = client.get(url("attendance_sheet_xlsx", training_class.pk))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["C4"].value == "Nguyễn Thị Hoa"


def test_a_class_out_of_the_users_units_is_not_found(
    client, manager_b, training_class, session
):
    login(client, manager_b)
    for address in [
        url("class_schedule_pdf", training_class.pk),
        url("sign_in_sheet_pdf", session.pk),
        url("attendance_sheet_xlsx", training_class.pk),
        url("import_attendance", training_class.pk),
        url("import_enrolment", training_class.pk),
    ]:
        assert client.get(address).status_code == 404


def test_a_partner_unit_sees_the_papers_but_may_not_import(
    client, manager_b, training_class, tree
):
    training_class.partners.add(tree["province_b"])
    login(client, manager_b)
    assert client.get(url("class_schedule_pdf", training_class.pk)).status_code == 200
    assert denied(client.get(url("import_attendance", training_class.pk)))
    assert denied(client.get(url("import_enrolment", training_class.pk)))


def test_an_instructor_imports_attendance_but_not_learners(
    client, instructor, training_class
):
    login(client, instructor)
    assert client.get(url("import_attendance", training_class.pk)).status_code == 200
    assert denied(client.get(url("import_enrolment", training_class.pk)))
    assert denied(client.get(url("enrolment_template")))


def test_the_enrolment_template_downloads_for_those_who_enrol(client, manager_a):
    login(client, manager_a)
    response = client.get(url("enrolment_template"))
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).active["B1"].value == "Họ và tên"


def test_learners_cannot_reach_the_admin_papers(client, learner_a, training_class):
    login(client, learner_a)
    response = client.get(url("class_schedule_pdf", training_class.pk))
    assert response.status_code == 302  # to the admin's login


# ------------------------------------------------------------------ uploads


def expected_redirect(training_class, fallback):
    return class_page_url(training_class) or url(fallback, training_class.pk)


def test_the_attendance_import_page_offers_the_sheet(client, staff, training_class):
    login(client, staff)
    response = client.get(url("import_attendance", training_class.pk))
    assert response.status_code == 200
    assert url("attendance_sheet_xlsx", training_class.pk) in response.content.decode()


def test_an_imported_attendance_sheet_saves_the_marks_and_goes_back_to_the_class(
    client, staff, training_class, session, learner_a
):
    login(client, staff)
    sheet = client.get(url("attendance_sheet_xlsx", training_class.pk)).content
    workbook = load_workbook(BytesIO(sheet))
    workbook.active["F4"] = "C"

    address = url("import_attendance", training_class.pk)
    response = client.post(address, {"file": xlsx_upload(workbook_bytes(workbook))})

    assert response.status_code == 302
    assert response["Location"] == expected_redirect(
        training_class, "import_attendance"
    )
    mark = Attendance.objects.get(session=session, user=learner_a)
    assert (mark.status, mark.method, mark.marked_by) == ("present", "import", staff)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The attendance sheet was imported: 1 mark changed."
    ]


def test_a_sheet_with_mistakes_lists_them_and_saves_nothing(
    client, staff, training_class, session
):
    login(client, staff)
    sheet = client.get(url("attendance_sheet_xlsx", training_class.pk)).content
    workbook = load_workbook(BytesIO(sheet))
    workbook.active["F4"] = "X"

    address = url("import_attendance", training_class.pk)
    response = client.post(address, {"file": xlsx_upload(workbook_bytes(workbook))})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "<td>4</td>" in page and "<td>F</td>" in page
    assert "is not a mark: write C, M, P or V" in page
    assert not Attendance.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(
    client, staff, training_class
):
    login(client, staff)
    address = url("import_attendance", training_class.pk)
    response = client.post(
        address, {"file": xlsx_upload(b"%PDF-1.7", "diem-danh.xlsx")}
    )
    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith("This is not an Excel workbook (.xlsx).")
    )


def test_an_imported_enrolment_file_enrols_and_goes_back_to_the_class(
    client, manager_a, training_class, learner_a
):
    login(client, manager_a)
    workbook = Workbook()
    workbook.active.append(["STT", "Họ và tên", "Số điện thoại"])
    workbook.active.append([1, "Nguyễn Thị Hoa", "0911000201"])

    address = url("import_enrolment", training_class.pk)
    response = client.post(address, {"file": xlsx_upload(workbook_bytes(workbook))})

    assert response.status_code == 302
    assert response["Location"] == expected_redirect(training_class, "import_enrolment")
    assert training_class.members.get().user == learner_a
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The learners were imported. Enrolled: 1; on the waiting list: 0; "
        "already in the class: 0."
    ]


def test_an_enrolment_file_with_people_elsewhere_enrols_nobody(
    client, manager_a, training_class, learner_a, learner_b
):
    login(client, manager_a)
    workbook = Workbook()
    workbook.active.append(["STT", "Họ và tên", "Số điện thoại"])
    workbook.active.append([1, "Nguyễn Thị Hoa", "0911000201"])
    workbook.active.append([2, "Hoàng Văn Nam", "0911000202"])

    address = url("import_enrolment", training_class.pk)
    response = client.post(address, {"file": xlsx_upload(workbook_bytes(workbook))})

    assert response.status_code == 200
    assert "No person with this phone number was found in your units." in (
        response.content.decode()
    )
    assert not training_class.members.exists()
