"""Admin views shared by the package libraries (SCORM packages, H5P
activities): items live in collections (add, change and delete are held
per collection), are stored only through the app's importer, never saved
from a form directly, and open a results page for those who may see it.

Each app subclasses these views and says how to import a file, who may see
results and where they are (``LibraryMixin``)."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from .storage import delete_tree, package_storage
from .uploads import RejectedUploadMixin


def items_for(model, user, actions=("add", "change", "delete")):
    """Items of ``model`` in collections where ``user`` holds one of ``actions``."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, list(actions))


class LibraryMixin:
    """What an app tells the shared views."""

    results_url_name = ""  # e.g. "scorm_packages:results"

    def may_see_results(self, user) -> bool:
        raise NotImplementedError

    def results_button(self, instance, priority=5):
        return Button(
            _("Results"),
            url=reverse(self.results_url_name, args=[quote(instance.pk)]),
            icon_name="table",
            priority=priority,
        )


class LibraryIndexView(LibraryMixin, generic.IndexView):
    """Items the user may manage; every item for those who may see results,
    who reach each item's results from here."""

    def user_has_any_permission(self, permissions):
        return super().user_has_any_permission(permissions) or (
            self.may_see_results(self.request.user)
        )

    def visible_items(self):
        items = self.model.objects.all()
        if not self.may_see_results(self.request.user):
            mine = items_for(self.model, self.request.user).values("pk")
            items = items.filter(pk__in=mine)
        return items

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_see_results(self.request.user):
            buttons.insert(0, self.results_button(instance))
        return buttons


class LibraryCreateView(RejectedUploadMixin, generic.CreateView):
    """Imports the uploaded file, then keeps the form's description and
    collection on the new item."""

    def import_file(self, *, file, title: str, user):
        """The new item's version (its ``.parent`` is the item)."""
        raise NotImplementedError

    def save_instance(self):
        data = self.form.cleaned_data
        item = self.import_file(
            file=data["file"], title=data.get("title") or "", user=self.request.user
        )
        item.description = data.get("description", "")
        item.collection = data["collection"]
        item.save(update_fields=["description", "collection"])
        return item


class ScopedMixin:
    """Only the items in collections where the user holds the permission."""

    def get_queryset(self):
        return items_for(self.model, self.request.user, [self.permission_required])


class LibraryEditView(LibraryMixin, RejectedUploadMixin, ScopedMixin, generic.EditView):
    """An optional file becomes the item's new current version."""

    file_field = "new_version"

    def import_version(self, *, file, user):
        raise NotImplementedError

    def save_instance(self):
        upload = self.form.cleaned_data.get("new_version")
        if upload:
            self.import_version(file=upload, user=self.request.user)
            self.object.refresh_from_db(fields=["current_version"])
        return super().save_instance()

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.may_see_results(self.request.user):
            buttons.insert(0, self.results_button(self.object))
        return buttons


class LibraryDeleteView(ScopedMixin, generic.DeleteView):
    """Refused while learners have results or lessons use the item;
    otherwise it goes, and its versions' files once the deletion is
    committed."""

    cannot_delete_message = ""  # translated, said when refused

    def learner_records(self) -> int:
        """How many results or attempts keep the item."""
        raise NotImplementedError

    def storage_folders(self) -> list[str]:
        """The folders of the item's files in the package storage."""
        raise NotImplementedError

    @cached_property
    def blockers(self) -> tuple[int, int]:
        used = self.usage.count() if self.usage is not None else 0
        return self.learner_records(), used

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records, used = self.blockers
        context.update(record_count=records, used_count=used, refused=records or used)
        return context

    def form_valid(self, form):
        if any(self.blockers):
            messages.error(self.request, self.cannot_delete_message)
            return redirect(self.get_delete_url())
        folders = self.storage_folders()
        transaction.on_commit(lambda: delete_folders(folders))
        return super().form_valid(form)


def delete_folders(folders):
    storage = package_storage()
    for folder in folders:
        try:
            delete_tree(storage, folder)
        except FileNotFoundError:
            pass
