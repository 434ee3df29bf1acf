"""The learner's end-of-class evaluation form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import evaluation as use_cases
from ..data import QuestionKind, QuestionTarget
from ..models import Evaluation

LIKERT_CHOICES = [
    ("1", gettext_lazy("1 – Very dissatisfied")),
    ("2", gettext_lazy("2 – Dissatisfied")),
    ("3", gettext_lazy("3 – Neither satisfied nor dissatisfied")),
    ("4", gettext_lazy("4 – Satisfied")),
    ("5", gettext_lazy("5 – Very satisfied")),
]


class EvaluationForm(forms.Form):
    """A field per course question and per instructor question for each
    instructor, named ``q<question id>`` or ``q<question id>_i<instructor id>``."""

    def __init__(self, *args, evaluation, instructors, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {}
        self.course_fields, self.instructor_sections = [], []
        questions = list(evaluation.questions.all())
        for question in questions:
            if question.target == QuestionTarget.COURSE:
                self.course_fields.append(self._add(question, None))
        for instructor in instructors:
            fields = [
                self._add(question, instructor.pk)
                for question in questions
                if question.target == QuestionTarget.INSTRUCTOR
            ]
            self.instructor_sections.append((instructor, fields))

    def _add(self, question, instructor_id):
        name = f"q{question.pk}" + (f"_i{instructor_id}" if instructor_id else "")
        if question.kind == QuestionKind.LIKERT:
            field = forms.ChoiceField(
                choices=LIKERT_CHOICES, widget=forms.RadioSelect, required=False
            )
        else:
            field = forms.CharField(
                max_length=use_cases.TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        field.label = question.text
        # Checked here so the page can point at the question left empty.
        field.required = question.required
        self.fields[name] = field
        self.keys[name] = (question.pk, instructor_id)
        return self[name]

    def answers(self) -> dict:
        """The cleaned answers, keyed as ``evaluation.submit`` expects."""
        return {key: self.cleaned_data.get(name) for name, key in self.keys.items()}


def _refusal(request, evaluation, message):
    context = {"evaluation": evaluation, "message": message}
    return render(request, "training/evaluation/refused.html", context, status=403)


@login_required
def evaluate(request, code):
    """Answer the evaluation of class ``code``; once answered, back to the
    learner's learning with a thank-you."""
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("training_class"), training_class__code=code
    )
    try:
        use_cases.check_may_answer(evaluation=evaluation, user=request.user)
    except use_cases.EvaluationError as error:
        return _refusal(request, evaluation, str(error))
    instructors = use_cases.class_instructors(evaluation.training_class)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        evaluation=evaluation,
        instructors=instructors,
    )
    if form.is_valid():
        try:
            use_cases.submit(
                evaluation=evaluation, user=request.user, answers=form.answers()
            )
        except use_cases.EvaluationError as error:
            return _refusal(request, evaluation, str(error))
        messages.success(request, _("Thank you for evaluating the class."))
        return redirect("my_learning")
    context = {"evaluation": evaluation, "form": form}
    return render(request, "training/evaluation/form.html", context)
