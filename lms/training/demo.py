"""Demo classes for the demo course: one running in Lào Cai (a session is
on today, so QR check-in can be tried), one open to applications in Nghệ
An; instructors, budget, an evaluation and a needs survey. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from lms.org import api as org

from . import enrolment, evaluation
from .data import BudgetSource, ClassMode, ClassStatus, SessionKind, SurveyStatus
from .models import (
    BudgetLine,
    ClassInstructor,
    Instructor,
    NeedsSurvey,
    Session,
    SurveyTopic,
    TrainingClass,
)

COURSE_SLUG = "ky-nang-chi-hoi-truong"
LEARNERS_PER_CLASS = 24


def _user(phone):
    return get_user_model().objects.filter(person__phone=phone).first()


def _instructors():
    own, _created = Instructor.objects.get_or_create(
        full_name="Trần Thị Minh Phương",
        defaults={
            "academic_title": "ThS.",
            "position": "Giảng viên Khoa Công tác phụ nữ",
            "institution": "",
            "user": _user("+84911000002"),
        },
    )
    adjunct, _created = Instructor.objects.get_or_create(
        full_name="Lê Văn Hùng",
        defaults={
            "academic_title": "TS.",
            "position": "Phó Trưởng khoa Xây dựng Đảng",
            "institution": "Học viện Chính trị khu vực I",
            "is_adjunct": True,
        },
    )
    return own, adjunct


def _sessions(training_class, own, adjunct, today):
    plan = [
        (
            -2,
            "07:30",
            "11:00",
            "Khai giảng; vai trò của chi hội trưởng",
            SessionKind.LECTURE,
            own,
        ),
        (
            0,
            "07:00",
            "17:30",
            "Kỹ năng tập hợp, vận động hội viên",
            SessionKind.DISCUSSION,
            adjunct,
        ),
        (
            5,
            "07:30",
            "16:30",
            "Tham quan mô hình HTX nông nghiệp Bản Vược",
            SessionKind.FIELD_VISIT,
            own,
        ),
        (12, "08:00", "10:00", "Kiểm tra cuối khóa", SessionKind.EXAM, own),
    ]
    for offset, start, end, title, kind, instructor in plan:
        Session.objects.get_or_create(
            training_class=training_class,
            title=title,
            defaults={
                "kind": kind,
                "date": today + datetime.timedelta(days=offset),
                "start_time": datetime.time.fromisoformat(start),
                "end_time": datetime.time.fromisoformat(end),
                "instructor": instructor,
            },
        )


def _learners(manager_phone, first_phone):
    manager = _user(manager_phone)
    people = org.people_visible_to(manager).filter(user__isnull=False)
    first = _user(first_phone)
    others = [p.user for p in people.exclude(user=first).select_related("user")]
    return [first, *others[: LEARNERS_PER_CLASS - 1]]


def _class(course, code, unit_code, **fields):
    unit = org.units_visible_to(_user("+84911000001")).get(code=unit_code)
    training_class, _created = TrainingClass.objects.get_or_create(
        code=code, defaults={"course": course, "organiser": unit, **fields}
    )
    return training_class


@transaction.atomic
def build():
    course = Page.objects.filter(slug=COURSE_SLUG).first()
    if course is None or TrainingClass.objects.filter(course=course).exists():
        return None
    today = timezone.localdate()
    staff = _user("+84911000001")
    instructors = _instructors()
    lao_cai = _running_class(course, staff, instructors, today)
    _open_class(course, staff, instructors, today)
    _needs_survey(staff, today)
    return lao_cai


def _running_class(course, staff, instructors, today):
    """Lào Cai's class: started two days ago, a session today, 24 learners,
    budget lines and an open evaluation."""
    own, adjunct = instructors
    lao_cai = _class(
        course,
        "2026-lao-cai-01",
        "hlhpn-lao-cai",
        title="Lớp bồi dưỡng chi hội trưởng tỉnh Lào Cai, khóa 1/2026",
        mode=ClassMode.BLENDED,
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=12),
        venue="Hội trường Hội LHPN tỉnh Lào Cai, 1 Hoàng Liên, TP Lào Cai",
        capacity=30,
        status=ClassStatus.PUBLISHED,
        created_by=staff,
    )
    for instructor, role in ((own, "lead"), (adjunct, "speaker")):
        ClassInstructor.objects.get_or_create(
            training_class=lao_cai, instructor=instructor, defaults={"role": role}
        )
    _sessions(lao_cai, own, adjunct, today)
    # Through the model: a cluster's related manager keeps new rows in memory.
    BudgetLine.objects.create(
        training_class=lao_cai,
        source=BudgetSource.CENTRAL,
        description="Thù lao giảng viên",
        planned=18_000_000,
    )
    BudgetLine.objects.create(
        training_class=lao_cai,
        source=BudgetSource.LOCAL,
        description="Hội trường, tài liệu, nước uống",
        planned=9_500_000,
        spent=4_200_000,
    )
    enrolment.enrol_people(
        training_class=lao_cai,
        users=_learners("+84911000003", "+84911000005"),
        by=staff,
    )
    evaluation.create_evaluation(training_class=lao_cai)
    return lao_cai


def _open_class(course, staff, instructors, today):
    """Nghệ An's class: in three weeks, two seats, open to applications."""
    nghe_an = _class(
        course,
        "2026-nghe-an-01",
        "hlhpn-nghe-an",
        title="Lớp bồi dưỡng chi hội trưởng tỉnh Nghệ An, khóa 1/2026",
        mode=ClassMode.BLENDED,
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=34),
        venue="Trường Chính trị tỉnh Nghệ An",
        capacity=2,
        accepts_applications=True,
        applications_close_on=today + datetime.timedelta(days=15),
        status=ClassStatus.PUBLISHED,
        created_by=staff,
    )
    # The same plan, two days after the start (the first session is at -2).
    start = nghe_an.starts_on + datetime.timedelta(days=2)
    _sessions(nghe_an, *instructors, start)
    enrolment.enrol_people(
        training_class=nghe_an, users=[_user("+84911000006")], by=staff
    )


def _needs_survey(staff, today):
    units = org.units_visible_to(staff)
    survey = NeedsSurvey.objects.create(
        title=f"Khảo sát nhu cầu bồi dưỡng năm {today.year + 1}",
        plan_year=today.year + 1,
        owner=units.get(code="hlhpn-tw"),
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        status=SurveyStatus.OPEN,
        sent_at=timezone.now(),
        created_by=staff,
    )
    survey.target_units.set(units.filter(code__in=["hlhpn-lao-cai", "hlhpn-nghe-an"]))
    for order, title in enumerate(
        [
            "Kỹ năng vận động hội viên",
            "Chuyển đổi số trong công tác Hội",
            "Hỗ trợ phụ nữ khởi nghiệp, phát triển kinh tế tập thể",
            "Phòng, chống bạo lực gia đình",
        ]
    ):
        SurveyTopic.objects.create(survey=survey, title=title, sort_order=order)
