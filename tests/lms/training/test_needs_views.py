"""The learner's survey page and the admin screens of training-needs surveys."""

from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from lms.org import api as org
from lms.org.data import Role
from lms.training import needs
from lms.training.data import NeedPriority, SurveyStatus
from lms.training.models import NeedsResponse, NeedsSurvey, SurveyTopic
from tests.factories import UserFactory

from .conftest import admin_login, person_user
from .test_needs import cadre, make_survey, topic_ids

pytestmark = pytest.mark.usefixtures("english")


def survey_url(survey):
    return reverse("training:needs_survey", args=[survey.pk])


@pytest.fixture
def survey(tree):
    """A survey of province A, open, sent to province A."""
    return make_survey(tree["province_a"], [tree["province_a"]])


@pytest.fixture
def staff_a(tree):
    """Academy staff of province A: builds and sends its surveys."""
    user = person_user(tree["province_a"], "Đỗ Thị Lan", "0911000104")
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree["province_a"]])
    return user


@pytest.fixture
def district_manager(tree):
    user = UserFactory(username="quan-ly-huyen-a")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["district_a"]])
    return user


# -------------------------------------------------------------- learner page


def test_the_form_lists_each_topic_with_not_needed_and_the_priorities(
    client, survey, learner_a
):
    admin_login(client, learner_a)
    response = client.get(survey_url(survey))

    assert response.status_code == 200
    content = response.content.decode()
    for topic in ["Kỹ năng số", "Dân vận", "Tài chính", "Not needed"]:
        assert topic in content
    for label in NeedPriority.labels:
        assert str(label) in content


