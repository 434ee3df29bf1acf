"""Content: the home page, the course catalogue, and course > module >
lesson pages. No learner state here: enrolment and progress are asked of
lms.progress through its api."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.progress import api as progress

from .data import CourseLanguage, CourseMode
from .fields import LessonBodyField


class HomePage(Page):
    """The site's front page: a welcome text and the way into learning."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(
        _("body"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class CatalogueIndexPage(Page):
    """The course catalogue, filtered by programme, audience, mode and language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from .catalogue import filter_courses

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_courses(self, request.GET))
        return context


class CoursePage(Page):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    objectives = RichTextField(_("objectives"), blank=True)
    programme = models.CharField(_("programme"), max_length=150, blank=True)
    audience_titles = ParentalManyToManyField(
        "org.Title", blank=True, verbose_name=_("for position titles")
    )
    learning_hours = models.DecimalField(
        _("learning hours"), max_digits=5, decimal_places=1, default=0
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=CourseMode.choices, default=CourseMode.ONLINE
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=CourseLanguage.choices,
        default=CourseLanguage.VIETNAMESE,
    )
    instructors = models.CharField(_("instructors"), max_length=300, blank=True)
    self_enrolment = models.BooleanField(
        _("learners may enrol themselves"), default=True
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Share of the sessions of their class a learner must attend "
            "(present or late) to complete the course; 0 if not required."
        ),
    )
    electives_required = models.PositiveSmallIntegerField(
        _("elective modules required"),
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "How many elective modules a learner must complete (every activity "
            "of the module done); 0 if none."
        ),
    )
    final_pass_percent = models.PositiveSmallIntegerField(
        _("final assessment pass mark (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Score the activity marked “final assessment” must reach to "
            "complete the course; 0 if no pass mark is required."
        ),
    )
    min_learning_minutes = models.PositiveIntegerField(
        _("minimum learning time (minutes)"),
        default=0,
        validators=[MaxValueValidator(100_000)],
        help_text=_(
            "Video really watched, sessions attended and the declared time of "
            "other activities done; 0 if not required."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("audience_titles"),
                FieldPanel("learning_hours"),
                FieldPanel("mode"),
                FieldPanel("language"),
                FieldPanel("instructors"),
                FieldPanel("self_enrolment"),
            ],
            heading=_("Course facts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_attendance_percent"),
                FieldPanel("electives_required"),
                FieldPanel("final_pass_percent"),
                FieldPanel("min_learning_minutes"),
            ],
            heading=_("Completion"),
        ),
    ]
    parent_page_types = ["courses.CatalogueIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and "enrol" in request.POST:
            if request.user.is_authenticated and self.self_enrolment:
                progress.enrol(user=request.user, course=self, source="self")
            return redirect(self.url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        context.update(course_outline(self, request.user))
        return context


class ModulePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])
    required = models.BooleanField(
        _("required module"),
        default=True,
        help_text=_("Elective modules do not count toward completion."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("required")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")


class LessonPage(Page):
    body = LessonBodyField(blank=True, verbose_name=_("lesson content"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from .lesson import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request))
        return context
