"""The attendance sheet and the enrolment file: written, filled in, read back."""

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from lms.training import enrolment, sheets
from lms.training.data import MemberSource, MemberStatus
from lms.training.models import Attendance, ClassMember, Session
from tests.factories import make_person

from .conftest import make_class

pytestmark = pytest.mark.usefixtures("english")

DAY = datetime.date(2026, 3, 2)


def add_session(training_class, *, day=DAY, start=(8, 0), title="Kỹ năng tuyên truyền"):
    return Session.objects.create(
        training_class=training_class,
        title=title,
        date=day,
        start_time=datetime.time(*start),
        end_time=datetime.time(start[0] + 2, start[1]),
    )


def upload(workbook) -> BytesIO:
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def row_of(sheet, user) -> int:
    return next(
        cell.row for cell in sheet["A"] if cell.value == user.pk and cell.row > 3
    )


def errors_of(report):
    return [(error.row, error.column, error.reason) for error in report.errors]


# -------------------------------------------------------- attendance sheet


@pytest.fixture
def classroom(training_class, staff, learner_a, learner_b, tree):
    """A class with two learners and two sessions, the first one marked."""
    training_class.partners.add(tree["province_b"])
    enrolment.enrol_people(
        training_class=training_class, users=[learner_a, learner_b], by=staff
    )
    first = add_session(training_class)
    second = add_session(training_class, start=(14, 0), title="Thảo luận nhóm")
    Attendance.objects.create(
        session=first, user=learner_a, status="late", note="Đến 8h20", method="qr"
    )
    return training_class, first, second


@pytest.fixture
def sheet_of(classroom):
    def make(training_class=None):
        data = sheets.attendance_sheet_xlsx(
            training_class=training_class or classroom[0]
        )
        return load_workbook(BytesIO(data))

    return make


def send_attendance(training_class, workbook, staff, filename="diem-danh.xlsx"):
    return sheets.import_attendance(
        training_class=training_class,
        file=upload(workbook),
        filename=filename,
        by=staff,
    )


def test_the_attendance_sheet_has_a_row_per_learner_and_a_column_per_session(
    classroom, sheet_of, learner_a, learner_b
):
    sheet = sheet_of().active
    assert [sheet.cell(2, c).value for c in range(2, 6)] == [
        "No.",
        "Full name",
        "Phone number",
        "Unit",
    ]
    assert (sheet["F2"].value, sheet["F3"].value) == (
        "02/03 08:00",
        "Kỹ năng tuyên truyền",
    )
    assert (sheet["G2"].value, sheet["G3"].value) == ("02/03 14:00", "Thảo luận nhóm")
    # Vietnamese name order: Hoa before Nam.
    assert [sheet.cell(r, 3).value for r in (4, 5)] == [
        "Nguyễn Thị Hoa",
        "Hoàng Văn Nam",
    ]
    assert (sheet["B4"].value, sheet["D4"].value, sheet["E4"].value) == (
        1,
        "0911000201",
        "Xã a",
    )


def test_the_attendance_sheet_holds_the_current_marks_as_letters(
    classroom, sheet_of, learner_a
):
    sheet = sheet_of().active
    row = row_of(sheet, learner_a)
    assert (sheet[f"F{row}"].value, sheet[f"G{row}"].value) == ("M", None)


def test_the_attendance_sheet_hides_its_keys_and_explains_the_letters(
    classroom, sheet_of, learner_a
):
    _cls, first, second = classroom
    sheet = sheet_of().active
    assert sheet.column_dimensions["A"].hidden and sheet.row_dimensions[1].hidden
    assert (sheet["F1"].value, sheet["G1"].value) == (first.pk, second.pk)
    assert sheet["A4"].value == learner_a.pk
    texts = [c.value for row in sheet.iter_rows(min_row=6) for c in row if c.value]
    assert texts[:5] == ["Marks:", "C", "Present", "M", "Late"]
    assert "V" in texts and "Absent" in texts and "Excused absence" in texts


def test_a_filled_attendance_sheet_records_its_marks_as_a_paper_sheet(
    classroom, sheet_of, staff, learner_a, learner_b
):
    training_class, first, second = classroom
    workbook = sheet_of()
    sheet = workbook.active
    sheet[f"F{row_of(sheet, learner_b)}"] = "v"
    sheet[f"G{row_of(sheet, learner_a)}"] = "C"
    sheet[f"G{row_of(sheet, learner_b)}"] = " p "

    report = send_attendance(training_class, workbook, staff)

    assert report.ok, report.errors
    assert report.counts == {"changed": 3, "unchanged": 1}
    marks = {
        (a.session_id, a.user_id): (a.status, a.method)
        for a in Attendance.objects.all()
    }
    assert marks == {
        (first.pk, learner_a.pk): ("late", "qr"),  # unchanged
        (first.pk, learner_b.pk): ("absent", "import"),
        (second.pk, learner_a.pk): ("present", "import"),
        (second.pk, learner_b.pk): ("excused", "import"),
    }


