"""Demo certificates: the academy as issuer, the demo course giving a
certificate, and one issued to the Nghệ An demo learner so that the
verification page, the PDF and the Open Badge can be tried. Idempotent."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from lms.org import api as org

from . import issuing
from .models import CourseCertificate, Issuer

COURSE_SLUG = "ky-nang-chi-hoi-truong"


@transaction.atomic
def build():
    course = Page.objects.filter(slug=COURSE_SLUG).first()
    staff = get_user_model().objects.filter(person__phone="+84911000001").first()
    if course is None or staff is None:
        return None
    top = org.units_visible_to(staff).filter(code="hlhpn-tw").first()
    issuer, _created = Issuer.objects.get_or_create(
        code="HVPN",
        defaults={
            "name": "Học viện Phụ nữ Việt Nam",
            "unit": top,
            "signer_name": "Trần Thị Quyên",
            "signer_title": "GIÁM ĐỐC",
            "place": "Hà Nội",
        },
    )
    CourseCertificate.objects.get_or_create(
        course=course, defaults={"issuer": issuer, "validity_months": 60}
    )
    learner = get_user_model().objects.filter(person__phone="+84911000006").first()
    if learner is None:
        return None
    return issuing.request(
        user=learner, course_id=course.pk, completed_on=timezone.localdate(), by=staff
    )
