from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from lms.org.ui import LocalDateColumn
from lms.packages.library_admin import LibraryViewSet

from .. import results
from ..models import Content
from . import results_views, views
from .forms import ContentForm, ContentUploadForm


class ContentViewSet(LibraryViewSet):
    model = Content
    name = "h5p_contents"
    url_prefix = "h5p/activities"
    icon = "pick"
    menu_label = _("H5P activities")
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = views.ContentIndexView
    add_view_class = views.ContentCreateView
    edit_view_class = views.ContentEditView
    delete_view_class = views.ContentDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["title"]  # searched without diacritics, see the view
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        Column(
            "content_type",
            label=_("Content type"),
            accessor="current_version.content_type",
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
        base_form_class=ContentForm,
    )
    upload_handler = ObjectList(
        [
            FieldPanel("file"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("collection"),
        ],
        base_form_class=ContentUploadForm,
    )

    results_permission = "view_h5p_results"
    results_view_class = results_views.ResultsView
    detail_view_class = results_views.LearnerView
    detail_route = ("learner/<int:result_pk>/", "learner")

    def may_see_results(self, user) -> bool:
        return results.may_see_results(user)