def test_a_changed_mark_keeps_its_note(classroom, sheet_of, staff, learner_a):
    training_class, first, _second = classroom
    workbook = sheet_of()
    workbook.active[f"F{row_of(workbook.active, learner_a)}"] = "C"
    assert send_attendance(training_class, workbook, staff).ok
    mark = Attendance.objects.get(session=first, user=learner_a)
    assert (mark.status, mark.note, mark.method) == ("present", "Đến 8h20", "import")


def test_an_unknown_letter_writes_nothing_and_every_bad_cell_is_reported(
    classroom, sheet_of, staff, learner_a, learner_b
):
    training_class, *_sessions = classroom
    workbook = sheet_of()
    sheet = workbook.active
    sheet[f"G{row_of(sheet, learner_a)}"] = "C"  # good, but not written
    sheet[f"F{row_of(sheet, learner_b)}"] = "x"
    sheet[f"G{row_of(sheet, learner_b)}"] = "có mặt"

    report = send_attendance(training_class, workbook, staff)

    assert not report.ok
    row = row_of(sheet, learner_b)
    assert errors_of(report) == [
        (row, "F", "“x” is not a mark: write C, M, P or V, or leave the cell empty."),
        (
            row,
            "G",
            "“có mặt” is not a mark: write C, M, P or V, or leave the cell empty.",
        ),
    ]
    assert Attendance.objects.count() == 1


def test_a_row_added_by_hand_is_refused(classroom, sheet_of, staff):
    training_class, *_sessions = classroom
    workbook = sheet_of()
    workbook.active.insert_rows(6)
    workbook.active["C6"], workbook.active["F6"] = "Người mới", "C"

    report = send_attendance(training_class, workbook, staff)

    assert errors_of(report) == [
        (
            6,
            "C",
            "This row is not a learner of the class. Add the learner to the "
            "class, then download a new sheet.",
        )
    ]
    assert Attendance.objects.count() == 1


def test_a_learner_listed_twice_is_refused(classroom, sheet_of, staff, learner_a):
    training_class, *_sessions = classroom
    workbook = sheet_of()
    sheet = workbook.active
    sheet["A5"], sheet["G4"], sheet["G5"] = learner_a.pk, "C", "V"
    report = send_attendance(training_class, workbook, staff)
    assert errors_of(report) == [(5, "C", "This learner is on row 4 too.")]


def test_a_column_of_a_session_of_another_class_is_refused(
    classroom, sheet_of, staff, course, tree
):
    training_class, *_sessions = classroom
    other = add_session(make_class(course, tree["province_a"]))
    workbook = sheet_of()
    workbook.active["G1"] = other.pk
    workbook.active["G4"] = "C"

    report = send_attendance(training_class, workbook, staff)

    assert errors_of(report) == [
        (
            4,
            "G",
            "This column is for a session that is not in this class (it may "
            "have been deleted).",
        )
    ]
    assert Attendance.objects.count() == 1


def test_a_column_without_a_session_is_refused_when_it_has_marks(
    classroom, sheet_of, staff
):
    training_class, *_sessions = classroom
    workbook = sheet_of()
    workbook.active["H2"], workbook.active["H5"] = "09/03 08:00", "C"
    report = send_attendance(training_class, workbook, staff)
    assert [(e.row, e.column) for e in report.errors] == [(5, "H")]


def test_a_learner_no_longer_enrolled_cannot_get_new_marks(
    classroom, sheet_of, staff, learner_a
):
    training_class, *_sessions = classroom
    workbook = sheet_of()
    enrolment.withdraw(member=ClassMember.objects.get(user=learner_a))
    row = row_of(workbook.active, learner_a)
    workbook.active[f"G{row}"] = "C"

    report = send_attendance(training_class, workbook, staff)

    assert errors_of(report) == [
        (
            row,
            "G",
            "This learner is no longer enrolled in the class, so their "
            "marks cannot change.",
        )
    ]


def test_the_marks_a_withdrawn_learner_already_had_may_stay_on_the_sheet(
    classroom, sheet_of, staff, learner_a, learner_b
):
    training_class, first, _second = classroom
    workbook = sheet_of()
    enrolment.withdraw(member=ClassMember.objects.get(user=learner_a))
    workbook.active[f"F{row_of(workbook.active, learner_b)}"] = "C"
    report = send_attendance(training_class, workbook, staff)
    assert report.ok and report.counts == {"changed": 1, "unchanged": 1}


