from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import ManagedUnit, Organisation, Person, Title, Unit
from ..ui import LocalDateColumn
from . import import_views, password_views, views
from .filters import PersonFilterSet, UnitFilterSet
from .forms import ManagedUnitForm, PersonForm, UnitForm


class TreeNameColumn(Column):
    """A unit's name indented by its depth, so the listing reads as a tree."""

    def get_value(self, instance):
        return f"{'— ' * (instance.depth - 1)}{instance.name}"


class PersonViewSet(ModelViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    url_prefix = "org/people"
    index_view_class = views.PersonIndexView
    add_view_class = views.PersonCreateView
    edit_view_class = views.PersonEditView
    delete_view_class = views.ScopedDeleteView
    history_view_class = views.ScopedHistoryView
    usage_view_class = views.ScopedUsageView
    inspect_view_class = views.ScopedInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = PersonFilterSet
    search_fields = ["full_name"]  # searched through Person.search, see the view
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "full_name",
        Column("unit", label=_("Unit")),
        Column("title", label=_("Position title")),
        Column("local_phone", label=_("Phone number")),
        LocalDateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_export = [
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "local_phone",
        "email",
        "national_id",
        "unit",
        "title",
        "in_leadership_pipeline",
    ]
    export_filename = "can-bo"
    inspect_view_fields = Person.RECORD_FIELDS
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("full_name"),
                    FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("gender")]),
                    FieldPanel("ethnicity"),
                ],
                heading=_("Identity"),
            ),
            MultiFieldPanel(
                [FieldPanel("phone"), FieldPanel("email"), FieldPanel("national_id")],
                heading=_("Contact and login"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("unit"),
                    FieldPanel("title"),
                    FieldPanel("position_since"),
                    FieldPanel("in_leadership_pipeline"),
                ],
                heading=_("Unit and position"),
            ),
        ],
        base_form_class=PersonForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"), **kwargs
        )

    @property
    def import_view(self):
        return self.construct_view(
            import_views.PeopleImportView,
            template_url_name=self.get_url_name("import_template"),
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            password_url_name=self.get_url_name("password"), **kwargs
        )

    @property
    def password_view(self):
        return self.construct_view(
            password_views.TemporaryPasswordView,
            edit_url_name=self.get_url_name("edit"),
        )

    @property
    def import_template_view(self):
        return self.construct_view(import_views.PeopleImportTemplateView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.import_view, name="import"),
            path("password/<str:pk>/", self.password_view, name="password"),
            path(
                "import/template.<slug:file_format>",
                self.import_template_view,
                name="import_template",
            ),
        ]


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    url_prefix = "org/units"
    index_view_class = views.UnitIndexView
    edit_view_class = views.ScopedEditView
    delete_view_class = views.ScopedDeleteView
    history_view_class = views.ScopedHistoryView
    usage_view_class = views.ScopedUsageView
    copy_view_enabled = False
    filterset_class = UnitFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    list_per_page = 100
    list_display = [
        TreeNameColumn("name", label=_("Name")),
        "code",
        Column("get_level_display", label=_("Level")),
        Column("organisation", label=_("Organisation")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("parent"),
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("level"),
            FieldPanel("is_active"),
        ],
        base_form_class=UnitForm,
    )


class TitleViewSet(ModelViewSet):
    model = Title
    icon = "tag"
    menu_label = _("Position titles")
    url_prefix = "org/titles"
    copy_view_enabled = False
    list_display = ["name", "organisation", "sort_order", "is_leadership"]
    list_filter = ["organisation", "is_leadership"]
    search_fields = ["name"]
    search_backend_name = None
    form_fields = ["organisation", "name", "sort_order", "is_leadership"]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    url_prefix = "org/organisations"
    copy_view_enabled = False
    list_display = ["name", "short_name", "code"]
    search_fields = ["name", "short_name", "code"]
    search_backend_name = None
    form_fields = ["name", "short_name", "code", "description"]


class ManagedUnitViewSet(ModelViewSet):
    """Who manages which subtree. Only site admins have these permissions:
    handing out scope is how power is given."""

    model = ManagedUnit
    index_view_class = views.ManagedUnitIndexView
    icon = "key"
    menu_label = _("Managed units")
    url_prefix = "org/managed-units"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("user", label=_("Account"), accessor="user.get_full_name"),
        Column("login", label=_("Login"), accessor="user.get_username"),
        "unit",
    ]
    list_filter = ["unit__organisation"]
    search_fields = ["user__username", "user__first_name", "unit__name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("login"), FieldPanel("unit")], base_form_class=ManagedUnitForm
    )


class OrgViewSetGroup(ModelViewSetGroup):
    menu_label = _("Organisations and people")
    menu_icon = "group"
    menu_order = 200
    items = [
        PersonViewSet,
        UnitViewSet,
        TitleViewSet,
        OrganisationViewSet,
        ManagedUnitViewSet,
    ]
