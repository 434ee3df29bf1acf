"""Admin UI pieces other apps may use (public, like api and data)."""

from django import forms
from django.db.models import Min, Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from . import api as org


class LocalDateColumn(Column):
    """A date as cadres read it (21/11/2026), not "3 days ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(localtime(value), "SHORT_DATE_FORMAT") if value else ""


SEARCH_LIMIT = 50  # people listed for a search; more words find fewer


class UnitChoiceField(forms.ModelChoiceField):
    """Units as a tree, indented from the user's highest unit."""

    top_depth = 1

    def label_from_instance(self, unit):
        return f"{'— ' * (unit.depth - self.top_depth)}{unit.name}"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        where = ", ".join(str(part) for part in (person.title, person.unit) if part)
        phone = f" · {person.local_phone}" if person.phone else ""
        return f"{person.full_name} — {where}{phone}"


class PeoplePickerForm(forms.Form):
    """Choose people among those ``user`` may act on: a unit (with the units
    below it), a position title, and people found by name or phone. The
    template ``org/admin/people_picker_fields.html`` renders its fields."""

    unit = UnitChoiceField(
        queryset=None,
        required=False,
        label=_("Unit"),
        help_text=_("Everyone in this unit and in the units below it."),
    )
    title = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Position title"),
        help_text=_(
            "Only people with this title, in the unit chosen or in all your units."
        ),
    )
    q = forms.CharField(
        required=False,
        label=_("Find people"),
        help_text=_("Name, phone number or email; tick the people to choose."),
    )
    people = PersonChoiceField(
        queryset=None,
        required=False,
        label=_("People"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = org.people_visible_to(user)
        units = org.units_visible_to(user)
        self.fields["unit"].queryset = units
        self.fields["unit"].top_depth = units.aggregate(top=Min("depth"))["top"] or 1
        self.fields["title"].queryset = org.titles_visible_to(user)
        self.fields["people"].queryset = self._people_to_list()

    def _people_to_list(self):
        """The people ticked so far and those the search finds: only these
        are listed (a unit may hold thousands), and only people the user
        may see are valid choices."""
        ticked = [v for v in self.data.getlist("people") if str(v).isdigit()]
        words = self.data.get("q", "").strip() if self.is_bound else ""
        found = []
        if words:
            found = list(
                self.visible.search(words).values_list("pk", flat=True)[:SEARCH_LIMIT]
            )
        listed = self.visible.filter(pk__in=[*ticked, *found])
        return listed.select_related("unit", "title")

    def selection(self):
        """Queryset of the people chosen (call after is_valid)."""
        data = self.cleaned_data
        chosen = Q(pk__in=[person.pk for person in data["people"]])
        if data["unit"] or data["title"]:
            group = self.visible
            if data["unit"]:
                group = group.in_units([data["unit"]])
            if data["title"]:
                group = group.filter(title=data["title"])
            chosen |= Q(pk__in=group.values("pk"))
        return self.visible.filter(chosen)

    def has_choice(self) -> bool:
        data = self.cleaned_data
        return bool(data["unit"] or data["title"] or data["people"])


class PeoplePickerViewMixin:
    """The flow of a view that acts on people chosen with PeoplePickerForm:
    choose, preview, confirm. Subclasses give ``preview_context(form)`` (the
    template context of the preview) and ``confirm(selection)`` (the people
    chosen, a queryset; returns the response)."""

    def get(self, request, *args, **kwargs):
        form = PeoplePickerForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PeoplePickerForm(request.POST, user=request.user)
        action = request.POST.get("action")
        if action not in ("preview", "confirm") or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if not form.has_choice():
            form.add_error(None, _("Choose a unit, a position title or some people."))
            return self.render_to_response(self.get_context_data(form=form))
        if action == "confirm":
            return self.confirm(form.selection())
        return self.render_to_response(self.preview_context(form))
