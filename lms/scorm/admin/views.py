"""Admin views of the SCORM package library (lms.packages.library_admin);
packages are stored through packages.import_package."""

from django.utils.translation import gettext_lazy as _

from lms.org.names import filter_folded
from lms.packages import library_admin

from .. import results
from ..packages import PackageRejected, import_package
from .queries import listed_packages, versions_of


class ScormLibraryMixin(library_admin.LibraryMixin):
    results_url_name = "scorm_packages:results"
    rejected = (PackageRejected,)

    def may_see_results(self, user) -> bool:
        return results.may_see_results(user)


class PackageIndexView(ScormLibraryMixin, library_admin.LibraryIndexView):
    def get_base_queryset(self):
        return listed_packages(self.visible_items())

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return filter_folded(queryset, self.search_query)


class PackageCreateView(ScormLibraryMixin, library_admin.LibraryCreateView):
    def import_file(self, *, file, title, user):
        version = import_package(file=file, file_name=file.name, title=title, user=user)
        return version.package


class PackageEditView(ScormLibraryMixin, library_admin.LibraryEditView):
    template_name = "scorm/admin/edit.html"

    def import_version(self, *, file, user):
        import_package(file=file, file_name=file.name, package=self.object, user=user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = versions_of(self.object)
        return context


class PackageDeleteView(ScormLibraryMixin, library_admin.LibraryDeleteView):
    template_name = "scorm/admin/confirm_delete.html"
    cannot_delete_message = _("This package cannot be deleted.")

    def learner_records(self) -> int:
        return self.object.attempts.count()

    def storage_folders(self) -> list[str]:
        """Each version's top folder scorm/<hex> (a version's prefix may
        point at a folder inside it)."""
        prefixes = self.object.versions.values_list("storage_prefix", flat=True)
        return ["/".join(prefix.split("/")[:2]) for prefix in prefixes]
