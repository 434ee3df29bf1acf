"""The designs of certificates, editable by academy staff: a Django
template body and its CSS, rendered to an A4 landscape PDF
(``rendering.py``). A course's certificate setting may name one; otherwise
the default design is used."""

from pathlib import Path

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DESIGNS = Path(__file__).resolve().parent.parent / "templates/certificates/pdf"


def default_html() -> str:
    """The body of the built-in Vietnamese design."""
    return (DESIGNS / "default.html").read_text(encoding="utf-8")


def default_css() -> str:
    return (DESIGNS / "default.css").read_text(encoding="utf-8")


class CertificateTemplate(models.Model):
    name = models.CharField(_("name"), max_length=150)
    html = models.TextField(
        _("HTML"),
        default=default_html,
        help_text=_(
            "The body of the certificate as a Django template. Variables: "
            "certificate (title, full_name, birth_date, unit_name, "
            "course_title, learning_hours, started_on, completed_on, number, "
            "issued_on, place_and_date, expires_on), issuer (name, "
            "signer_name, signer_title, place), logo, signature, seal, qr "
            "(images), verify_url."
        ),
    )
    css = models.TextField(
        _("CSS"),
        default=default_css,
        blank=True,
        help_text=_("The page is A4 landscape, set in Noto Serif and Noto Sans."),
    )
    is_default = models.BooleanField(
        _("default design"),
        default=False,
        help_text=_("Used by the courses that name no design."),
    )

    class Meta:
        verbose_name = _("certificate design")
        verbose_name_plural = _("certificate designs")
        ordering = ["name", "pk"]
        # Designs are kept: certificates are rendered again with theirs.
        default_permissions = ("add", "change", "view")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificates_one_default_template",
                violation_error_message=_(
                    "Another design is the default already: untick it there first."
                ),
            )
        ]

    def __str__(self):
        return self.name
