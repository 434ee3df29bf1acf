"""Forms of the certificates' admin: issuing for a class, re-issuing with
corrections, revoking."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from lms.progress import api as progress
from lms.progress.data import EnrolmentStatus

from .scope import course_settings_visible_to


def completed_enrolments(course, cohort):
    """The enrolments of the course's learners of ``cohort`` who completed it."""
    enrolments = progress.course_enrolments(course=course)
    return enrolments.filter(status=EnrolmentStatus.COMPLETED, cohort=cohort)


def cohorts_completed(settings) -> list[str]:
    """The cohorts (classes) with learners who completed one of the courses."""
    cohorts = set()
    for setting in settings:
        enrolments = progress.course_enrolments(course=setting.course)
        completed = enrolments.filter(status=EnrolmentStatus.COMPLETED)
        cohorts.update(completed.exclude(cohort="").values_list("cohort", flat=True))
    return sorted(cohorts)


class IssueForClassForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    cohort = forms.ChoiceField(
        label=_("Class"),
        help_text=_("Learners of this class who completed the course."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        settings = course_settings_visible_to(user).filter(is_active=True)
        settings = settings.select_related("course").order_by("course__title")
        self.fields["course"].queryset = settings
        self.fields["course"].label_from_instance = lambda setting: setting.course
        cohorts = cohorts_completed(settings)
        self.fields["cohort"].choices = [("", "---------")] + [
            (cohort, cohort) for cohort in cohorts
        ]

    def clean(self):
        cleaned = super().clean()
        setting, cohort = cleaned.get("course"), cleaned.get("cohort")
        if setting and cohort:
            if not completed_enrolments(setting.course, cohort).exists():
                raise forms.ValidationError(
                    _("No learner of the class %(class)s has completed this course.")
                    % {"class": cohort}
                )
        return cleaned

    def enrolments(self):
        setting = self.cleaned_data["course"]
        return completed_enrolments(setting.course, self.cleaned_data["cohort"])


class ReissueForm(forms.Form):
    """The corrections; the certificate keeps its number, with a new revision."""

    CORRECTED = ("full_name", "birth_date", "unit_name")

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=AdminDateInput
    )
    unit_name = forms.CharField(label=_("Unit"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Why it is corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the certificate's history."),
    )

    def __init__(self, *args, certificate, **kwargs):
        kwargs["initial"] = {
            name: getattr(certificate, name) for name in self.CORRECTED
        }
        super().__init__(*args, **kwargs)
        self.certificate = certificate

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.CORRECTED
            if self.cleaned_data[name] != getattr(self.certificate, name)
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(
                _("Correct the name, the date of birth or the unit to re-issue.")
            )
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Shown to anyone who checks the certificate."),
        error_messages={"required": _("Give the reason for revoking.")},
    )
