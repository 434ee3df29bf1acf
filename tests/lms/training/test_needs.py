"""Training-needs surveys: sending, who is asked, answering, adding up and
the .xlsx export."""

import datetime
from io import BytesIO

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from lms.org import api as org
from lms.org.data import Level, Role
from lms.training import needs
from lms.training.data import ClassMode, NeedPriority, SurveyStatus
from lms.training.models import NeedsResponse, NeedsSurvey, SurveyTopic
from tests.factories import UserFactory, make_person

pytestmark = pytest.mark.usefixtures("english")

HIGH, MEDIUM, LOW = NeedPriority.HIGH, NeedPriority.MEDIUM, NeedPriority.LOW


def cadre(unit, number, *, title=None, email=True):
    """A person of ``unit`` with a login account (and an email address)."""
    person = make_person(
        unit,
        full_name=f"Cán bộ số {number}",
        phone=f"09120000{number:02d}",
        title=title,
        email=f"canbo{number}@example.vn" if email else None,
    )
    return person.user


def make_survey(owner, targets, *, topics=("Kỹ năng số", "Dân vận", "Tài chính"), **f):
    today = timezone.localdate()
    f.setdefault("opens_on", today - datetime.timedelta(days=1))
    f.setdefault("closes_on", today + datetime.timedelta(days=14))
    f.setdefault("status", SurveyStatus.OPEN)
    survey = NeedsSurvey.objects.create(
        title="Nhu cầu bồi dưỡng 2027", plan_year=2027, owner=owner, **f
    )
    survey.target_units.set(targets)
    for order, title in enumerate(topics):
        SurveyTopic.objects.create(survey=survey, title=title, sort_order=order)
    return survey


def topic_ids(survey):
    return list(survey.topics.order_by("sort_order").values_list("pk", flat=True))


def superuser():
    return UserFactory(username="quan-tri", is_superuser=True, is_staff=True)


@pytest.fixture
def provinces_survey(tree):
    return make_survey(tree["central"], [tree["province_a"], tree["province_b"]])


@pytest.fixture
def answered(tree, provinces_survey):
    """Four cadres answered (a district chair, two commune people in A, a
    commune member in B); a fifth in B did not."""
    t1, t2, t3 = topic_ids(provinces_survey)
    people = {
        "district_chair": cadre(tree["district_a"], 1, title=tree["chair"]),
        "commune_member_a": cadre(tree["commune_a"], 2, title=tree["member"]),
        "commune_chair_a": cadre(tree["commune_a"], 3, title=tree["chair"]),
        "commune_member_b": cadre(tree["commune_b"], 4, title=tree["member"]),
        "silent": cadre(tree["commune_b"], 5, title=tree["member"]),
    }
    answers = {
        "district_chair": {t1: HIGH, t2: LOW},
        "commune_member_a": {t1: MEDIUM},
        "commune_chair_a": {t1: HIGH, t3: MEDIUM},
        "commune_member_b": {t2: HIGH},
    }
    for key, chosen in answers.items():
        needs.answer(
            survey=provinces_survey,
            user=people[key],
            needs=chosen,
            preferred_mode=ClassMode.ONLINE if key == "district_chair" else "",
            other_needs="Tin học văn phòng" if key == "commune_chair_a" else "",
        )
    return people


# ----------------------------------------------------------------------- send


def test_sending_opens_the_survey_and_emails_each_person_of_the_target_units_once(
    tree, django_capture_on_commit_callbacks
):
    survey = make_survey(tree["central"], [tree["province_a"]], status="draft")
    asked = [cadre(tree["district_a"], 1), cadre(tree["commune_a"], 2)]
    cadre(tree["commune_b"], 3)  # another province: not asked
    with django_capture_on_commit_callbacks(execute=True):
        count = needs.send_survey(survey=survey, user=superuser())

    assert count == 2
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert survey.sent_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in asked)
    assert f"/khao-sat/{survey.pk}/" in mail.outbox[0].body


def test_sending_again_notifies_only_people_who_were_not_notified_yet(
    tree, django_capture_on_commit_callbacks
):
    survey = make_survey(tree["central"], [tree["province_a"]], status="draft")
    cadre(tree["commune_a"], 1)
    admin = superuser()
    with django_capture_on_commit_callbacks(execute=True):
        needs.send_survey(survey=survey, user=admin)
    sent_at = NeedsSurvey.objects.get(pk=survey.pk).sent_at
    newcomer = cadre(tree["commune_a"], 2)
    with django_capture_on_commit_callbacks(execute=True):
        count = needs.send_survey(survey=survey, user=admin)

    assert count == 1
    assert [m.to[0] for m in mail.outbox][1:] == [newcomer.email]
    assert NeedsSurvey.objects.get(pk=survey.pk).sent_at == sent_at


