"""Admin views of the SCORM package library; packages are stored through
packages.import_package, never saved from a form directly."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from lms.org.names import filter_folded
from lms.packages import uploads
from lms.packages.storage import delete_tree, package_storage

from .. import results
from ..packages import PackageRejected, import_package
from .queries import listed_packages, packages_for, versions_of


def results_button(package, priority=5):
    return Button(
        _("Results"),
        url=reverse("scorm_packages:results", args=[quote(package.pk)]),
        icon_name="table",
        priority=priority,
    )


class PackageIndexView(generic.IndexView):
    """Packages the user may manage; every package for those who may see
    results, who reach each package's results from here."""

    def user_has_any_permission(self, permissions):
        return super().user_has_any_permission(permissions) or (
            results.may_see_results(self.request.user)
        )

    def get_base_queryset(self):
        return listed_packages(self.request.user)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return filter_folded(queryset, self.search_query)

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if results.may_see_results(self.request.user):
            buttons.insert(0, results_button(instance))
        return buttons


class RejectedUploadMixin(uploads.RejectedUploadMixin):
    rejected = (PackageRejected,)


class PackageCreateView(RejectedUploadMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        version = import_package(
            file=data["file"],
            file_name=data["file"].name,
            title=data.get("title") or "",
            user=self.request.user,
        )
        package = version.package
        package.description = data.get("description", "")
        package.collection = data["collection"]
        package.save(update_fields=["description", "collection"])
        return package


class ScopedMixin:
    """Only the packages in collections where the user holds the permission."""

    def get_queryset(self):
        return packages_for(self.request.user, [self.permission_required])


class PackageEditView(RejectedUploadMixin, ScopedMixin, generic.EditView):
    template_name = "scorm/admin/edit.html"
    file_field = "new_version"

    def save_instance(self):
        upload = self.form.cleaned_data.get("new_version")
        if upload:
            import_package(
                file=upload,
                file_name=upload.name,
                package=self.object,
                user=self.request.user,
            )
            self.object.refresh_from_db(fields=["current_version"])
        return super().save_instance()

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if results.may_see_results(self.request.user):
            buttons.insert(0, results_button(self.object))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = versions_of(self.object)
        return context


class PackageDeleteView(ScopedMixin, generic.DeleteView):
    """Refused while learners have attempts or a lesson uses the package;
    otherwise the package goes, and the files of every version after it."""

    template_name = "scorm/admin/confirm_delete.html"

    @cached_property
    def blockers(self) -> tuple[int, int]:
        used = self.usage.count() if self.usage is not None else 0
        return self.object.attempts.count(), used

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempts, used = self.blockers
        context.update(
            attempt_count=attempts, used_count=used, refused=attempts or used
        )
        return context

    def form_valid(self, form):
        if any(self.blockers):
            messages.error(self.request, _("This package cannot be deleted."))
            return redirect(self.get_delete_url())
        prefixes = list(self.object.versions.values_list("storage_prefix", flat=True))
        transaction.on_commit(lambda: delete_files(prefixes))
        return super().form_valid(form)


def delete_files(prefixes):
    """Remove the unpacked files of versions (their top folder scorm/<hex>,
    as a version's prefix may point at a folder inside it)."""
    storage = package_storage()
    for prefix in prefixes:
        delete_tree(storage, "/".join(prefix.split("/")[:2]))
