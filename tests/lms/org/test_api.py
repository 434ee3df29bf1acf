import datetime

import pytest
from django.db import IntegrityError

from lms.org import api
from lms.org.models import Assignment
from tests.factories import TitleFactory, make_person

D = datetime.date


def test_a_new_person_gets_an_open_assignment_and_a_passwordless_account(tree):
    person = make_person(tree["commune_a"], title=tree["member"], phone="+84912000001")
    assignment = person.assignments.get()
    assert (assignment.unit, assignment.title, assignment.end_date) == (
        tree["commune_a"],
        tree["member"],
        None,
    )
    assert person.user is not None
    assert not person.user.has_usable_password()
    assert person.user.get_full_name() == "Nguyễn Thị Hoa"


def test_position_on_a_past_date_gives_the_unit_and_title_held_then(tree):
    person = make_person(tree["commune_a"], title=tree["member"], since=D(2023, 3, 1))
    api.assign_position(
        person=person, unit=tree["district_a"], title=tree["chair"], since=D(2025, 7, 1)
    )
    in_2024 = api.position_on(person=person, day=D(2024, 12, 31))
    assert (in_2024.unit_id, in_2024.title_id) == (
        tree["commune_a"].pk,
        tree["member"].pk,
    )
    day_of_change = api.position_on(person=person, day=D(2025, 7, 1))
    assert day_of_change.unit_id == tree["district_a"].pk
    assert api.position_on(person=person, day=D(2023, 2, 28)) is None
    person.refresh_from_db()
    assert (person.unit, person.title) == (tree["district_a"], tree["chair"])


def test_a_report_date_counts_each_person_once_with_their_position_then(tree):
    first = make_person(tree["commune_a"], title=tree["member"], since=D(2024, 1, 1))
    make_person(tree["commune_b"], full_name="Lê Văn Nam", since=D(2024, 1, 1))
    api.assign_position(
        person=first, unit=tree["commune_b"], title=None, since=D(2025, 6, 1)
    )
    in_2025_march = api.assignments_on(D(2025, 3, 1))
    assert in_2025_march.count() == 2
    assert in_2025_march.filter(unit=tree["commune_a"]).count() == 1


def test_a_change_on_the_start_day_corrects_the_current_assignment(tree):
    person = make_person(tree["commune_a"], since=D(2025, 1, 1))
    api.assign_position(person=person, unit=tree["commune_b"], since=D(2025, 1, 1))
    assert person.assignments.count() == 1
    assert person.assignments.get().unit == tree["commune_b"]


def test_a_change_dated_before_the_current_position_is_refused_and_changes_nothing(
    tree,
):
    person = make_person(tree["commune_a"], since=D(2025, 1, 1))
    with pytest.raises(api.OrgError):
        api.assign_position(person=person, unit=tree["commune_b"], since=D(2024, 1, 1))
    person.refresh_from_db()
    assert person.unit == tree["commune_a"]
    assert person.assignments.count() == 1


def test_a_title_of_another_organisation_is_refused(tree):
    person = make_person(tree["commune_a"])
    foreign_title = TitleFactory(name="Chủ tịch công đoàn")
    with pytest.raises(api.OrgError):
        api.assign_position(
            person=person,
            unit=tree["commune_a"],
            title=foreign_title,
            since=D(2026, 1, 1),
        )


def test_the_database_refuses_two_open_assignments_for_one_person(tree):
    person = make_person(tree["commune_a"])
    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            person=person, unit=tree["commune_b"], start_date=D(2026, 1, 1)
        )


def test_search_ignores_case_and_diacritics(tree):
    make_person(tree["commune_a"], full_name="Nguyễn Văn A", phone="+84912000002")
    make_person(tree["commune_a"], full_name="Đặng Thị Bích")
    from lms.org.models import Person

    assert [p.full_name for p in Person.objects.search("nguyen van a")] == [
        "Nguyễn Văn A"
    ]
    assert [p.full_name for p in Person.objects.search("DANG bich")] == [
        "Đặng Thị Bích"
    ]
    assert [p.full_name for p in Person.objects.search("0912000002")] == [
        "Nguyễn Văn A"
    ]


def test_temporary_password_lets_the_person_log_in(tree, client):
    person = make_person(tree["commune_a"], phone="+84912000003")
    password = api.set_temporary_password(person=person)
    assert client.login(username="0912000003", password=password)
