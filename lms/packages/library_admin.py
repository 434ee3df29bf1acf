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
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.collections import CollectionChoiceField
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from .storage import delete_tree, package_storage
from .uploads import RejectedUploadMixin


def items_for(model, user, actions=("add", "change", "delete")):
    """Items of ``model`` in collections where ``user`` holds one of ``actions``."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, list(actions))


class LibraryItemForm(WagtailAdminModelForm):
    """A collection the user may add to or change items in (subclasses add
    the title, description and file fields in their Meta)."""

    collection = CollectionChoiceField(
        label=gettext_lazy("Collection"),
        queryset=Collection.objects.all(),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            policy = policy_registry.get_by_type(self._meta.model)
            self.fields[
                "collection"
            ].queryset = policy.collections_user_has_any_permission_for(
                self.for_user, ["add", "change"]
            )


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


class LibraryViewSet(ModelViewSet):
    """The admin of a library: add through ``upload_handler``'s form, edit,
    delete, and the results pages (``results_view_class`` listing the
    learners, ``detail_view_class`` at ``detail_route`` for one of them).
    Add, change and delete are given per collection (the group's permission
    panel); only ``results_permission`` (a codename) is global, and holders
    see the menu item even without a collection."""

    upload_handler = None
    results_permission = ""
    results_view_class = None
    detail_view_class = None
    detail_route = ("", "")  # (path after results/<pk>/, URL name)

    def may_see_results(self, user) -> bool:
        raise NotImplementedError

    def get_add_view_kwargs(self, **kwargs):
        upload = self.upload_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=upload, form_class=upload.get_form_class(), **kwargs
        )

    def get_permissions_to_register(self):
        registered = super().get_permissions_to_register()
        return registered.filter(codename=self.results_permission)

    @cached_property
    def menu_item_class(self):
        base, may_see_results = super().menu_item_class, self.may_see_results

        def is_shown(item, request):
            return base.is_shown(item, request) or may_see_results(request.user)

        return type("LibraryMenuItem", (base,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        route, name = self.detail_route
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:pk>/",
                self.results_view_class.as_view(),
                name="results",
            ),
            path(
                "results/<int:pk>/results/",
                self.results_view_class.as_view(results_only=True),
                name="results_results",
            ),
            path(
                f"results/<int:pk>/{route}",
                self.detail_view_class.as_view(),
                name=name,
            ),
        ]