def test_saving_the_form_stores_the_answer_and_goes_back_to_my_learning(
    client, survey, learner_a
):
    t1, t2, t3 = topic_ids(survey)
    admin_login(client, learner_a)
    response = client.post(
        survey_url(survey),
        {
            f"topic_{t1}": "3",
            f"topic_{t2}": "",
            f"topic_{t3}": "1",
            "preferred_mode": "online",
            "other_needs": "Kỹ năng nói trước đám đông",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("my_learning")
    assert "Your answer was saved" in response.content.decode()
    answer = NeedsResponse.objects.get(survey=survey, user=learner_a)
    assert dict(answer.needs.values_list("topic_id", "priority")) == {t1: 3, t3: 1}
    assert (answer.preferred_mode, answer.other_needs) == (
        "online",
        "Kỹ năng nói trước đám đông",
    )


def test_the_form_shows_the_previous_answer(client, survey, learner_a):
    t1, _t2, _t3 = topic_ids(survey)
    needs.answer(survey=survey, user=learner_a, needs={t1: 2}, other_needs="Ngoại ngữ")
    admin_login(client, learner_a)
    response = client.get(survey_url(survey))

    form = response.context["form"]
    assert form[f"topic_{t1}"].value() == 2
    assert form["other_needs"].value() == "Ngoại ngữ"
    assert "You have answered already" in response.content.decode()


def test_an_empty_answer_is_refused_and_nothing_is_stored(client, survey, learner_a):
    admin_login(client, learner_a)
    response = client.post(survey_url(survey), {"other_needs": "  "})

    assert response.status_code == 200
    assert "Choose at least one topic" in response.content.decode()
    assert not NeedsResponse.objects.exists()


def test_someone_outside_the_target_units_is_told_so_and_nothing_is_stored(
    client, survey, learner_b
):
    admin_login(client, learner_b)
    t1 = topic_ids(survey)[0]
    got = client.get(survey_url(survey))
    posted = client.post(survey_url(survey), {f"topic_{t1}": "3"})

    assert got.status_code == posted.status_code == 403
    assert "not sent to your unit" in got.content.decode()
    assert not NeedsResponse.objects.exists()


def test_a_closed_survey_says_it_takes_no_answers(client, survey, learner_a):
    NeedsSurvey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    admin_login(client, learner_a)
    response = client.post(survey_url(survey), {f"topic_{topic_ids(survey)[0]}": "3"})

    assert response.status_code == 403
    assert "not taking answers" in response.content.decode()
    assert not NeedsResponse.objects.exists()


def test_a_survey_not_sent_yet_is_not_found(client, survey, learner_a):
    NeedsSurvey.objects.filter(pk=survey.pk).update(status=SurveyStatus.DRAFT)
    admin_login(client, learner_a)
    assert client.get(survey_url(survey)).status_code == 404


def test_the_survey_page_asks_to_log_in(client, survey):
    response = client.get(survey_url(survey))
    assert response.status_code == 302
    assert "next=" in response["Location"]


# ----------------------------------------------------------------- admin


def admin_url(name, survey=None):
    args = [survey.pk] if survey is not None else []
    return reverse(f"needs_surveys:{name}", args=args)


def survey_form_data(tree, *, owner, topics, **fields):
    """The admin form's POST data; ``topics`` is a list of dicts (with
    "id" for existing topics, "DELETE" to remove one)."""
    data = {
        "title": "Nhu cầu bồi dưỡng 2027",
        "plan_year": "2027",
        "description": "",
        "owner": str(owner.pk),
        "target_units": [str(owner.pk)],
        "opens_on": "2026-01-01",
        "closes_on": "2099-12-31",
        "topics-TOTAL_FORMS": str(len(topics)),
        "topics-INITIAL_FORMS": str(sum(1 for t in topics if "id" in t)),
        "topics-MIN_NUM_FORMS": "0",
        "topics-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, topic in enumerate(topics):
        for key, value in {"description": "", "ORDER": str(index), **topic}.items():
            data[f"topics-{index}-{key}"] = str(value)
    return data


def test_staff_create_a_survey_with_its_topics(client, tree, staff_a):
    admin_login(client, staff_a)
    data = survey_form_data(
        tree, owner=tree["province_a"], topics=[{"title": "A"}, {"title": "B"}]
    )
    response = client.post(admin_url("add"), data)

    assert response.status_code == 302, response.context["form"].errors
    survey = NeedsSurvey.objects.get()
    assert list(survey.topics.values_list("title", flat=True)) == ["A", "B"]
    assert list(survey.target_units.all()) == [tree["province_a"]]
    assert (survey.created_by, survey.status) == (staff_a, SurveyStatus.DRAFT)


def test_the_owner_and_target_units_must_be_among_the_users_units(
    client, tree, staff_a
):
    admin_login(client, staff_a)
    data = survey_form_data(tree, owner=tree["province_b"], topics=[{"title": "A"}])
    response = client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"owner", "target_units"}
    assert not NeedsSurvey.objects.exists()


def test_a_topic_that_has_answers_cannot_be_changed(
    client, tree, staff_a, survey, learner_a
):
    answered, *others = SurveyTopic.objects.filter(survey=survey).order_by("sort_order")
    needs.answer(survey=survey, user=learner_a, needs={answered.pk: 3})
    admin_login(client, staff_a)
    topics = [{"id": answered.pk, "title": "Đổi tên"}] + [
        {"id": t.pk, "title": t.title} for t in others
    ]
    data = survey_form_data(tree, owner=tree["province_a"], topics=topics)
    response = client.post(admin_url("edit", survey), data, follow=True)

    assert "already has answers" in response.content.decode()
    answered.refresh_from_db()
    assert answered.title == "Kỹ năng số"


def test_topics_without_answers_can_still_be_edited(
    client, tree, staff_a, survey, learner_a
):
    answered, second, third = SurveyTopic.objects.filter(survey=survey)
    needs.answer(survey=survey, user=learner_a, needs={answered.pk: 3})
    admin_login(client, staff_a)
    topics = [
        {"id": answered.pk, "title": answered.title},
        {"id": second.pk, "title": "Dân vận khéo"},
        {"id": third.pk, "title": third.title, "DELETE": "on"},
    ]
    data = survey_form_data(tree, owner=tree["province_a"], topics=topics)
    response = client.post(admin_url("edit", survey), data)

    assert response.status_code == 302
    titles = SurveyTopic.objects.filter(survey=survey).values_list("title", flat=True)
    assert sorted(titles) == ["Dân vận khéo", "Kỹ năng số"]


@pytest.mark.parametrize("name", ["results", "export", "history"])
def test_a_manager_of_province_b_does_not_find_province_as_survey(
    client, survey, manager_b, name
):
    admin_login(client, manager_b)
    assert client.get(admin_url(name, survey)).status_code == 404


@pytest.mark.parametrize("name", ["edit", "delete", "send", "results", "history"])
def test_staff_of_province_b_do_not_find_province_as_survey(client, tree, survey, name):
    staff_b = person_user(tree["province_b"], "Vũ Văn Hải", "0911000105")
    org.grant_role(user=staff_b, role=Role.ACADEMY_STAFF, units=[tree["province_b"]])
    admin_login(client, staff_b)
    assert client.get(admin_url(name, survey)).status_code == 404


def test_the_listing_shows_only_the_surveys_of_the_users_units(
    client, tree, survey, manager_b
):
    make_survey(tree["province_b"], [tree["province_b"]])
    admin_login(client, manager_b)
    response = client.get(admin_url("index"))

    assert response.status_code == 200
    surveys = list(response.context["object_list"])
    assert [s.owner for s in surveys] == [tree["province_b"]]


def test_sending_shows_how_many_people_are_asked_then_notifies_them(
    client, tree, staff_a, django_capture_on_commit_callbacks
):
    survey = make_survey(tree["province_a"], [tree["district_a"]], status="draft")
    cadre(tree["commune_a"], 1)
    cadre(tree["district_a"], 2)
    admin_login(client, staff_a)
    page = client.get(admin_url("send", survey))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("send", survey), follow=True)

    assert page.context["asked"] == 2
    assert "2 people in the units" in page.content.decode()
    assert "2 people were notified" in response.content.decode()
    assert len(mail.outbox) == 2
    assert NeedsSurvey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN


def test_a_refused_send_says_why(client, tree, staff_a):
    survey = make_survey(tree["province_a"], [], status="draft")
    admin_login(client, staff_a)
    response = client.post(admin_url("send", survey), follow=True)
    assert "Choose the units to send the survey to" in response.content.decode()


def test_a_unit_manager_may_read_results_but_not_send(client, tree, manager_a):
    survey = make_survey(tree["province_a"], [tree["province_a"]], status="draft")
    admin_login(client, manager_a)
    assert client.get(admin_url("results", survey)).status_code == 200
    refused = client.post(admin_url("send", survey))

    # Wagtail answers a permission refusal with a redirect to the dashboard.
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert NeedsSurvey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


@pytest.fixture
def answers_in_both_districts(tree):
    survey = make_survey(tree["central"], [tree["province_a"], tree["province_b"]])
    t1, t2, _t3 = topic_ids(survey)
    for number, unit, other in [
        (1, tree["commune_a"], "Nhu cầu của xã A"),
        (2, tree["district_a"], ""),
        (3, tree["commune_b"], "Nhu cầu của xã B"),
    ]:
        user = cadre(unit, number, title=tree["chair"])
        needs.answer(survey=survey, user=user, needs={t1: 3}, other_needs=other)
    return survey


def test_a_district_manager_sees_only_their_districts_answers_in_a_wider_survey(
    client, answers_in_both_districts, district_manager
):
    admin_login(client, district_manager)
    response = client.get(admin_url("results", answers_in_both_districts))

    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.respondents, summary.asked) == (2, 2)
    content = response.content.decode()
    assert "Nhu cầu của xã A" in content
    assert "Nhu cầu của xã B" not in content


