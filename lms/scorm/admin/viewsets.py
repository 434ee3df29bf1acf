from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from lms.org.ui import LocalDateColumn
from lms.packages.library_admin import LibraryViewSet

from .. import results
from ..models import Package
from . import results_views, views
from .filters import PackageFilterSet
from .forms import PackageForm, PackageUploadForm


class PackageViewSet(LibraryViewSet):
    model = Package
    name = "scorm_packages"
    url_prefix = "scorm/packages"
    icon = "form"
    menu_label = _("SCORM packages")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = views.PackageIndexView
    add_view_class = views.PackageCreateView
    edit_view_class = views.PackageEditView
    delete_view_class = views.PackageDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = PackageFilterSet
    search_fields = ["title"]  # searched without diacritics, see the view
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        Column(
            "scorm_version",
            label=_("SCORM version"),
            accessor="current_version.get_scorm_version_display",
        ),
        Column("version", label=_("Version"), accessor="current_version.number"),
        LocalDateColumn(
            "uploaded_at",
            label=_("Uploaded at"),
            accessor="current_version.uploaded_at",
            sort_key="current_version__uploaded_at",
        ),
        Column("learners", label=_("Learners"), sort_key="learners"),
        Column("collection", label=_("Collection")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("collection"),
            FieldPanel("new_version"),
        ],
        base_form_class=PackageForm,
    )
    upload_handler = ObjectList(
        [
            FieldPanel("file"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("collection"),
        ],
        base_form_class=PackageUploadForm,
    )

    results_permission = "view_scorm_results"
    results_view_class = results_views.ResultsView
    detail_view_class = results_views.AttemptView
    detail_route = ("attempt/<int:attempt_pk>/", "attempt")

    def may_see_results(self, user) -> bool:
        return results.may_see_results(user)