def test_the_sheet_of_another_class_is_refused_as_a_whole(
    classroom, staff, course, tree
):
    training_class, *_sessions = classroom
    other = make_class(course, tree["province_a"])
    workbook = load_workbook(
        BytesIO(sheets.attendance_sheet_xlsx(training_class=other))
    )
    report = send_attendance(training_class, workbook, staff)
    assert errors_of(report) == [
        (
            None,
            "",
            "This is the attendance sheet of another class. Download the "
            "sheet of this class, fill it in and upload it.",
        )
    ]


def test_an_empty_sheet_changes_nothing(classroom, sheet_of, staff):
    training_class, *_sessions = classroom
    report = send_attendance(training_class, sheet_of(), staff)
    assert report.ok and report.counts == {"changed": 0, "unchanged": 1}


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "diem-danh.xlsx", "The file is empty."),
        (b"%PDF-1.7 ...", "diem-danh.xlsx", "This is not an Excel workbook"),
        (
            b"PK\x03\x04 not really a zip",
            "diem-danh.xlsx",
            "This is not an Excel workbook",
        ),
        (b"STT;Ho va ten\n1;Hoa\n", "diem-danh.csv", "This is not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_gets_one_error(
    training_class, staff, content, filename, message
):
    report = sheets.import_attendance(
        training_class=training_class,
        file=BytesIO(content),
        filename=filename,
        by=staff,
    )
    assert not report.ok
    assert len(report.errors) == 1 and report.errors[0].row is None
    assert report.errors[0].reason.startswith(message)


def test_a_file_over_5_mb_gets_one_error(training_class, staff):
    content = b"PK\x03\x04" + b"0" * (5 * 1024 * 1024)
    report = sheets.import_attendance(
        training_class=training_class,
        file=BytesIO(content),
        filename="diem-danh.xlsx",
        by=staff,
    )
    assert errors_of(report) == [
        (None, "", "The file is larger than 5 MB; split it into smaller files.")
    ]


# ---------------------------------------------------------------- enrolment


def enrolment_file(
    *rows, header=("STT", "Họ và tên", "Số điện thoại", "Số CCCD", "Email", "Ghi chú")
):
    workbook = Workbook()
    workbook.active.append(list(header))
    for row in rows:
        workbook.active.append(list(row))
    return upload(workbook)


def send_enrolment(training_class, file, by, filename="hoc-vien.xlsx"):
    return sheets.import_enrolment(
        training_class=training_class, file=file, filename=filename, by=by
    )


@pytest.fixture
def people(tree):
    """Learners of province A found by phone, citizen ID and email."""
    by_id = make_person(
        tree["commune_a"], full_name="Đặng Văn Ước", national_id="001185012345"
    )
    by_email = make_person(
        tree["district_a"], full_name="Lò Thị Mai", email="Mai.Lo@Example.vn"
    )
    return by_id.user, by_email.user


def members(training_class):
    return list(
        training_class.members.order_by("pk").values_list(
            "user__first_name", "status", "source"
        )
    )


def test_the_enrolment_template_has_the_columns_in_order():
    workbook = load_workbook(BytesIO(sheets.enrolment_template_xlsx()))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header == [
        "STT",
        "Họ và tên",
        "Số điện thoại",
        "Số CCCD",
        "Email",
        "Ghi chú",
    ]
    assert len(workbook.worksheets) == 2  # how to fill it in


def test_learners_are_enrolled_by_phone_citizen_id_or_email_in_file_order(
    training_class, manager_a, learner_a, people
):
    report = send_enrolment(
        training_class,
        enrolment_file(
            (1, "Đặng Văn Ước", None, 1185012345),  # an ID cell that lost its zeros
            (2, "nguyen thi hoa", 911000201),  # a phone cell that lost its zero
            (3, None, None, None, "mai.lo@example.vn"),
        ),
        manager_a,
    )
    assert report.ok, report.errors
    assert report.counts == {"enrolled": 3, "waitlisted": 0, "unchanged": 0}
    assert members(training_class) == [
        ("Đặng Văn Ước", "enrolled", "import"),
        ("Nguyễn Thị Hoa", "enrolled", "import"),
        ("Lò Thị Mai", "enrolled", "import"),
    ]