def test_results_can_be_narrowed_to_one_unit_of_the_users_scope(
    client, tree, staff, answers_in_both_districts
):
    admin_login(client, staff)
    url = admin_url("results", answers_in_both_districts)
    everything = client.get(url).context["summary"]
    district = client.get(url, {"unit": tree["district_b"].pk}).context["summary"]

    assert everything.respondents == 3
    assert district.respondents == 1


def test_a_unit_outside_the_scope_cannot_be_chosen_as_filter(
    client, tree, answers_in_both_districts, district_manager
):
    admin_login(client, district_manager)
    url = admin_url("results", answers_in_both_districts)
    response = client.get(url, {"unit": tree["district_b"].pk})
    assert response.context["summary"].respondents == 2


def test_the_results_download_as_xlsx_narrowed_to_the_users_units(
    client, answers_in_both_districts, district_manager
):
    admin_login(client, district_manager)
    response = client.get(admin_url("export", answers_in_both_districts))

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Phiếu trả lời"].values)
    assert sorted(row[0] for row in rows[1:]) == ["Huyện a", "Xã a"]


def test_the_add_and_edit_forms_offer_only_the_users_units(
    client, tree, staff_a, survey
):
    admin_login(client, staff_a)
    add = client.get(admin_url("add"))
    edit = client.get(admin_url("edit", survey))

    assert add.status_code == edit.status_code == 200
    owners = set(add.context["form"].fields["owner"].queryset)
    assert owners == {tree["province_a"], tree["district_a"], tree["commune_a"]}
    assert "Kỹ năng số" in edit.content.decode()


def test_the_results_page_shows_the_tables_and_the_download_link(
    client, tree, staff, answers_in_both_districts
):
    admin_login(client, staff)
    response = client.get(admin_url("results", answers_in_both_districts))

    content = response.content.decode()
    assert "3 of 3 people asked have answered (100%)" in content
    assert "By unit level" in content and "By position title" in content
    assert admin_url("export", answers_in_both_districts) in content
