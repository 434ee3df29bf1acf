from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class PhoneOrEmailLoginForm(AuthenticationForm):
    """Front-end login: the username box takes a phone number or an email."""

    username = forms.CharField(
        label=_("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The phone number, email or password is not right. "
            "Check them and try again."
        ),
    }


class AdminLoginForm(LoginForm):
    """Wagtail admin login with the same phone-or-email wording."""

    username = forms.CharField(
        label=_("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "placeholder": _("Phone number or email"),
            }
        ),
    )
    # Wagtail's form leaves the label to the field name, which no catalogue
    # translates.
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
    )
    error_messages = PhoneOrEmailLoginForm.error_messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail sets its own "your username" placeholder after the fields.
        self.fields["username"].widget.attrs["placeholder"] = _("Phone number or email")
