"""Who issues certificates (the academy, per organisation), with their
numbering, signer and keys, and which courses give one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Issuer(models.Model):
    name = models.CharField(_("name"), max_length=255)
    code = models.SlugField(
        _("code in numbers"),
        max_length=20,
        unique=True,
        help_text=_("e.g. HVPN: numbers read 123/2026/CC-HVPN."),
    )
    number_format = models.CharField(
        _("number format"),
        max_length=60,
        default="{serial}/{year}/CC-{code}",
        help_text=_("{serial}, {year} and {code} are replaced."),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Staff of this unit manage the issuer's certificates."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    place = models.CharField(
        _("place of issue"), max_length=100, help_text=_("e.g. Hà Nội")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature image"),
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seal image"),
    )
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("design"),
        help_text=_(
            "For this issuer's courses that name no design of their own. "
            "Empty: the default design."
        ),
    )

    class Meta:
        verbose_name = _("certificate issuer")
        verbose_name_plural = _("certificate issuers")

    def __str__(self):
        return self.name

    def format_number(self, serial: int, year: int) -> str:
        return self.number_format.format(serial=serial, year=year, code=self.code)


class SigningKey(models.Model):
    """An Ed25519 key of an issuer. The private key is stored encrypted with
    a key derived from SECRET_KEY (``signing.py``); retired keys stay so
    that what they signed can still be checked."""

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="keys")
    kid = models.CharField(max_length=40, unique=True)
    public_key = models.TextField()  # base64url of the 32 raw bytes
    private_key = models.BinaryField()  # encrypted raw bytes
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self):
        return self.kid


class CourseCertificate(models.Model):
    """A course that gives a certificate, and how."""

    course = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    title = models.CharField(
        _("certificate title"),
        max_length=100,
        default="GIẤY CHỨNG NHẬN",
        help_text=_("e.g. GIẤY CHỨNG NHẬN or CHỨNG CHỈ"),
    )
    requires_approval = models.BooleanField(
        _("issued after approval by academy staff"),
        default=False,
        help_text=_("Otherwise issued as soon as a learner meets the course's policy."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: valid without a time limit."),
    )
    is_active = models.BooleanField(_("gives certificates"), default=True)
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("design"),
        help_text=_("Empty: the default design."),
    )

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")

    def __str__(self):
        return f"{self.title} – {self.course_id}"
