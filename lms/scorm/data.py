"""Plain data types of lms.scorm (no Django models): what a manifest says."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScormVersion(models.TextChoices):
    SCORM_12 = "1.2", _("SCORM 1.2")
    SCORM_2004_2 = "2004-2", _("SCORM 2004 2nd Edition")
    SCORM_2004_3 = "2004-3", _("SCORM 2004 3rd Edition")
    SCORM_2004_4 = "2004-4", _("SCORM 2004 4th Edition")

    @property
    def is_2004(self) -> bool:
        return self != ScormVersion.SCORM_12


class AttemptStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    ENDED = "ended", _("Ended")


@dataclass(frozen=True)
class Resource:
    identifier: str
    href: str  # launch path inside the package (xml:base applied), or ""
    scorm_type: str  # "sco" or "asset"
    dependencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activity:
    """An item of the organization (the organization itself is the root).

    ``launch`` is the path plus parameters to load, "" for a cluster;
    ``sequencing`` is the merged imsss/adlseq description (see manifest.py)
    or None for SCORM 1.2 and for items without any."""

    identifier: str
    title: str
    launch: str = ""
    is_sco: bool = False
    visible: bool = True
    resource: str = ""
    mastery_score: float | None = None  # 1.2: adlcp:masteryscore (0..100)
    max_time_allowed: str = ""
    time_limit_action: str = ""
    data_from_lms: str = ""
    prerequisites: str = ""  # 1.2 only, kept for reporting; not enforced
    completion_threshold: dict | None = None  # 2004: adlcp:completionThreshold
    hide_lms_ui: tuple[str, ...] = ()  # adlnav:presentation
    shared_data: tuple[dict, ...] = ()  # 4th ed adlcp:data/adlcp:map
    sequencing: dict | None = None
    children: tuple["Activity", ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @classmethod
    def from_dict(cls, data: dict) -> "Activity":
        fields = dict(data)
        fields["children"] = tuple(cls.from_dict(c) for c in data.get("children", ()))
        fields["hide_lms_ui"] = tuple(data.get("hide_lms_ui", ()))
        fields["shared_data"] = tuple(data.get("shared_data", ()))
        return cls(**fields)

    def walk(self):
        """This activity and its descendants, depth first, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Manifest:
    identifier: str
    version: ScormVersion
    title: str
    organization: Activity  # the default organization, as the root activity
    resources: dict[str, Resource] = field(default_factory=dict)
    objectives_global_to_system: bool = True

    @classmethod
    def from_dict(cls, data: dict) -> "Manifest":
        """The inverse of ``dataclasses.asdict`` (how versions store it)."""
        return cls(
            identifier=data["identifier"],
            version=ScormVersion(data["version"]),
            title=data["title"],
            organization=Activity.from_dict(data["organization"]),
            resources={
                key: Resource(**{**value, "dependencies": tuple(value["dependencies"])})
                for key, value in data["resources"].items()
            },
            objectives_global_to_system=data["objectives_global_to_system"],
        )

    def activity(self, identifier: str) -> Activity | None:
        for activity in self.organization.walk():
            if activity.identifier == identifier:
                return activity
        return None

    @property
    def launchable(self) -> list[Activity]:
        """Leaves that have something to launch, in order."""
        return [a for a in self.organization.walk() if a.is_leaf and a.launch]
