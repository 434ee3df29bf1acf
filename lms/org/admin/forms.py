import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..auth_backends import find_user
from ..models import ManagedUnit, Title, Unit
from ..phones import InvalidPhoneNumber, local_phone, normalize_phone
from ..scoping import visible_units

NATIONAL_ID = re.compile(r"^\d{9}$|^\d{12}$")


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown indented by depth so the tree reads in a select box."""

    def label_from_instance(self, unit):
        return f"{'— ' * (unit.depth - 1)}{unit.name}"


class PersonForm(WagtailAdminModelForm):
    position_since = forms.DateField(
        label=_("Position held since"),
        required=False,
        help_text=_(
            "When the unit or title changes, the date the change took effect. "
            "Leave empty for today."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = visible_units(self.for_user) if self.for_user else Unit.objects.none()
        self.fields["unit"] = UnitChoiceField(
            queryset=units.select_related("organisation"),
            label=_("Unit"),
            initial=self.initial.get("unit"),
        )
        organisations = units.values("organisation")
        self.fields["title"].queryset = Title.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")
        if self.instance.phone:
            self.initial["phone"] = local_phone(self.instance.phone)

    def clean_phone(self):
        raw = self.cleaned_data.get("phone")
        if not raw:
            return None
        try:
            return normalize_phone(raw)
        except InvalidPhoneNumber:
            raise forms.ValidationError(
                _("%(value)s is not a valid phone number."), params={"value": raw}
            ) from None

    def clean_national_id(self):
        value = (self.cleaned_data.get("national_id") or "").strip()
        if value and not NATIONAL_ID.match(value):
            raise forms.ValidationError(
                _("A citizen ID number has 12 digits (old ID cards: 9 digits).")
            )
        return value or None

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower() or None

    def clean(self):
        cleaned = super().clean()
        unit, title = cleaned.get("unit"), cleaned.get("title")
        if unit and title and title.organisation_id != unit.organisation_id:
            self.add_error(
                "title", _("This title belongs to another organisation than the unit.")
            )
        if not cleaned.get("position_since"):
            cleaned["position_since"] = timezone.localdate()
        self._check_position_date(cleaned)
        return cleaned

    def _check_position_date(self, cleaned):
        """A move cannot start before the current position did."""
        if not self.instance.pk or not {"unit", "title"} & set(self.changed_data):
            return
        current = self.instance.assignments.filter(end_date__isnull=True).first()
        if current and cleaned["position_since"] < current.start_date:
            self.add_error(
                "position_since",
                _(
                    "The change cannot take effect before %(date)s, when the "
                    "current position began."
                )
                % {"date": current.start_date.strftime("%d/%m/%Y")},
            )


class UnitForm(WagtailAdminModelForm):
    parent = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Parent unit"),
        required=False,
        help_text=_("Leave empty only for the top unit of an organisation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["parent"].queryset = (
            visible_units(user) if user else Unit.objects.none()
        )
        if self.instance.pk:
            del self.fields["parent"]
            self.fields["organisation"].disabled = True
        elif not (user and user.is_superuser):
            self.fields["parent"].required = True
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        level = cleaned.get("level")
        if parent and level and level <= parent.level:
            self.add_error(
                "level", _("A unit must be at a lower level than its parent unit.")
            )
        if parent:
            self.instance.organisation = parent.organisation
        elif not self.instance.pk and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation of a top unit."))
        if self.instance.pk and level:
            parent_unit = self.instance.get_parent()
            children_levels = self.instance.get_children().values_list(
                "level", flat=True
            )
            if (
                parent_unit
                and level <= parent_unit.level
                or any(child <= level for child in children_levels)
            ):
                self.add_error(
                    "level",
                    _(
                        "The level must lie between the level of the parent unit "
                        "and the levels of the units below it."
                    ),
                )
        return cleaned

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        unit = self.instance
        parent = self.cleaned_data.get("parent")
        return (
            parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
        )


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An Excel workbook (.xlsx) or a CSV file laid out as the template."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file"),
        required=False,
        help_text=_("List the problems and what would change, without saving."),
    )


class ManagedUnitForm(WagtailAdminModelForm):
    """Give a user a unit's subtree, naming the user by the login they type."""

    login = forms.CharField(
        label=_("Login"),
        help_text=_("Phone number, email or user name of the manager."),
    )
    unit = UnitChoiceField(queryset=Unit.objects.all(), label=_("Unit"))

    class Meta:
        model = ManagedUnit
        fields = ["unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["login"] = self.instance.user.get_username()

    def clean_login(self):
        login = self.cleaned_data["login"].strip()
        User = get_user_model()
        user = find_user(login) or User.objects.filter(username=login).first()
        if user is None:
            raise forms.ValidationError(_("No account has this login."))
        self.instance.user = user
        return login

    def validate_unique(self):
        exclude = self._get_validation_exclusions() - {"user"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError:
            self.add_error(None, _("This account already manages this unit."))
