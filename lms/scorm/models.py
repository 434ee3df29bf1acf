"""SCORM packages, their uploaded versions, and learners' attempts with the
runtime data of every SCO.

A package keeps every version ever uploaded: an attempt stays on the
version it started with, new attempts take the package's current version.
Courses are Wagtail pages referenced through ``wagtailcore.Page``; this app
never imports the course app above it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionMember
from wagtail.search import index

from .data import AttemptStatus, ScormVersion


class Package(CollectionMember, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    current_version = models.ForeignKey(
        "PackageVersion",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    search_fields = [
        *CollectionMember.search_fields,
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        ordering = ["-created_at"]
        permissions = [("view_scorm_results", "Can see learners' SCORM results")]

    def __str__(self):
        return self.title


class PackageVersion(models.Model):
    package = models.ForeignKey(
        Package, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    scorm_version = models.CharField(
        _("SCORM version"), max_length=8, choices=ScormVersion.choices
    )
    manifest = models.JSONField(editable=False)  # manifest.Manifest, as a dict
    # Folder of the unpacked files in the package storage (lms.packages).
    storage_prefix = models.CharField(max_length=120, unique=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"))
    file_hash = models.CharField(max_length=64, db_index=True)
    unpacked_bytes = models.PositiveBigIntegerField(default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("package version")
        verbose_name_plural = _("package versions")
        ordering = ["package", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "number"], name="scorm_version_number"
            )
        ]

    def __str__(self):
        return f"{self.package} v{self.number}"


class Attempt(models.Model):
    """One learner's attempt at a package placed in a course activity."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    package = models.ForeignKey(
        Package, on_delete=models.CASCADE, related_name="attempts"
    )
    version = models.ForeignKey(
        PackageVersion, on_delete=models.PROTECT, related_name="attempts"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(max_length=120)
    number = models.PositiveIntegerField(default=1)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AttemptStatus.choices,
        default=AttemptStatus.ACTIVE,
    )
    completion_status = models.CharField(max_length=16, default="not attempted")
    success_status = models.CharField(max_length=16, default="unknown")
    score_scaled = models.FloatField(null=True, blank=True)
    total_seconds = models.FloatField(default=0)  # as the SCOs report it
    # Time in the content as the server saw it (commits and the player's
    # heartbeats), for the "minutes in the content" completion rule.
    active_seconds = models.FloatField(default=0)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # The attempt's completion was handed to lms.progress.
    counted = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Sequencing state of a 2004 package (activity tree status, globals).
    sequencing_state = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("SCORM attempt")
        verbose_name_plural = _("SCORM attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "item_key", "number"],
                name="scorm_attempt_number",
            )
        ]
        indexes = [models.Index(fields=["package", "user"])]

    def __str__(self):
        return f"{self.user} – {self.package_id} #{self.number}"


class ScoData(models.Model):
    """The CMI data of one SCO in one attempt, as the server validated it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="scos")
    sco = models.CharField(max_length=255)  # the item identifier
    cmi = models.JSONField(default=dict)
    # Commits of one launch carry rising numbers; an older one arriving late
    # (a retry, a slow request) is not applied over a newer one.
    launch_id = models.CharField(max_length=32, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    completion_status = models.CharField(max_length=16, default="not attempted")
    success_status = models.CharField(max_length=16, default="unknown")
    score_scaled = models.FloatField(null=True, blank=True)
    total_seconds = models.FloatField(default=0)  # of the sessions before this
    session_seconds = models.FloatField(default=0)  # of the current session
    finished = models.BooleanField(default=False)  # a session ended (Terminate)
    # SCORM 1.2 interactions are write-only: a new session numbers them from
    # 0 again, so its indexes are stored shifted past the earlier sessions'.
    interaction_base = models.PositiveIntegerField(default=0)
    # Earlier tries of this part within the attempt (sequencing retries).
    history = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "sco"], name="scorm_sco_once")
        ]

    def __str__(self):
        return f"{self.attempt} – {self.sco}"
