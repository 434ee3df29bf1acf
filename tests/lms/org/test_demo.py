"""The demo data of ``make demo``: built once for this module, then rolled back."""

from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Count

from lms.org import api
from lms.org.data import ROLE_GROUPS, Gender, Level
from lms.org.demo import build
from lms.org.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from lms.org.demo.people import people_specs
from lms.org.demo.units import ORGANISATIONS
from lms.org.ethnicities import Ethnicity
from lms.org.models import Person, Title, Unit
from lms.org.phones import normalize_phone


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker):
    """The summaries of two builds in a row, undone after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        first, second = build(), build()
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def summary(runs, db):
    return runs[0]


def womens_union_units():
    return list(Unit.objects.filter(organisation__code="hlhpn"))


def test_a_second_run_creates_nothing_and_keeps_the_counts(runs, db):
    first, second = runs
    assert first.created == first.totals
    assert second.created == dict.fromkeys(first.totals, 0)
    assert second.totals == first.totals
    assert first.totals["organisations"] == 4


def test_the_womens_union_has_one_central_unit_over_three_provinces(summary):
    units = womens_union_units()
    roots = [unit for unit in units if unit.depth == 1]
    assert [root.level for root in roots] == [Level.CENTRAL]
    provinces = [unit for unit in units if unit.depth == 2]
    assert [unit.level for unit in provinces] == [Level.PROVINCE] * 3
    assert {unit.level for unit in units} == set(Level)


def test_every_unit_is_at_a_deeper_level_than_its_parent(summary):
    by_path = {unit.path: unit for unit in Unit.objects.all()}
    for unit in by_path.values():
        if unit.depth > 1:
            assert unit.level > by_path[unit.path[: -Unit.steplen]].level, unit


def test_there_are_about_three_hundred_people(summary):
    assert 250 <= summary.totals["people"] <= 350
    assert Person.objects.count() == summary.totals["people"]


def test_the_womens_union_is_mostly_women(summary):
    genders = Counter(
        Person.objects.filter(unit__organisation__code="hlhpn").values_list(
            "gender", flat=True
        )
    )
    assert genders[Gender.FEMALE] > 0.9 * sum(genders.values())


def test_minority_names_go_with_their_provinces(summary):
    def ethnicities(province):
        people = Person.objects.filter(unit__code__startswith=f"hlhpn-{province}")
        return set(people.values_list("ethnicity", flat=True))

    assert {Ethnicity.HMONG, Ethnicity.DAO, Ethnicity.TAY} <= ethnicities("lao-cai")
    assert Ethnicity.KHMER in ethnicities("soc-trang")
    assert Ethnicity.KHMER not in ethnicities("lao-cai")


def test_leading_titles_are_marked(summary):
    titles = dict(
        Title.objects.filter(organisation__code="hlhpn").values_list(
            "name", "is_leadership"
        )
    )
    assert titles["Chủ tịch"] and titles["Chi hội trưởng"]
    assert not titles["Hội viên"]


def test_members_are_the_most_numerous_title(summary):
    counts = Counter(Person.objects.values_list("title__name", flat=True))
    assert counts.most_common(1)[0][0] == "Hội viên"


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.login)
def test_each_demo_login_authenticates(summary, login):
    user = authenticate(username=login.login, password=DEMO_PASSWORD)
    assert user is not None
    assert user.groups.filter(name=ROLE_GROUPS[login.role]).exists()


def test_the_printed_logins_are_the_demo_logins(summary):
    assert [row[1] for row in summary.logins] == [x.login for x in DEMO_LOGINS]


def test_the_lao_cai_manager_sees_only_people_of_lao_cai(summary):
    manager = authenticate(username="0911000003", password=DEMO_PASSWORD)
    lao_cai = Unit.objects.get(code="hlhpn-lao-cai")
    visible = api.people_visible_to(manager).select_related("unit")
    assert visible.count() > 50
    assert all(person.unit.is_within(lao_cai) for person in visible)


def test_about_thirty_people_were_promoted_from_a_unit_below(summary):
    promoted = Person.objects.annotate(n=Count("assignments")).filter(n__gte=2)
    assert 25 <= promoted.count() <= 40
    person = promoted.first()
    earlier, current = person.assignments.order_by("start_date")
    assert earlier.end_date == current.start_date
    assert current.unit.depth < earlier.unit.depth
    assert (person.unit_id, current.end_date) == (current.unit_id, None)


def test_demo_people_are_the_same_on_every_draw():
    assert people_specs(ORGANISATIONS) == people_specs(ORGANISATIONS)


def test_demo_phones_are_unique_valid_mobile_numbers():
    phones = [spec.phone for spec in people_specs(ORGANISATIONS)]
    assert len(set(phones)) == len(phones)
    assert all(normalize_phone(phone) == phone for phone in phones)
    assert all(phone[:4] in {"+849", "+843"} for phone in phones)


def test_unit_codes_are_unique_and_fit_the_field():
    codes = [unit.code for org in ORGANISATIONS for unit in org.root.walk()]
    assert len(set(codes)) == len(codes)
    assert max(map(len, codes)) <= Unit._meta.get_field("code").max_length
