import pytest

from lms.progress import api as progress
from lms.scorm import api
from lms.scorm.models import PackageVersion, ScoData

from .conftest import ITEM_KEY, make_ticket

pytestmark = pytest.mark.django_db


def test_the_demo_package_is_imported_once():
    first = api.demo_package()
    assert api.demo_package() == first
    assert PackageVersion.objects.count() == 1


def test_the_lms_judges_the_demo_quiz_by_its_mastery_score(learner, course):
    package = api.demo_package()
    ticket = make_ticket(learner, course, package.current_version)
    delivery = api.deliver(ticket=ticket)
    assert delivery.values["cmi.student_data.mastery_score"] == "70"
    payload = {
        "values": {"cmi.core.score.raw": "67", "cmi.core.lesson_status": "passed"},
        "launch": delivery.launch_id,
        "sequence": 1,
    }
    api.commit(ticket=ticket, sco=delivery.sco, payload=payload)
    sco = ScoData.objects.get()
    assert (sco.completion_status, sco.success_status) == ("completed", "failed")
    assert ITEM_KEY in progress.completed_item_keys(user=learner, course_id=course.pk)
