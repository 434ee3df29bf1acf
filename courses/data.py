from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.progress.data import ItemSpec


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


@dataclass(frozen=True)
class LessonActivity:
    """A learning-activity block of a lesson as the lesson page shows it to
    one viewer. The block's template (and ``get_context``) finds it as
    ``activity``; blocks that are not activities get None."""

    key: str  # the progress item key, "lesson<page id>:<block id>"
    course_id: int
    spec: ItemSpec  # what the block's item_spec returned
    learner: Any = None  # the enrolled user whose progress the page reports
    done: bool = False  # the learner has completed the item
