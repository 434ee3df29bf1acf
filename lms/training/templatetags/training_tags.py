"""Pieces of class information that course pages and "my learning" show."""

from django import template

from .. import api, enrolment

register = template.Library()


@register.inclusion_tag("training/tags/upcoming_classes.html")
def upcoming_classes(course):
    classes = list(api.upcoming_classes(course_id=course.pk))
    return {
        "classes": [(c, enrolment.free_seats(c)) for c in classes],
    }


@register.inclusion_tag("training/tags/my_training.html", takes_context=True)
def my_training(context):
    user = context["request"].user
    return api.learner_overview(user=user) if user.is_authenticated else {}
