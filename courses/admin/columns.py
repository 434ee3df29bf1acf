"""Listing columns and row values shared by the enrolment screens."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import Column

from lms.progress.data import EnrolmentSource


def local_date(value) -> str:
    """A date as cadres read it (21/11/2026), not "3 days ago"."""
    return date_format(localtime(value), "SHORT_DATE_FORMAT") if value else ""


def learner_name(enrolment) -> str:
    person = getattr(enrolment, "person", None)
    if person is not None:
        return person.full_name
    user = enrolment.user
    return user.get_full_name() or user.get_username()


def person_value(attribute):
    def value(enrolment):
        person = getattr(enrolment, "person", None)
        return getattr(person, attribute, "") if person is not None else ""

    return value


def source_label(enrolment) -> str:
    try:
        return EnrolmentSource(enrolment.source).label
    except ValueError:
        return enrolment.source


def percent_label(enrolment) -> str:
    return f"{enrolment.percent}%"


class LocalDateColumn(Column):
    def get_value(self, instance):
        return local_date(super().get_value(instance))


class EnrolmentActionsColumn(Column):
    """Withdraw an enrolment, or enrol again a learner who withdrew."""

    cell_template_name = "courses/admin/enrolment_actions_cell.html"

    def __init__(self, name, *, course, may_change, **kwargs):
        super().__init__(name, **kwargs)
        self.course = course
        self.may_change = may_change

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            course=self.course, may_change=self.may_change, enrolment=instance
        )
        return context
