"""Admin views of the H5P activity library (lms.packages.library_admin);
activities are stored through packages.import_h5p."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from lms.org.names import filter_folded
from lms.packages import library_admin

from .. import results
from ..packages import import_h5p
from ..parsing import H5PRejected


class H5PLibraryMixin(library_admin.LibraryMixin):
    results_url_name = "h5p_contents:results"
    rejected = (H5PRejected,)

    def may_see_results(self, user) -> bool:
        return results.may_see_results(user)


class ContentIndexView(H5PLibraryMixin, library_admin.LibraryIndexView):
    def get_base_queryset(self):
        return (
            self.visible_items()
            .select_related("collection", "current_version")
            .annotate(learners=Count("results__user", distinct=True))
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return filter_folded(queryset, self.search_query)


class ContentCreateView(H5PLibraryMixin, library_admin.LibraryCreateView):
    def import_file(self, *, file, title, user):
        version = import_h5p(file=file, file_name=file.name, title=title, user=user)
        return version.content


class ContentEditView(H5PLibraryMixin, library_admin.LibraryEditView):
    template_name = "h5p/admin/edit.html"

    def import_version(self, *, file, user):
        import_h5p(file=file, file_name=file.name, content=self.object, user=user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = self.object.versions.select_related("uploaded_by")
        return context


class ContentDeleteView(H5PLibraryMixin, library_admin.LibraryDeleteView):
    """Libraries stay in the shared store: other activities may use them."""

    template_name = "h5p/admin/confirm_delete.html"
    cannot_delete_message = _("This activity cannot be deleted.")

    def learner_records(self) -> int:
        return self.object.results.count()

    def storage_folders(self) -> list[str]:
        return list(self.object.versions.values_list("storage_prefix", flat=True))
