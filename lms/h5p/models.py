"""H5P: the shared library store, content (with every uploaded version),
learners' saved state, the statements H5P emits (an LRS-like table) and a
per-learner summary of each activity.

Courses are Wagtail pages referenced through ``wagtailcore.Page``; this app
never imports the course app above it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionMember
from wagtail.search import index

from .data import LibraryRef


class Library(models.Model):
    """One version of an H5P library in the shared store. Contents of any
    package use it once installed; a library is stored once per
    machine name and major.minor.patch."""

    machine_name = models.CharField(_("machine name"), max_length=255)
    major_version = models.PositiveIntegerField()
    minor_version = models.PositiveIntegerField()
    patch_version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=255)
    runnable = models.BooleanField(default=False)
    # Preloaded dependencies as [machine name, major, minor] lists.
    dependencies = models.JSONField(default=list)
    # Folder of the library's files in the package storage (lms.packages).
    storage_prefix = models.CharField(max_length=160, unique=True)
    installed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version", "patch_version"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "machine_name",
                    "major_version",
                    "minor_version",
                    "patch_version",
                ],
                name="h5p_library_version_once",
            )
        ]

    def __str__(self):
        return f"{self.ref}.{self.patch_version}"

    @property
    def ref(self) -> LibraryRef:
        return LibraryRef(self.machine_name, self.major_version, self.minor_version)

    @property
    def version(self) -> str:
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    def dependency_refs(self) -> list[LibraryRef]:
        return [
            LibraryRef(name, major, minor) for name, major, minor in self.dependencies
        ]


class Content(CollectionMember, index.Indexed, models.Model):
    """An H5P activity (a quiz, an exercise) that lessons place."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    current_version = models.ForeignKey(
        "ContentVersion",
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
        verbose_name = _("H5P activity")
        verbose_name_plural = _("H5P activities")
        ordering = ["-created_at"]
        permissions = [("view_h5p_results", "Can see learners' H5P results")]

    def __str__(self):
        return self.title


class ContentVersion(models.Model):
    """One uploaded .h5p of a content. Learners' saved state belongs to a
    version: a new upload starts everyone afresh (old state may not fit)."""

    content = models.ForeignKey(
        Content, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    main_library = models.CharField(_("content type"), max_length=255)  # LibraryRef
    content_type = models.CharField(max_length=255, blank=True)  # library title
    h5p_json = models.JSONField(editable=False)
    # The pass mark the content itself sets (passPercentage), if any.
    pass_percentage = models.FloatField(null=True, blank=True)
    # Folder of h5p.json and content/ in the package storage.
    storage_prefix = models.CharField(max_length=120, unique=True)
    libraries = models.ManyToManyField(Library, related_name="+")
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"))
    file_hash = models.CharField(max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("H5P content version")
        verbose_name_plural = _("H5P content versions")
        ordering = ["content", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content", "number"], name="h5p_version_number"
            )
        ]

    def __str__(self):
        return f"{self.content} v{self.number}"


class UserState(models.Model):
    """What H5P saves to resume a learner (content user data): one value
    per activity, content version, sub-content and data type."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(max_length=120)
    version = models.ForeignKey(
        ContentVersion, on_delete=models.CASCADE, related_name="states"
    )
    sub_content_id = models.CharField(max_length=64, default="0")
    data_type = models.CharField(max_length=64)
    data = models.TextField()
    preload = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "user",
                    "course",
                    "item_key",
                    "version",
                    "sub_content_id",
                    "data_type",
                ],
                name="h5p_state_once",
            )
        ]

    def __str__(self):
        return f"{self.user_id} – {self.version_id} – {self.data_type}"


class Statement(models.Model):
    """An xAPI statement H5P emitted for a learner, as stored (LRS-like).
    The actor is always the learner the launch link was issued to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(max_length=120)
    version = models.ForeignKey(
        ContentVersion, on_delete=models.PROTECT, related_name="statements"
    )
    actor = models.JSONField()
    verb = models.CharField(_("verb"), max_length=255)
    object_id = models.CharField(max_length=1000)
    # About the activity itself, not one of its children (a question of a
    # Question Set): only these complete the course item.
    top_level = models.BooleanField(default=True)
    result = models.JSONField(null=True, blank=True)
    context = models.JSONField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    timestamp = models.DateTimeField(_("time"))
    stored = models.DateTimeField(auto_now_add=True, db_index=True)
    raw = models.JSONField()  # the statement as the browser sent it
    # Forwarding to an external LRS (forwarding.py).
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forward_attempts = models.PositiveIntegerField(default=0)
    forward_after = models.DateTimeField(null=True, blank=True)  # next try
    forward_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        ordering = ["stored"]
        indexes = [
            models.Index(fields=["user", "course", "item_key", "stored"]),
            models.Index(
                fields=["stored"],
                name="h5p_statement_unforwarded",
                condition=models.Q(forwarded_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.verb.rsplit('/', 1)[-1]} {self.object_id}"


class Result(models.Model):
    """A learner's standing in one H5P activity of a course: kept up to date
    from the statements, for the admin's results table."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(max_length=120)
    content = models.ForeignKey(
        Content, on_delete=models.CASCADE, related_name="results"
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_scaled = models.FloatField(_("last score"), null=True, blank=True)
    best_scaled = models.FloatField(_("best score"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("H5P result")
        verbose_name_plural = _("H5P results")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "item_key"], name="h5p_result_once"
            )
        ]
        indexes = [models.Index(fields=["content", "user"])]

    def __str__(self):
        return f"{self.user_id} – {self.content_id} ({self.course_id}/{self.item_key})"
