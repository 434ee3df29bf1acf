"""Admin screens for classes and instructors. A class's own screens (its
overview, enrolling people, applications) are in ``dashboard``,
``members`` and ``applications``."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from lms.org import api as org

from .. import enrolment, scoping
from ..models import Instructor, TrainingClass
from . import applications, dashboard, members
from .scoped import ManagedObjectMixin, VisibleIndexMixin


class TrainingClassForm(WagtailAdminModelForm):
    """Organising and partner units among the user's own."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            units = org.units_visible_to(for_user)
            self.fields["organiser"].queryset = units
            self.fields["partners"].queryset = units

    def clean(self):
        cleaned = super().clean()
        sessions = self.formsets.get("sessions")
        for form in sessions.forms if sessions else []:
            session = form.instance
            removed = form.cleaned_data.get("DELETE") if form.is_valid() else False
            if removed and session.pk and session.attendance.exists():
                self.add_error(
                    None,
                    _(
                        "The session “%(session)s” has attendance marks and "
                        "cannot be deleted."
                    )
                    % {"session": session},
                )
        return cleaned

    def save(self, commit=True):
        training_class = super().save(commit=commit)
        if commit:
            enrolment.fill_seats(training_class)  # the capacity may have grown
        return training_class


class ClassIndexView(VisibleIndexMixin, ModelViewSet.index_view_class):
    scope = staticmethod(scoping.classes_visible_to)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.insert(
            0,
            ListingButton(
                _("Overview"),
                url=reverse("training_admin:class_dashboard", args=[instance.pk]),
                icon_name="view",
                priority=1,
            ),
        )
        return buttons


class ClassCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        instance = super().save_instance()
        instance.created_by = self.request.user
        instance.save(update_fields=["created_by"])
        return instance


class ClassEditView(ManagedObjectMixin, ModelViewSet.edit_view_class):
    scope = staticmethod(scoping.classes_managed_by)


class ClassDeleteView(ManagedObjectMixin, ModelViewSet.delete_view_class):
    scope = staticmethod(scoping.classes_managed_by)


class SeatsColumn(Column):
    def get_value(self, instance):
        taken = instance.members.filter(status="enrolled").count()
        return f"{taken} / {instance.capacity}" if instance.capacity else str(taken)


class TrainingClassViewSet(ModelViewSet):
    model = TrainingClass
    icon = "group"
    menu_label = _("Classes")
    url_prefix = "training/classes"
    add_to_admin_menu = False
    form_fields = None
    index_view_class = ClassIndexView
    add_view_class = ClassCreateView
    edit_view_class = ClassEditView
    delete_view_class = ClassDeleteView
    copy_view_enabled = False
    search_fields = ["title", "code"]
    list_filter = ["status", "mode"]
    list_display = [
        "title",
        "code",
        Column("organiser", label=_("Organising unit")),
        Column("starts_on", label=_("Starts on")),
        Column("ends_on", label=_("Ends on")),
        SeatsColumn("seats", label=_("Enrolled / seats")),
        "status",
    ]
    list_export = ["code", "title", "organiser", "starts_on", "ends_on", "status"]
    export_filename = "lop-hoc"

    @cached_property
    def edit_handler(self):
        facts = ObjectList(
            [
                PageChooserPanel("course", page_type="courses.CoursePage"),
                FieldRowPanel([FieldPanel("code"), FieldPanel("title")]),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("status")]),
                FieldPanel("partners"),
                FieldRowPanel(
                    [FieldPanel("mode"), FieldPanel("starts_on"), FieldPanel("ends_on")]
                ),
                FieldPanel("venue"),
                MultiFieldPanel(
                    [
                        FieldPanel("capacity"),
                        FieldPanel("accepts_applications"),
                        FieldPanel("applications_close_on"),
                    ],
                    heading=_("Places"),
                ),
                FieldPanel("description"),
            ],
            heading=_("Class"),
        )
        return TabbedInterface(
            [
                facts,
                ObjectList(
                    [InlinePanel("instructor_links", label=_("Instructor"))],
                    heading=_("Instructors"),
                ),
                ObjectList(
                    [InlinePanel("sessions", label=_("Session"))],
                    heading=_("Sessions"),
                ),
                ObjectList(
                    [InlinePanel("budget_lines", label=_("Budget line"))],
                    heading=_("Budget"),
                ),
            ],
            base_form_class=TrainingClassForm,
        )


class InstructorForm(WagtailAdminModelForm):
    """The login account is chosen among instructors' accounts only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = org.instructor_accounts()


class InstructorViewSet(ModelViewSet):
    model = Instructor
    icon = "user"
    menu_label = _("Instructors")
    url_prefix = "training/instructors"
    add_to_admin_menu = False
    copy_view_enabled = False
    search_fields = ["full_name", "institution"]
    list_filter = ["is_adjunct", "is_active"]
    form_class = InstructorForm
    list_display = ["__str__", "position", "institution", "is_adjunct", "is_active"]
    form_fields = [
        "full_name",
        "academic_title",
        "position",
        "institution",
        "is_adjunct",
        "user",
        "email",
        "phone",
        "unit",
        "is_active",
    ]


def viewsets():
    return [TrainingClassViewSet("training_classes"), InstructorViewSet("instructors")]


def admin_urls():
    return [*dashboard.urls(), *members.urls(), *applications.urls()]
