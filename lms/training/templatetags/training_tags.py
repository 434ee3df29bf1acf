"""Pieces of class information that course pages and "my learning" show."""

from django import template

from .. import api

register = template.Library()


@register.inclusion_tag("training/tags/upcoming_classes.html")
def upcoming_classes(course):
    """The course's upcoming classes with their seats left (one query)."""
    classes = api.upcoming_classes(course_id=course.pk)
    return {"classes": [(c, _seats_left(c)) for c in classes]}


def _seats_left(training_class) -> int | None:
    if training_class.capacity is None:
        return None
    return max(0, training_class.capacity - training_class.enrolled)


@register.inclusion_tag("training/tags/my_training.html", takes_context=True)
def my_training(context):
    user = context["request"].user
    return api.learner_overview(user=user) if user.is_authenticated else {}