def test_a_survey_without_topics_is_not_sent(tree):
    survey = make_survey(
        tree["central"], [tree["province_a"]], topics=(), status="draft"
    )
    with pytest.raises(needs.NeedsSurveyError, match="at least one topic"):
        needs.send_survey(survey=survey, user=superuser())
    assert NeedsSurvey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


def test_a_survey_without_target_units_is_not_sent(tree):
    survey = make_survey(tree["central"], [], status="draft")
    with pytest.raises(needs.NeedsSurveyError, match="units to send"):
        needs.send_survey(survey=survey, user=superuser())
    assert NeedsSurvey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


def test_a_survey_past_its_closing_date_is_not_sent(tree):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    survey = make_survey(
        tree["central"],
        [tree["province_a"]],
        status="draft",
        opens_on=yesterday,
        closes_on=yesterday,
    )
    with pytest.raises(needs.NeedsSurveyError, match="closed on"):
        needs.send_survey(survey=survey, user=superuser())


def test_a_manager_cannot_send_a_survey_run_by_another_province(tree, manager_b):
    survey = make_survey(tree["province_a"], [tree["province_a"]], status="draft")
    with pytest.raises(needs.NeedsSurveyError, match="may not send"):
        needs.send_survey(survey=survey, user=manager_b)
    assert NeedsSurvey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


# ----------------------------------------------------------- open_surveys_for


def test_open_surveys_are_those_sent_to_a_unit_above_the_learner(tree, learner_a):
    for_a = make_survey(tree["province_a"], [tree["province_a"]])
    make_survey(tree["province_b"], [tree["province_b"]])
    assert needs.open_surveys_for(learner_a) == [for_a]


def test_drafts_closed_and_future_surveys_are_not_open_for_the_learner(tree, learner_a):
    today = timezone.localdate()
    make_survey(tree["central"], [tree["central"]], status="draft")
    make_survey(tree["central"], [tree["central"]], status="closed")
    make_survey(
        tree["central"],
        [tree["central"]],
        opens_on=today + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )
    make_survey(
        tree["central"],
        [tree["central"]],
        opens_on=today - datetime.timedelta(days=9),
        closes_on=today - datetime.timedelta(days=1),
    )
    assert needs.open_surveys_for(learner_a) == []


def test_a_survey_answered_already_is_no_longer_listed(tree, learner_a):
    survey = make_survey(tree["central"], [tree["central"]])
    needs.answer(survey=survey, user=learner_a, needs={topic_ids(survey)[0]: HIGH})
    assert needs.open_surveys_for(learner_a) == []


def test_someone_without_a_person_record_has_no_open_surveys(tree):
    make_survey(tree["central"], [tree["central"]])
    assert needs.open_surveys_for(superuser()) == []


# --------------------------------------------------------------------- answer


def test_an_answer_keeps_the_unit_level_and_title_of_the_day(tree, provinces_survey):
    user = cadre(tree["commune_a"], 1, title=tree["chair"])
    t1, t2, _t3 = topic_ids(provinces_survey)
    response = needs.answer(
        survey=provinces_survey,
        user=user,
        needs={t1: HIGH, str(t2): "1"},
        preferred_mode=ClassMode.BLENDED,
        other_needs="  Kỹ năng thuyết trình ",
    )
    person = user.person
    org.assign_position(
        person=person,
        unit=tree["district_b"],
        title=tree["member"],
        since=timezone.localdate(),
    )

    response.refresh_from_db()
    assert (response.unit, response.unit_level, response.title) == (
        tree["commune_a"],
        Level.COMMUNE,
        tree["chair"],
    )
    assert response.other_needs == "Kỹ năng thuyết trình"
    assert dict(response.needs.values_list("topic_id", "priority")) == {
        t1: HIGH,
        t2: LOW,
    }


