"""Plain data types of lms.org that other apps may import."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Administrative level of a unit; a child is always deeper than its parent."""

    CENTRAL = 1, _("Central")
    PROVINCE = 2, _("Province")
    DISTRICT = 3, _("District")
    COMMUNE = 4, _("Commune")
    BRANCH = 5, _("Branch")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """The roles of the site. Each is a Django group, except site admins
    (superusers). Managers and academy staff act only inside the units given
    to them (see ``ManagedUnit``)."""

    LEARNER = "learner", _("Learner")
    INSTRUCTOR = "instructor", _("Instructor")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    ACADEMY_STAFF = "academy_staff", _("Academy staff")


# The group that carries each role's model permissions. Names are data; the
# migration that creates them and ``api.grant_role`` both read this mapping.
ROLE_GROUPS = {
    Role.LEARNER: "Học viên",
    Role.INSTRUCTOR: "Giảng viên",
    Role.UNIT_MANAGER: "Cán bộ quản lý đơn vị",
    Role.ACADEMY_STAFF: "Cán bộ học viện",
}


@dataclass(frozen=True)
class Position:
    """Where a person stood on a given day: their unit and position title."""

    unit_id: int
    title_id: int | None
    start_date: datetime.date
    end_date: datetime.date | None
