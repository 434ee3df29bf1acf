"""Template tags other apps' pages use to show a learner's certificates."""

from django import template

from ..issuing import live
from ..models import Certificate

register = template.Library()


@register.inclusion_tag(
    "certificates/includes/course_certificate.html", takes_context=True
)
def course_certificate(context, course):
    """On "my learning": the logged-in learner's certificate of ``course``
    (its number, PDF and verification page, or that it awaits approval);
    nothing when there is none (one query)."""
    user = context["request"].user
    certificate = None
    if user.is_authenticated:
        mine = Certificate.objects.filter(user=user, course_id=course.pk)
        certificate = live(mine).first()
    return {"certificate": certificate}
