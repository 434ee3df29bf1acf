"""Staff enrol learners from the admin: by unit subtree, title or name,
scoped to the units they manage, and withdraw them keeping their progress."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonPage
from lms.org import api as org
from lms.org.data import ROLE_GROUPS, Role
from lms.progress import api as progress
from lms.progress.models import Enrolment, Item
from tests.factories import UserFactory, make_person

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"courses_enrolments:{name}", args=args)


@pytest.fixture
def people(tree):
    chair, member = tree["chair"], tree["member"]
    made = {
        "chair_commune_a": make_person(
            tree["commune_a"], title=chair, full_name="Lò Thị Hoa"
        ),
        "chair_district_a": make_person(
            tree["district_a"], title=chair, full_name="Vàng Thị Mai"
        ),
        "member_commune_a": make_person(
            tree["commune_a"], title=member, full_name="Giàng Thị Dở"
        ),
        "chair_commune_b": make_person(
            tree["commune_b"], title=chair, full_name="Hồ Thị Bích"
        ),
    }
    return made


@pytest.fixture
def staff(tree):
    user = UserFactory(username="can-bo-hoc-vien")
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    return user


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="quan-ly-lao-cai")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    return user


def enrolled_names(course):
    users = Enrolment.objects.filter(course=course).exclude(status="withdrawn")
    return set(users.values_list("user__person__full_name", flat=True))


def enrol_by_form(client, course, data):
    preview = client.post(url("add", course.pk), {**data, "action": "preview"})
    assert preview.status_code == 200
    done = client.post(url("add", course.pk), {**data, "action": "confirm"})
    return preview, done


def test_the_roles_get_the_enrolment_permissions_after_migrate():
    for role in (Role.ACADEMY_STAFF, Role.UNIT_MANAGER):
        group = Group.objects.get(name=ROLE_GROUPS[role])
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"view_enrolment", "add_enrolment", "change_enrolment"} <= codenames
    learner = Group.objects.get(name=ROLE_GROUPS[Role.LEARNER])
    assert not learner.permissions.filter(codename="add_enrolment").exists()


def test_staff_enrol_a_unit_subtree_with_one_title(client, staff, course, people, tree):
    client.force_login(staff)
    data = {"unit": tree["province_a"].pk, "title": tree["chair"].pk}
    preview, done = enrol_by_form(client, course, data)
    assert "Đã chọn 2 người" in preview.text
    assert "Lò Thị Hoa" in preview.text
    assert done.status_code == 302
    assert enrolled_names(course) == {"Lò Thị Hoa", "Vàng Thị Mai"}
    assert set(Enrolment.objects.values_list("source", flat=True)) == {"staff"}


def test_enrolling_the_same_choice_again_enrols_nobody_twice(
    client, staff, course, people, tree
):
    client.force_login(staff)
    data = {"unit": tree["province_a"].pk, "title": tree["chair"].pk}
    enrol_by_form(client, course, data)
    preview, done = enrol_by_form(client, course, data)
    assert "2 người đã ghi danh từ trước" in preview.text
    assert Enrolment.objects.filter(course=course).count() == 2
    page = client.get(done.url)
    assert "Ghi danh mới: 0. Ghi danh lại: 0. Đã ghi danh từ trước: 2." in page.text


def test_staff_add_individual_people_found_by_name(client, staff, course, people):
    client.force_login(staff)
    found = client.post(url("add", course.pk), {"q": "bich", "action": "search"})
    assert "Hồ Thị Bích" in found.text
    assert "Lò Thị Hoa" not in found.text
    bich = people["chair_commune_b"]
    enrol_by_form(client, course, {"people": [bich.pk]})
    assert enrolled_names(course) == {"Hồ Thị Bích"}


def test_an_empty_choice_is_refused(client, staff, course, people):
    client.force_login(staff)
    response = client.post(url("add", course.pk), {"action": "confirm"})
    assert "Hãy chọn một đơn vị, một chức danh hoặc một số cán bộ." in response.text
    assert not Enrolment.objects.exists()


def test_withdrawing_keeps_progress_and_enrolling_again_restores_it(
    client, staff, course, people
):
    hoa = people["chair_commune_a"]
    progress.enrol(user=hoa.user, course=course, source="self")
    key = Item.objects.get(course=course).key
    progress.submit_completion(
        user=hoa.user, course_id=course.pk, item_key=key, source="video"
    )
    client.force_login(staff)

    confirm = client.get(url("withdraw", course.pk, hoa.user_id))
    assert "Lò Thị Hoa" in confirm.text
    client.post(url("withdraw", course.pk, hoa.user_id))
    assert not progress.is_enrolled(user=hoa.user, course=course)
    listing = client.get(url("index", course.pk), {"status": "withdrawn"})
    assert "Lò Thị Hoa" in listing.text

    client.post(url("re_enrol", course.pk, hoa.user_id))
    assert progress.is_enrolled(user=hoa.user, course=course)
    assert progress.course_progress(user=hoa.user, course_id=course.pk).percent == 100
    assert Enrolment.objects.get(user=hoa.user).status == "completed"


def test_a_manager_lists_only_the_learners_of_their_units(
    client, manager_a, course, people
):
    for person in people.values():
        progress.enrol(user=person.user, course=course)
    client.force_login(manager_a)
    listing = client.get(url("index", course.pk))
    assert listing.status_code == 200
    assert "Lò Thị Hoa" in listing.text
    assert "Hồ Thị Bích" not in listing.text
    export = client.get(url("export", course.pk))
    assert "Lò Thị Hoa" in export.content.decode("utf-8-sig")
    assert "Hồ Thị Bích" not in export.content.decode("utf-8-sig")
    courses = client.get(url("courses"))
    assert course.title in courses.text


def test_a_manager_cannot_reach_a_learner_outside_their_units_by_url(
    client, manager_a, course, people
):
    bich = people["chair_commune_b"]
    progress.enrol(user=bich.user, course=course)
    client.force_login(manager_a)
    assert client.get(url("withdraw", course.pk, bich.user_id)).status_code == 404
    assert client.post(url("withdraw", course.pk, bich.user_id)).status_code == 404
    assert progress.is_enrolled(user=bich.user, course=course)


def test_a_manager_cannot_enrol_people_outside_their_units(
    client, manager_a, course, people, tree
):
    client.force_login(manager_a)
    bich = people["chair_commune_b"]
    by_person = {"people": [bich.pk], "action": "confirm"}
    assert client.post(url("add", course.pk), by_person).status_code == 200
    by_unit = {"unit": tree["province_b"].pk, "action": "confirm"}
    assert client.post(url("add", course.pk), by_unit).status_code == 200
    assert not Enrolment.objects.exists()
    found = client.post(url("add", course.pk), {"q": "bich", "action": "search"})
    assert "Hồ Thị Bích" not in found.text


def test_a_manager_choosing_a_title_alone_gets_only_their_units(
    client, manager_a, course, people, tree
):
    client.force_login(manager_a)
    enrol_by_form(client, course, {"title": tree["chair"].pk})
    assert enrolled_names(course) == {"Lò Thị Hoa", "Vàng Thị Mai"}


def test_learners_and_instructors_get_no_enrolment_screens(client, course, people):
    instructor = UserFactory(username="giang-vien")
    org.grant_role(user=instructor, role=Role.INSTRUCTOR)
    learner = people["chair_commune_a"].user
    for user in (learner, instructor):
        client.force_login(user)
        for view in ("index", "add", "export"):
            response = client.get(url(view, course.pk))
            assert response.status_code == 302, (user, view)
        assert client.get(url("courses")).status_code == 302
    assert not Enrolment.objects.exists()


def test_only_course_pages_have_enrolments(client, staff, course):
    client.force_login(staff)
    lesson = LessonPage.objects.descendant_of(course).first()
    assert client.get(url("index", lesson.pk)).status_code == 404
    assert client.get(url("add", lesson.pk)).status_code == 404
    assert client.get(url("index", 999999)).status_code == 404


def test_the_listing_costs_the_same_queries_for_5_or_50_learners(
    client, staff, catalogue, tree
):
    from .conftest import build_course

    client.force_login(staff)
    counts = []
    for n, slug in [(5, "nam"), (50, "nam-muoi")]:
        course = build_course(catalogue, slug=slug)
        people = [
            make_person(tree["commune_a"], full_name=f"Học viên {slug} {i}")
            for i in range(n)
        ]
        progress.enrol_many(users=[p.user for p in people], course=course)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("index", course.pk))
        assert response.text.count("Học viên") >= n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_search_ignores_diacritics(client, staff, course, people):
    for person in people.values():
        progress.enrol(user=person.user, course=course)
    client.force_login(staff)
    response = client.get(url("index", course.pk), {"q": "vang thi mai"})
    assert "Vàng Thị Mai" in response.text
    assert "Lò Thị Hoa" not in response.text


def test_my_learning_shows_a_course_staff_enrolled_me_in(
    client, staff, course, people, tree
):
    client.force_login(staff)
    enrol_by_form(client, course, {"unit": tree["commune_a"].pk})
    client.force_login(people["member_commune_a"].user)
    assert course.title in client.get("/hoc-tap/").text


def test_a_course_page_has_an_enrolments_button_in_the_admin(admin_client, course):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert url("index", course.pk) in edit.text
    catalogue = course.get_parent()
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[catalogue.pk]))
    assert url("index", course.pk) in listing.text
    module = course.get_children().first()
    edit_module = admin_client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))
    assert url("index", module.pk) not in edit_module.text
