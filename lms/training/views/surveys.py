"""The learner's training-needs survey page: one light form, phone-first."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import needs
from ..data import ClassMode, NeedPriority, SurveyStatus
from ..models import NeedsSurvey


class NeedsAnswerForm(forms.Form):
    """A choice per topic ("not needed" or a priority), the preferred way of
    learning and other needs; ``needs()`` gives what ``needs.answer`` takes."""

    preferred_mode = forms.ChoiceField(
        label=gettext_lazy("How would you rather learn?"),
        choices=[("", gettext_lazy("No preference")), *ClassMode.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    other_needs = forms.CharField(
        label=gettext_lazy("Other training you need"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("Not needed")), *NeedPriority.choices]
        self.topic_fields = {}
        for topic in topics:
            name = f"topic_{topic.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=topic.title,
                help_text=topic.description,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.topic_fields[topic.pk] = name
        # Topics first, then the two general questions.
        self.order_fields([*self.topic_fields.values()])

    def topic_bound_fields(self):
        return [self[name] for name in self.topic_fields.values()]

    def needs(self) -> dict[int, int]:
        data = self.cleaned_data
        return {pk: data[name] for pk, name in self.topic_fields.items() if data[name]}


def _initial(response) -> dict:
    if response is None:
        return {}
    initial = {f"topic_{need.topic_id}": need.priority for need in response.needs.all()}
    initial.update(
        preferred_mode=response.preferred_mode, other_needs=response.other_needs
    )
    return initial


@login_required
def needs_survey(request, pk):
    """GET: the form (with the previous answer); POST: store it and go back
    to "my learning". A survey the user may not answer shows why (403)."""
    survey = get_object_or_404(
        NeedsSurvey.objects.exclude(status=SurveyStatus.DRAFT), pk=pk
    )
    try:
        needs.check_may_answer(survey=survey, user=request.user)
    except needs.NeedsSurveyError as error:
        context = {"survey": survey, "reason": str(error)}
        return render(request, "training/surveys/unavailable.html", context, status=403)
    previous = needs.previous_answer(survey=survey, user=request.user)
    topics = list(survey.topics.all())
    form = NeedsAnswerForm(
        request.POST or None, topics=topics, initial=_initial(previous)
    )
    if request.method == "POST" and form.is_valid():
        try:
            needs.answer(
                survey=survey,
                user=request.user,
                needs=form.needs(),
                preferred_mode=form.cleaned_data["preferred_mode"],
                other_needs=form.cleaned_data["other_needs"],
            )
        except needs.NeedsSurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your answer was saved."))
            return redirect("my_learning")
    context = {"survey": survey, "form": form, "previous": previous}
    return render(request, "training/surveys/answer.html", context)
