"""The printed schedule and sign-in sheet, read back from the PDF."""

import datetime
from io import BytesIO

import pytest
from django.utils.translation import gettext
from pypdf import PdfReader

from lms.training import documents, enrolment
from lms.training.data import SessionKind
from lms.training.models import ClassInstructor, ClassMember, Instructor, Session
from tests.factories import make_person

from .conftest import person_user

DAY = datetime.date(2026, 3, 2)


def pages_of(data: bytes) -> list[str]:
    """The text of each page, its words joined by single spaces (a long
    name may wrap within its cell)."""
    pages = PdfReader(BytesIO(data)).pages
    return [" ".join(page.extract_text().split()) for page in pages]


def text_of(data: bytes) -> str:
    return "\n".join(pages_of(data))


def add_session(training_class, *, day=DAY, start=(8, 0), end=(11, 30), **fields):
    fields.setdefault("title", "Kỹ năng tuyên truyền miệng")
    return Session.objects.create(
        training_class=training_class,
        date=day,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        **fields,
    )


@pytest.fixture
def learners(training_class, tree, staff, learner_a, learner_b):
    uoc = make_person(
        tree["commune_a"],
        full_name="Đặng Văn Ước",
        phone="0911000301",
        date_of_birth=datetime.date(1985, 3, 15),
        title=tree["chair"],
    ).user
    users = [learner_a, learner_b, uoc]
    enrolment.enrol_people(training_class=training_class, users=users, by=staff)
    return users


# ------------------------------------------------------------------ schedule


def test_the_schedule_lists_the_sessions_day_by_day(training_class):
    instructor = Instructor.objects.create(
        full_name="Đỗ Minh Khoa", academic_title="TS."
    )
    ClassInstructor.objects.create(training_class=training_class, instructor=instructor)
    training_class.venue = "Hội trường Tỉnh hội Lào Cai"
    training_class.save()
    add_session(training_class, instructor=instructor)
    add_session(
        training_class,
        title="Thảo luận nhóm",
        start=(13, 30),
        end=(16, 0),
        kind=SessionKind.DISCUSSION,
    )
    add_session(
        training_class,
        day=DAY + datetime.timedelta(days=1),
        title="Học trực tuyến",
        meeting_url="https://meet.example.vn/lop-01",
    )

    text = text_of(documents.schedule_pdf(training_class=training_class))

    assert gettext("Class schedule").upper() in text
    assert training_class.title in text
    assert "Kỹ năng vận động hội viên" in text  # the course
    assert "Hội trường Tỉnh hội Lào Cai" in text
    assert "02/03/2026" in text and "03/03/2026" in text
    assert "08:00–11:30" in text and "13:30–16:00" in text
    assert "TS. Đỗ Minh Khoa" in text
    assert "meet.example.vn/lop-01" in text
    assert str(SessionKind.DISCUSSION.label) in text
    assert text.index("Kỹ năng tuyên truyền miệng") < text.index("Thảo luận nhóm")
    assert text.index("02/03/2026") < text.index("Thảo luận nhóm")
    assert text.index("Thảo luận nhóm") < text.index("03/03/2026")


def test_the_schedule_of_a_class_without_sessions_says_so(training_class):
    text = text_of(documents.schedule_pdf(training_class=training_class))
    assert gettext("No sessions have been planned yet.") in text


def test_the_schedule_shows_the_organising_unit_at_the_top(training_class):
    text = text_of(documents.schedule_pdf(training_class=training_class))
    assert text.index("TỈNH LÀO CAI") < text.index(training_class.title)


# ------------------------------------------------------------- sign-in sheet


def test_the_sign_in_sheet_lists_every_enrolled_learner_by_name(
    training_class, learners
):
    session = add_session(training_class, venue="Nhà văn hóa xã")
    text = text_of(documents.sign_in_sheet_pdf(session=session))

    assert gettext("Sign-in sheet").upper() in text
    for name in ["Nguyễn Thị Hoa", "Hoàng Văn Nam", "Đặng Văn Ước"]:
        assert name in text
    assert "Kỹ năng tuyên truyền miệng" in text
    assert "08:00–11:30" in text and "02/03/2026" in text
    assert "Nhà văn hóa xã" in text
    assert "15/03/1985" in text
    assert "Xã a" in text and "Chủ tịch" in text


def test_the_sign_in_sheet_is_in_vietnamese_name_order(training_class, learners):
    text = text_of(documents.sign_in_sheet_pdf(session=add_session(training_class)))
    # Given names first: Hoa, Nam, Ước.
    assert text.index("Nguyễn Thị Hoa") < text.index("Hoàng Văn Nam")
    assert text.index("Hoàng Văn Nam") < text.index("Đặng Văn Ước")


def test_learners_not_enrolled_are_not_on_the_sign_in_sheet(
    training_class, learners, learner_b
):
    member = ClassMember.objects.get(training_class=training_class, user=learner_b)
    enrolment.withdraw(member=member)
    text = text_of(documents.sign_in_sheet_pdf(session=add_session(training_class)))
    assert "Hoàng Văn Nam" not in text
    assert "Nguyễn Thị Hoa" in text


def test_a_long_sign_in_sheet_repeats_its_header_on_every_page(
    training_class, tree, staff
):
    training_class.capacity = None
    training_class.save()
    users = [
        person_user(tree["commune_a"], f"Lê Thị Học Viên {n:02d}", f"09120004{n:02d}")
        for n in range(60)
    ]
    enrolment.enrol_people(training_class=training_class, users=users, by=staff)

    pages = pages_of(documents.sign_in_sheet_pdf(session=add_session(training_class)))

    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert gettext("Full name") in page
        assert gettext("Signature") in page
        assert f"{gettext('Page')} {number}/{len(pages)}" in page
    everything = "\n".join(pages)
    assert all(f"Lê Thị Học Viên {n:02d}" in everything for n in range(60))
    assert " 60 Lê Thị Học Viên" in everything  # the last row number
