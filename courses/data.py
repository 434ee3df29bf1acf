from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class CourseLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")
    HMONG = "hmn", _("Hmong")
    TAY = "tyz", _("Tày")
    KHMER = "km", _("Khmer")