def test_answering_again_replaces_the_previous_answer(tree, provinces_survey):
    user = cadre(tree["commune_a"], 1)
    t1, t2, _t3 = topic_ids(provinces_survey)
    needs.answer(survey=provinces_survey, user=user, needs={t1: HIGH, t2: LOW})
    needs.answer(survey=provinces_survey, user=user, needs={t2: MEDIUM})

    response = NeedsResponse.objects.get(survey=provinces_survey, user=user)
    assert NeedsResponse.objects.count() == 1
    assert dict(response.needs.values_list("topic_id", "priority")) == {t2: MEDIUM}


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ({999999: HIGH}, "not part of this survey"),
        ("first", "how much you need"),  # replaced below with a bad priority
        ({}, "at least one topic"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_stored(
    tree, provinces_survey, chosen, message
):
    user = cadre(tree["commune_a"], 1)
    if chosen == "first":
        chosen = {topic_ids(provinces_survey)[0]: 7}
    with pytest.raises(needs.NeedsSurveyError, match=message):
        needs.answer(survey=provinces_survey, user=user, needs=chosen)
    assert not NeedsResponse.objects.exists()


def test_a_topic_of_another_survey_is_refused(tree, provinces_survey):
    other = make_survey(tree["central"], [tree["central"]], topics=("Khác",))
    user = cadre(tree["commune_a"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="not part of this survey"):
        needs.answer(
            survey=provinces_survey, user=user, needs={topic_ids(other)[0]: HIGH}
        )


def test_an_unknown_mode_is_refused(tree, provinces_survey):
    user = cadre(tree["commune_a"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="way of learning"):
        needs.answer(
            survey=provinces_survey, user=user, needs={}, preferred_mode="by-radio"
        )


def test_other_needs_alone_are_an_answer(tree, provinces_survey):
    user = cadre(tree["commune_a"], 1)
    response = needs.answer(
        survey=provinces_survey, user=user, needs={}, other_needs="Ngoại ngữ"
    )
    assert response.needs.count() == 0


def test_someone_outside_the_target_units_cannot_answer(tree):
    survey = make_survey(tree["province_a"], [tree["province_a"]])
    user = cadre(tree["commune_b"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="not sent to your unit"):
        needs.answer(survey=survey, user=user, needs={topic_ids(survey)[0]: HIGH})
    assert not NeedsResponse.objects.exists()


def test_a_survey_not_open_yet_says_from_when_it_takes_answers(tree):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    survey = make_survey(
        tree["central"], [tree["central"]], opens_on=tomorrow, closes_on=tomorrow
    )
    user = cadre(tree["commune_a"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="takes answers from"):
        needs.answer(survey=survey, user=user, needs={topic_ids(survey)[0]: HIGH})


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_survey_that_is_not_open_takes_no_answers(tree, status):
    survey = make_survey(tree["central"], [tree["central"]], status=status)
    user = cadre(tree["commune_a"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="not taking answers"):
        needs.answer(survey=survey, user=user, needs={topic_ids(survey)[0]: HIGH})
    assert not NeedsResponse.objects.exists()


def test_a_survey_past_its_closing_date_takes_no_answers(tree):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    survey = make_survey(
        tree["central"], [tree["central"]], opens_on=yesterday, closes_on=yesterday
    )
    user = cadre(tree["commune_a"], 1)
    with pytest.raises(needs.NeedsSurveyError, match="not taking answers"):
        needs.answer(survey=survey, user=user, needs={topic_ids(survey)[0]: HIGH})


# ------------------------------------------------------------------ aggregate


def test_needs_are_added_up_by_topic_priority_level_and_title(
    tree, provinces_survey, answered
):
    summary = needs.aggregate(survey=provinces_survey)
    t1, t2, t3 = summary.topics
    chair, member = tree["chair"].pk, tree["member"].pk

    assert [t.title for t in summary.topics] == ["Kỹ năng số", "Dân vận", "Tài chính"]
    assert (t1.respondents, t1.by_priority, t1.score) == (3, {HIGH: 2, MEDIUM: 1}, 8)
    assert t1.by_level == {Level.DISTRICT: 1, Level.COMMUNE: 2}
    assert t1.by_title == {chair: 2, member: 1}
    assert (t2.respondents, t2.by_priority, t2.score) == (2, {LOW: 1, HIGH: 1}, 4)
    assert t2.by_level == {Level.DISTRICT: 1, Level.COMMUNE: 1}
    assert t2.by_title == {chair: 1, member: 1}
    assert (t3.respondents, t3.score, t3.by_title) == (1, 2, {chair: 1})
    assert t1.priority_counts == [0, 1, 2]

    assert (summary.respondents, summary.asked, summary.response_rate) == (4, 5, 80)
    assert summary.levels == [Level.DISTRICT, Level.COMMUNE]
    assert summary.respondents_by_level == {Level.DISTRICT: 1, Level.COMMUNE: 3}
    assert summary.titles == [(chair, "Chủ tịch"), (member, "Ủy viên BCH")]
    assert summary.respondents_by_title == {chair: 2, member: 2}
    assert summary.level_table()[0][1] == [1, 2]
    assert summary.title_table()[1][1] == [1, 1]
    assert summary.preferred_modes[ClassMode.ONLINE] == 1
    assert summary.other_needs == [("Xã a", "Chủ tịch", "Tin học văn phòng")]


def test_a_district_manager_sees_only_the_answers_and_people_of_their_district(
    tree, provinces_survey, answered
):
    manager = UserFactory(username="huyen-a")
    org.grant_role(user=manager, role=Role.UNIT_MANAGER, units=[tree["district_a"]])

    summary = needs.aggregate(
        survey=provinces_survey, units=org.units_visible_to(manager)
    )

    assert (summary.respondents, summary.asked) == (3, 3)
    assert [t.respondents for t in summary.topics] == [3, 1, 1]
    assert summary.topics[1].by_title == {tree["chair"].pk: 1}
    assert summary.respondents_by_title == {tree["chair"].pk: 2, tree["member"].pk: 1}


def test_narrowing_to_one_commune_or_to_no_units_counts_only_those(
    tree, provinces_survey, answered
):
    commune_units = org.units_visible_to(superuser()).filter(pk=tree["commune_b"].pk)
    summary = needs.aggregate(survey=provinces_survey, units=commune_units)
    assert summary.respondents == 1
    assert summary.asked == 2
    empty = org.units_visible_to(UserFactory(username="khong-co-don-vi"))
    nothing = needs.aggregate(survey=provinces_survey, units=empty)
    assert (nothing.respondents, nothing.asked, nothing.levels) == (0, 0, [])
    assert [t.respondents for t in nothing.topics] == [0, 0, 0]


def _add_responses(survey, tree, count):
    t1, t2, _t3 = topic_ids(survey)
    units = [tree["commune_a"], tree["district_b"], tree["commune_b"]]
    titles = [tree["chair"], tree["member"], None]
    start = NeedsResponse.objects.count()
    for n in range(start, start + count):
        unit = units[n % 3]
        response = NeedsResponse.objects.create(
            survey=survey,
            user=UserFactory(),
            unit=unit,
            unit_level=unit.level,
            title=titles[n % 3],
            other_needs=f"Nhu cầu {n}" if n % 2 else "",
        )
        response.needs.create(topic_id=t1, priority=1 + n % 3)
        if n % 2:
            response.needs.create(topic_id=t2, priority=HIGH)


def _queries(**kwargs):
    with CaptureQueriesContext(connection) as captured:
        needs.aggregate(**kwargs)
    return len(captured)


def test_adding_up_takes_the_same_number_of_queries_for_5_or_50_answers(
    tree, provinces_survey
):
    units = org.units_visible_to(superuser())
    _add_responses(provinces_survey, tree, 5)
    few = _queries(survey=provinces_survey, units=units)
    _add_responses(provinces_survey, tree, 45)
    many = _queries(survey=provinces_survey, units=units)

    assert few == many
    summary = needs.aggregate(survey=provinces_survey)
    assert summary.respondents == 50
    assert summary.titles[-1] == (None, "No position title")


# --------------------------------------------------------------------- export


def test_the_export_has_a_sheet_per_breakdown_and_the_responses_without_names(
    tree, provinces_survey, answered
):
    content = needs.export_xlsx(survey=provinces_survey)
    book = load_workbook(BytesIO(content))

    assert book.sheetnames == ["Chủ đề", "Theo cấp", "Theo chức danh", "Phiếu trả lời"]
    topics = list(book["Chủ đề"].iter_rows(values_only=True))
    assert topics[0][:2] == ("Chủ đề", "Số người cần")
    assert topics[1] == ("Kỹ năng số", 3, 0, 1, 2, 8)
    assert ("Số người được hỏi", 5) in [row[:2] for row in topics]

    with translation.override("vi"):
        district, commune = str(Level.DISTRICT.label), str(Level.COMMUNE.label)
        urgent = str(HIGH.label)
    levels = list(book["Theo cấp"].iter_rows(values_only=True))
    assert levels[0] == ("Chủ đề / Cấp đơn vị", district, commune)
    assert levels[1] == ("Kỹ năng số", 1, 2)
    titles = list(book["Theo chức danh"].iter_rows(values_only=True))
    assert titles[0] == ("Chủ đề / Chức danh", "Chủ tịch", "Ủy viên BCH")
    assert titles[-1] == ("Số người trả lời", 2, 2)

    rows = list(book["Phiếu trả lời"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Đơn vị", "Cấp", "Chức danh", "Kỹ năng số")
    assert len(rows) == 5
    assert rows[1][:4] == ("Huyện a", district, "Chủ tịch", urgent)
    cells = {str(cell) for row in rows for cell in row if cell}
    assert not any("Cán bộ số" in cell or "0912" in cell for cell in cells)


def test_the_export_is_narrowed_to_the_units_given(tree, provinces_survey, answered):
    manager = UserFactory(username="tinh-b")
    org.grant_role(user=manager, role=Role.UNIT_MANAGER, units=[tree["province_b"]])
    content = needs.export_xlsx(
        survey=provinces_survey, units=org.units_visible_to(manager)
    )
    rows = list(load_workbook(BytesIO(content))["Phiếu trả lời"].values)
    assert [row[0] for row in rows[1:]] == ["Xã b"]