def test_learners_past_the_last_seat_wait_and_members_stay_as_they_are(
    training_class, staff, learner_a, people
):
    training_class.capacity = 2
    training_class.save()
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    report = send_enrolment(
        training_class,
        enrolment_file(
            (1, "Nguyễn Thị Hoa", "0911000201"),
            (2, "", "", "001185012345"),
            (3, "", "", "", "mai.lo@example.vn"),
        ),
        staff,
    )
    assert report.counts == {"enrolled": 1, "waitlisted": 1, "unchanged": 1}
    assert [status for _n, status, _s in members(training_class)] == [
        MemberStatus.ENROLLED,
        MemberStatus.ENROLLED,
        MemberStatus.WAITLISTED,
    ]


def test_people_outside_the_importers_units_are_not_found(
    training_class, manager_a, learner_a, learner_b
):
    report = send_enrolment(
        training_class,
        enrolment_file(
            (1, "Nguyễn Thị Hoa", "0911000201"),
            (2, "Hoàng Văn Nam", "0911000202"),  # province B
            (3, "Không Có Ai", "0988777666"),  # nobody
            (4, "", "", "", "ai@example.vn"),
        ),
        manager_a,
    )
    assert errors_of(report) == [
        (3, "C", "No person with this phone number was found in your units."),
        (4, "C", "No person with this phone number was found in your units."),
        (5, "E", "No person with this email address was found in your units."),
    ]
    assert not ClassMember.objects.exists()


def test_a_superuser_enrols_people_anywhere(
    training_class, learner_b, django_user_model
):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    report = send_enrolment(
        training_class, enrolment_file((1, "", "0911000202")), admin
    )
    assert report.ok and report.counts["enrolled"] == 1


def test_a_person_without_a_login_account_is_not_found(
    training_class, manager_a, learner_a
):
    learner_a.delete()
    report = send_enrolment(
        training_class, enrolment_file((1, "", "0911000201")), manager_a
    )
    assert [e.reason for e in report.errors] == [
        "No person with this phone number was found in your units."
    ]


def test_a_name_that_is_not_the_persons_is_refused(
    training_class, manager_a, learner_a
):
    report = send_enrolment(
        training_class,
        enrolment_file((1, "Nguyễn Thị Hoà Bình", "0911000201")),
        manager_a,
    )
    assert errors_of(report) == [
        (2, "B", "The name does not match the person found: Nguyễn Thị Hoa.")
    ]


def test_a_person_listed_twice_is_refused(training_class, manager_a, learner_a):
    report = send_enrolment(
        training_class,
        enrolment_file((1, "", "0911000201"), (2, "", "+84911000201")),
        manager_a,
    )
    assert errors_of(report) == [(3, "C", "This person is already on row 2.")]
    assert not ClassMember.objects.exists()


def test_a_phone_and_an_email_of_different_people_are_refused(
    training_class, manager_a, learner_a, people
):
    report = send_enrolment(
        training_class,
        enrolment_file((1, "", "0911000201", "", "mai.lo@example.vn")),
        manager_a,
    )
    assert errors_of(report) == [
        (
            2,
            "C",
            "The phone number, citizen ID number and email of this row are "
            "of different people.",
        )
    ]


def test_a_row_with_a_name_only_is_refused(training_class, manager_a, learner_a):
    report = send_enrolment(
        training_class, enrolment_file((1, "Nguyễn Thị Hoa")), manager_a
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "B")]


def test_english_headers_in_another_order_are_read(
    training_class, manager_a, learner_a
):
    file = enrolment_file(
        ("0911000201", "Nguyen Thi Hoa"), header=("Phone", "Full name")
    )
    report = send_enrolment(training_class, file, manager_a)
    assert report.ok and report.counts["enrolled"] == 1


def test_a_file_without_a_column_that_finds_people_gets_one_error(
    training_class, manager_a
):
    file = enrolment_file(("Nguyễn Thị Hoa",), header=("Họ và tên",))
    report = send_enrolment(training_class, file, manager_a)
    assert len(report.errors) == 1 and report.errors[0].row is None
    assert "Số điện thoại" in report.errors[0].reason


def test_a_file_with_headers_only_gets_one_error(training_class, manager_a):
    report = send_enrolment(training_class, enrolment_file((1,), (2,)), manager_a)
    assert errors_of(report) == [
        (None, "", "The file has column names but no rows of learners.")
    ]


def test_an_enrolment_file_that_is_not_a_workbook_gets_one_error(
    training_class, manager_a
):
    report = send_enrolment(
        training_class, BytesIO(b"STT,Ho va ten\n"), manager_a, filename="hoc-vien.csv"
    )
    assert len(report.errors) == 1
    assert report.errors[0].reason.startswith("This is not an Excel workbook")


def test_imported_members_are_marked_as_imported(training_class, manager_a, learner_a):
    send_enrolment(training_class, enrolment_file((1, "", "0911000201")), manager_a)
    assert ClassMember.objects.get().source == MemberSource.IMPORT
