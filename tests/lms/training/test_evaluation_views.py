"""The learner's evaluation page and the admin's evaluation screens."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from lms.training import evaluation as ev
from lms.training.data import MemberSource, MemberStatus, QuestionTarget
from lms.training.models import (
    ClassInstructor,
    ClassMember,
    Evaluation,
    EvaluationResponse,
    EvaluationSubmission,
    Instructor,
)

from .conftest import admin_login, make_class

pytestmark = pytest.mark.usefixtures("english")

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def instructor(training_class):
    instructor = Instructor.objects.create(full_name="Đỗ Minh Khoa")
    ClassInstructor.objects.create(training_class=training_class, instructor=instructor)
    return instructor


@pytest.fixture
def evaluation(training_class, instructor):
    return ev.create_evaluation(
        training_class=training_class, opens_at=timezone.now() - HOUR
    )


@pytest.fixture
def learner(training_class, learner_a):
    ClassMember.objects.create(
        training_class=training_class,
        user=learner_a,
        status=MemberStatus.ENROLLED,
        source=MemberSource.STAFF,
    )
    return learner_a


def page_url(training_class):
    return reverse("training:evaluate", args=[training_class.code])


def form_data(evaluation, instructor, score="4"):
    data = {}
    for question in evaluation.questions.filter(kind="likert"):
        if question.target == QuestionTarget.COURSE:
            data[f"q{question.pk}"] = score
        else:
            data[f"q{question.pk}_i{instructor.pk}"] = score
    return data


# ------------------------------------------------------------ learner page


def test_the_page_asks_anonymous_questions_with_a_section_per_instructor(
    client, evaluation, learner, instructor
):
    admin_login(client, learner)
    response = client.get(page_url(evaluation.training_class))
    assert response.status_code == 200
    html = response.text
    assert "This evaluation is anonymous" in html
    assert "About the instructor Đỗ Minh Khoa" in html
    assert "1 – Very dissatisfied" in html and "5 – Very satisfied" in html
    assert html.count('type="radio"') == 6 * 5
    assert "<script" not in html.split("<main", 1)[1]


def test_a_learner_answers_and_is_thanked_on_my_learning(
    client, evaluation, learner, instructor
):
    admin_login(client, learner)
    data = form_data(evaluation, instructor)
    comment = evaluation.questions.get(target="course", kind="text")
    data[f"q{comment.pk}"] = "Cần thêm tài liệu."
    response = client.post(page_url(evaluation.training_class), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("my_learning")
    assert "Thank you for evaluating the class." in response.text
    stored = EvaluationResponse.objects.get()
    assert stored.respondent is None and stored.answers.count() == 7
    assert ev.pending_for(learner) == []


def test_a_missing_answer_shows_the_form_again_and_stores_nothing(
    client, evaluation, learner, instructor
):
    admin_login(client, learner)
    data = form_data(evaluation, instructor)
    data.popitem()
    response = client.post(page_url(evaluation.training_class), data)
    assert response.status_code == 200
    assert "Please answer the questions marked below." in response.text
    assert not EvaluationResponse.objects.exists()


def test_the_page_needs_a_login(client, evaluation):
    response = client.get(page_url(evaluation.training_class))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_someone_not_in_the_class_is_told_so_and_nothing_is_stored(
    client, evaluation, learner_b, instructor
):
    admin_login(client, learner_b)
    url = page_url(evaluation.training_class)
    response = client.post(url, form_data(evaluation, instructor))
    assert response.status_code == 403
    assert "Only the learners of this class" in response.text
    assert not EvaluationSubmission.objects.exists()


def test_a_closed_evaluation_is_refused(client, evaluation, learner, instructor):
    evaluation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    evaluation.opens_at = evaluation.closes_at - HOUR
    evaluation.save()
    admin_login(client, learner)
    response = client.post(
        page_url(evaluation.training_class), form_data(evaluation, instructor)
    )
    assert response.status_code == 403
    assert "not open for answers" in response.text
    assert not EvaluationResponse.objects.exists()


def test_a_second_answer_is_refused(client, evaluation, learner, instructor):
    admin_login(client, learner)
    url = page_url(evaluation.training_class)
    client.post(url, form_data(evaluation, instructor))
    response = client.post(url, form_data(evaluation, instructor, score="1"))
    assert response.status_code == 403
    assert "already answered" in response.text
    assert EvaluationResponse.objects.count() == 1


def test_a_class_without_an_evaluation_is_not_found(client, training_class, learner):
    admin_login(client, learner)
    assert client.get(page_url(training_class)).status_code == 404


# ------------------------------------------------------------------- admin


@pytest.fixture
def answered(evaluation, learner, instructor):
    answers = {
        (int(name[1:].split("_")[0]), instructor.pk if "_i" in name else None): score
        for name, score in form_data(evaluation, instructor, score="5").items()
    }
    ev.submit(evaluation=evaluation, user=learner, answers=answers)
    return evaluation


def results_url(evaluation):
    return reverse("training_evaluations:results", args=[evaluation.pk])


def test_a_manager_sees_the_results_of_their_provinces_class(
    client, answered, manager_a
):
    admin_login(client, manager_a)
    response = client.get(results_url(answered))
    assert response.status_code == 200
    assert "Relevance of the content to your work" in response.text
    assert "Đỗ Minh Khoa" in response.text
    assert "1 responses from 1 enrolled learners" in response.text


def test_another_provinces_manager_does_not_find_the_results(
    client, answered, manager_b
):
    admin_login(client, manager_b)
    assert client.get(results_url(answered)).status_code == 404
    xlsx = reverse("training_evaluations:results_xlsx", args=[answered.pk])
    assert client.get(xlsx).status_code == 404
    listing = client.get(reverse("training_evaluations:index"))
    assert listing.status_code == 200
    assert str(answered.training_class) not in listing.text


def test_the_results_download_as_a_spreadsheet(client, answered, staff):
    from io import BytesIO

    from openpyxl import load_workbook

    admin_login(client, staff)
    url = reverse("training_evaluations:results_xlsx", args=[answered.pk])
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert ("Responses", 1, "Enrolled", 1) == rows[1][:4]
    assert any(row[1] == "Mastery of the subject" and row[3] == 5 for row in rows)


def test_a_manager_who_only_views_cannot_edit(client, answered, manager_a):
    admin_login(client, manager_a)
    url = reverse("training_evaluations:edit", args=[answered.pk])
    assert client.get(url).status_code in (302, 403)


def test_the_instructor_pages_show_the_classes_the_user_sees(
    client, answered, manager_a, manager_b, instructor
):
    admin_login(client, manager_a)
    listing = client.get(reverse("training_admin:evaluation_instructors"))
    assert listing.status_code == 200 and "Đỗ Minh Khoa" in listing.text
    url = reverse("training_admin:evaluation_instructor", args=[instructor.pk])
    detail = client.get(url)
    assert detail.status_code == 200 and answered.training_class.code in detail.text
    admin_login(client, manager_b)
    listing = client.get(reverse("training_admin:evaluation_instructors"))
    assert "Đỗ Minh Khoa" not in listing.text
    assert client.get(url).status_code == 404


def test_staff_create_an_evaluation_with_the_default_questions(
    client, staff, training_class
):
    admin_login(client, staff)
    response = client.post(
        reverse("training_evaluations:add"),
        {"training_class": training_class.pk, "anonymous": "on"},
    )
    evaluation = Evaluation.objects.get(training_class=training_class)
    assert response.status_code == 302
    assert response.url == reverse("training_evaluations:edit", args=[evaluation.pk])
    assert evaluation.questions.count() == len(ev.DEFAULT_QUESTIONS)
    assert evaluation.opens_at <= timezone.now()


def test_a_manager_cannot_create_an_evaluation_for_another_province(
    client, course, tree, staff, manager_a
):
    other = make_class(course, tree["province_b"])
    # Academy staff manage everything; a province manager lacks add permission.
    admin_login(client, manager_a)
    response = client.post(
        reverse("training_evaluations:add"), {"training_class": other.pk}
    )
    assert response.status_code in (302, 403)
    assert not Evaluation.objects.exists()


def edit_data(evaluation, changes=None):
    """The edit form as posted, ``changes`` by question index."""
    changes = changes or {}
    questions = list(evaluation.questions.all())
    forms = []
    for index, question in enumerate(questions):
        form = {
            "id": question.pk,
            "target": question.target,
            "kind": question.kind,
            "text": question.text,
            "required": "on" if question.required else "",
            "ORDER": index + 1,
        }
        form.update(changes.get(index, {}))
        forms.append(form)
    return nested_form_data(
        {
            "anonymous": "on" if evaluation.anonymous else "",
            "opens_at": timezone.localtime(evaluation.opens_at).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "closes_at": "",
            "introduction": "",
            "questions": inline_formset(forms, initial=len(forms)),
        }
    )


def test_questions_with_answers_cannot_be_changed_or_deleted(client, answered, staff):
    admin_login(client, staff)
    url = reverse("training_evaluations:edit", args=[answered.pk])
    assert client.get(url).status_code == 200
    before = list(answered.questions.values_list("text", flat=True))
    for change in ({"text": "Câu hỏi khác"}, {"DELETE": "1"}):
        response = client.post(url, edit_data(answered, {0: change}))
        assert response.status_code == 200
        assert "already has answers" in response.text
        assert list(answered.questions.values_list("text", flat=True)) == before


def test_questions_without_answers_can_be_edited(client, evaluation, staff):
    admin_login(client, staff)
    url = reverse("training_evaluations:edit", args=[evaluation.pk])
    response = client.post(url, edit_data(evaluation, {0: {"text": "Câu hỏi mới"}}))
    assert response.status_code == 302, response.text[:3000]
    assert evaluation.questions.first().text == "Câu hỏi mới"


def test_an_answered_evaluation_cannot_be_deleted(client, answered, staff):
    admin_login(client, staff)
    url = reverse("training_evaluations:delete", args=[answered.pk])
    response = client.post(url, follow=True)
    assert "cannot be deleted" in response.text
    assert Evaluation.objects.filter(pk=answered.pk).exists()
