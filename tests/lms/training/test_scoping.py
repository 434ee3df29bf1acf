"""Everything is scoped by the org tree: a district manager sees and
manages only their district's classes and people."""

import pytest

from lms.org import api as org
from lms.org.data import Role
from lms.training import scoping

from .conftest import make_class, person_user


@pytest.fixture
def district_manager(tree):
    user = person_user(tree["district_a"], "Vi Thị Huyện", "0915000001")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["district_a"]])
    return user


@pytest.fixture
def classes(course, tree):
    return {
        key: make_class(course, tree[key], code=f"lop-{key}", title=key)
        for key in ("province_a", "district_a", "district_b")
    }


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_a_district_manager_sees_and_manages_their_districts_classes_only(
    district_manager, classes
):
    assert titles(scoping.classes_visible_to(district_manager)) == ["district_a"]
    assert titles(scoping.classes_managed_by(district_manager)) == ["district_a"]


def test_a_province_manager_sees_the_classes_below(manager_a, classes):
    visible = titles(scoping.classes_visible_to(manager_a))
    assert visible == ["district_a", "province_a"]


def test_a_partner_district_sees_the_class_but_does_not_manage_it(
    district_manager, classes, tree
):
    classes["district_b"].partners.add(tree["district_a"])
    assert "district_b" in titles(scoping.classes_visible_to(district_manager))
    assert "district_b" not in titles(scoping.classes_managed_by(district_manager))


def test_a_district_manager_acts_on_their_districts_people_only(
    district_manager, learner_a, learner_b, manager_a
):
    people = set(
        scoping.people_user_ids(district_manager).values_list("user_id", flat=True)
    )
    assert learner_a.pk in people
    assert learner_b.pk not in people
    assert manager_a.pk not in people  # the province manager sits above


def test_a_learner_sees_no_class_in_the_admin_scope(learner_a, classes):
    assert not scoping.classes_visible_to(learner_a).exists()
    assert not scoping.classes_managed_by(learner_a).exists()


def test_a_superuser_sees_everything(classes):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    assert scoping.classes_visible_to(admin).count() == 3
    assert scoping.people_user_ids(admin) is None
