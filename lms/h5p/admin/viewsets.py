from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.org.ui import LocalDateColumn

from .. import results
from ..models import Content
from . import results_views, views
from .forms import ContentForm, ContentUploadForm


class ContentViewSet(ModelViewSet):
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

    def get_add_view_kwargs(self, **kwargs):
        upload = self.upload_handler.bind_to_model(Content)
        return super().get_add_view_kwargs(
            panel=upload, form_class=upload.get_form_class(), **kwargs
        )

    def get_permissions_to_register(self):
        # Add, change and delete are given per collection (the group's
        # "H5P activity permissions" panel); only seeing results is global.
        return super().get_permissions_to_register().filter(codename="view_h5p_results")

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        def is_shown(item, request):
            return base.is_shown(item, request) or results.may_see_results(request.user)

        return type("ContentMenuItem", (base,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:pk>/",
                results_views.ResultsView.as_view(),
                name="results",
            ),
            path(
                "results/<int:pk>/results/",
                results_views.ResultsView.as_view(results_only=True),
                name="results_results",
            ),
            path(
                "results/<int:pk>/learner/<int:result_pk>/",
                results_views.LearnerView.as_view(),
                name="learner",
            ),
        ]
