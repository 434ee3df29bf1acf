import pytest
from django.contrib.auth.models import Group

from lms.org.data import ROLE_GROUPS, Role

pytestmark = pytest.mark.django_db


def test_staff_and_managers_may_see_results_after_migrate_and_learners_not():
    for role in (Role.ACADEMY_STAFF, Role.UNIT_MANAGER):
        group = Group.objects.get(name=ROLE_GROUPS[role])
        assert group.permissions.filter(codename="view_h5p_results").exists()
    learner = Group.objects.get(name=ROLE_GROUPS[Role.LEARNER])
    assert not learner.permissions.filter(codename="view_h5p_results").exists()
