"""Admin views of the H5P activity library; contents are stored through
packages.import_h5p, never saved from a form directly."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from lms.org.names import filter_folded
from lms.packages import uploads
from lms.packages.storage import delete_tree, package_storage

from .. import results
from ..models import Content
from ..packages import import_h5p
from ..parsing import H5PRejected


def contents_for(user, actions=("add", "change", "delete")):
    """Contents in collections where ``user`` holds one of ``actions``."""
    policy = policy_registry.get_by_type(Content)
    return policy.instances_user_has_any_permission_for(user, list(actions))


def results_button(content, priority=5):
    return Button(
        _("Results"),
        url=reverse("h5p_contents:results", args=[quote(content.pk)]),
        icon_name="table",
        priority=priority,
    )


class ContentIndexView(generic.IndexView):
    """Activities the user may manage; every activity for those who may see
    results, who reach each activity's results from here."""

    def user_has_any_permission(self, permissions):
        return super().user_has_any_permission(permissions) or (
            results.may_see_results(self.request.user)
        )

    def get_base_queryset(self):
        contents = Content.objects.all()
        if not results.may_see_results(self.request.user):
            contents = contents.filter(
                pk__in=contents_for(self.request.user).values("pk")
            )
        return contents.select_related("collection", "current_version").annotate(
            learners=Count("results__user", distinct=True)
        )

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
    rejected = (H5PRejected,)


class ContentCreateView(RejectedUploadMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        version = import_h5p(
            file=data["file"],
            file_name=data["file"].name,
            title=data.get("title") or "",
            user=self.request.user,
        )
        content = version.content
        content.description = data.get("description", "")
        content.collection = data["collection"]
        content.save(update_fields=["description", "collection"])
        return content


class ScopedMixin:
    """Only the contents in collections where the user holds the permission."""

    def get_queryset(self):
        return contents_for(self.request.user, [self.permission_required])


class ContentEditView(RejectedUploadMixin, ScopedMixin, generic.EditView):
    template_name = "h5p/admin/edit.html"
    file_field = "new_version"

    def save_instance(self):
        upload = self.form.cleaned_data.get("new_version")
        if upload:
            import_h5p(
                file=upload,
                file_name=upload.name,
                content=self.object,
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
        context["versions"] = self.object.versions.select_related("uploaded_by")
        return context


class ContentDeleteView(ScopedMixin, generic.DeleteView):
    """Refused while learners have results or a lesson uses the activity;
    otherwise it goes, and the files of every version after it (libraries
    stay in the shared store)."""

    template_name = "h5p/admin/confirm_delete.html"

    @cached_property
    def blockers(self) -> tuple[int, int]:
        used = self.usage.count() if self.usage is not None else 0
        return self.object.results.count(), used

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        learners, used = self.blockers
        context.update(
            learner_count=learners, used_count=used, refused=learners or used
        )
        return context

    def form_valid(self, form):
        if any(self.blockers):
            messages.error(self.request, _("This activity cannot be deleted."))
            return redirect(self.get_delete_url())
        prefixes = list(self.object.versions.values_list("storage_prefix", flat=True))
        transaction.on_commit(lambda: delete_files(prefixes))
        return super().form_valid(form)


def delete_files(prefixes):
    storage = package_storage()
    for prefix in prefixes:
        delete_tree(storage, prefix)
