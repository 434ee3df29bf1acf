"""Shared fixtures of the training tests: an org tree, a course, a class,
and people in the units: academy staff over everything, a manager of
province A and one of province B, learners in communes A and B."""

import datetime

import pytest
from wagtail.models import Page

from lms.org import api as org
from lms.org.data import Role
from lms.training.data import ClassStatus
from lms.training.models import TrainingClass
from tests.factories import ensure_wagtail_site, make_person


def person_user(unit, name, phone, *, title=None):
    """A person of ``unit`` and their login account; ``phone`` as typed
    (0912...), stored in E.164 as the forms store it."""
    e164 = f"+84{phone[1:]}"
    person = make_person(unit, full_name=name, phone=e164, title=title)
    person.user.set_password("mat-khau-123")
    person.user.save()
    return person.user


@pytest.fixture
def course(db):
    # Transactional tests flush the site the migrations made: build it again.
    home = ensure_wagtail_site().root_page
    return home.add_child(
        instance=Page(title="Kỹ năng vận động hội viên", slug="ky-nang")
    )


@pytest.fixture
def staff(tree):
    user = person_user(tree["central"], "Trần Văn Quản", "0911000101")
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    return user


@pytest.fixture
def manager_a(tree):
    user = person_user(tree["province_a"], "Lê Thị Duyệt", "0911000102")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    return user


@pytest.fixture
def manager_b(tree):
    user = person_user(tree["province_b"], "Phạm Văn Bình", "0911000103")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_b"]])
    return user


@pytest.fixture
def learner_a(tree):
    return person_user(tree["commune_a"], "Nguyễn Thị Hoa", "0911000201")


@pytest.fixture
def learner_b(tree):
    return person_user(tree["commune_b"], "Hoàng Văn Nam", "0911000202")


def make_class(course, organiser, **fields):
    today = datetime.date.today()
    fields.setdefault("code", f"lop-{TrainingClass.objects.count() + 1}")
    fields.setdefault("title", "Lớp bồi dưỡng kỹ năng chi hội trưởng")
    fields.setdefault("starts_on", today)
    fields.setdefault("ends_on", today + datetime.timedelta(days=30))
    fields.setdefault("status", ClassStatus.PUBLISHED)
    return TrainingClass.objects.create(course=course, organiser=organiser, **fields)


@pytest.fixture
def training_class(course, tree):
    """A class of province A, 30 seats, open to applications."""
    return make_class(
        course, tree["province_a"], capacity=30, accepts_applications=True
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """``with on_commit(execute=True):`` runs what the code left for after
    the commit (notifications), which a test's transaction never reaches."""
    return django_capture_on_commit_callbacks


def admin_login(client, user, language="en"):
    """Log in for the admin in ``language``: the admin follows the user's
    preferred language (Vietnamese by default), not the URL."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
