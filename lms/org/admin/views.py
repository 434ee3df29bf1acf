"""Generic admin views narrowed to the user's units. Objects outside the
scope are not found (404), so guessing a URL reveals nothing."""

from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton

from .. import api
from ..models import Person


class ScopedObjectMixin:
    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.permission_required
        )


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    permission_required = "view"

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=unquote(str(self.pk)))


class ScopedHistoryView(generic.HistoryView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )


class ScopedUsageView(generic.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )


class ScopedIndexView(generic.IndexView):
    select_related = ()  # the foreign keys the listing's columns show

    def get_base_queryset(self):
        visible = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        queryset = super().get_base_queryset().filter(pk__in=visible.values("pk"))
        return queryset.select_related(*self.select_related)


class PersonIndexView(ScopedIndexView):
    select_related = ("unit", "title")
    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.import_url_name and self.request.user.has_perm("org.import_people"):
            buttons.append(
                HeaderButton(
                    _("Import people"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                )
            )
        return buttons

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)


class UnitIndexView(ScopedIndexView):
    select_related = ("organisation",)
    default_ordering = "path"


class ManagedUnitIndexView(generic.IndexView):
    default_ordering = "unit__path"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "unit")


class PersonCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data.get(name) for name in Person.RECORD_FIELDS}
        return api.register_person(since=data["position_since"], **fields)


class PersonEditView(ScopedEditView):
    password_url_name = None

    @cached_property
    def header_more_buttons(self):
        url = reverse(self.password_url_name, args=[quote(self.object.pk)])
        password = Button(
            _("Set a temporary password"), url=url, icon_name="key", priority=5
        )
        return [password, *super().header_more_buttons]

    @transaction.atomic
    def save_instance(self):
        data = self.form.cleaned_data
        unit, title = data["unit"], data.get("title")
        # The form wrote unit/title onto the instance; history is kept by
        # assign_position, so restore them and let it make the change.
        saved = type(self.object).objects.get(pk=self.object.pk)
        person = self.form.save(commit=False)
        person.unit, person.title = saved.unit, saved.title
        person.save()
        api.assign_position(
            person=person, unit=unit, title=title, since=data["position_since"]
        )
        api.sync_account(person)
        person.refresh_from_db()
        return person

    def get_success_message(self, instance=None):
        return _("The record of %(name)s was saved.") % {"name": self.object}
