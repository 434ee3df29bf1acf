"""The certificate as a PDF: A4 landscape, rendered with WeasyPrint from the
design (``CertificateTemplate``) the course names, else the default one,
else the built-in design; set in the Noto fonts of the system (Debian
fonts-noto-core), always in Vietnamese.

A design is a Django template body written by academy staff. It is rendered
from a string by an engine of its own that loads no templates and no tag
libraries but ``i18n`` and ``l10n``, with a context of plain strings only
(no models, no request); WeasyPrint fetches nothing but ``data:`` URLs, so a
design cannot read files or reach the network. Text is NFC-normalised, so
the PDF's text is the precomposed Vietnamese a search or a copy expects.

The stored PDF (``Certificate.pdf``) is named after the certificate's
revision: ``certificates/<public_id>-r<revision>.pdf``."""

import base64
import datetime
import logging
import mimetypes
import unicodedata
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context, Engine, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .data import CertificateStatus
from .models import Certificate, CertificateTemplate, CourseCertificate, Issuer
from .models.templates import default_css, default_html

logger = logging.getLogger(__name__)

IMAGE_SPEC = "max-800x800"  # ~7 cm at 300 dpi: more than a logo or a seal needs
QR_SCALE = 6  # pixels a module: crisp when printed, small in the file

ENGINE = Engine(
    loaders=[],
    libraries={
        "i18n": "django.templatetags.i18n",
        "l10n": "django.templatetags.l10n",
    },
)


def compile_design(html: str) -> Template:
    """The design's body as a template; raises TemplateSyntaxError."""
    return Template(html, engine=ENGINE)


# ------------------------------------------------------------ the context


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or ""))


def dmy(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def place_and_date(place: str, day: datetime.date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2026": as Vietnamese official papers
    write it, a day below 10 and January and February with a leading zero."""
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{nfc(place)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def hours_text(hours) -> str:
    """4,5 or 40; empty for none."""
    text = f"{Decimal(hours or 0):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "" if text in ("", "0") else text.replace(".", ",")


def verification_url(certificate, *, signed=True) -> str:
    """The public verification page; with the signature, as the QR code
    carries it."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:verify", args=[certificate.public_id])
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return f"{url}?s={certificate.signature}" if signed else url


def qr_data_uri(text: str) -> str:
    import segno

    return segno.make(text, error="m").png_data_uri(scale=QR_SCALE, border=0)


def image_data_uri(image) -> str:
    """A Wagtail image as a data URI (a rendition, not the upload); empty
    when there is none or its file cannot be read."""
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
        with rendition.file.open("rb") as file:
            data = file.read()
    except Exception:  # a lost or broken upload must not stop the certificate
        logger.warning("Certificate image %s could not be read.", image.pk, exc_info=1)
        return ""
    mime = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def context_for(certificate) -> dict:
    """What a design may use: plain strings only."""
    issuer = certificate.issuer
    return {
        "certificate": {
            "title": nfc(certificate.title),
            "full_name": nfc(certificate.full_name),
            "birth_date": dmy(certificate.birth_date),
            "unit_name": nfc(certificate.unit_name),
            "course_title": nfc(certificate.course_title),
            "learning_hours": hours_text(certificate.learning_hours),
            "started_on": dmy(certificate.started_on),
            "completed_on": dmy(certificate.completed_on),
            "number": nfc(certificate.number),
            "revision": certificate.revision,
            "issued_on": dmy(certificate.issued_on),
            "place_and_date": place_and_date(issuer.place, certificate.issued_on),
            "expires_on": dmy(certificate.expires_on),
            "class_code": nfc(certificate.class_code),
        },
        "issuer": {
            "name": nfc(issuer.name),
            "signer_name": nfc(issuer.signer_name),
            "signer_title": nfc(issuer.signer_title),
            "place": nfc(issuer.place),
        },
        "logo": image_data_uri(issuer.logo),
        "signature": image_data_uri(issuer.signature),
        "seal": image_data_uri(issuer.seal),
        "qr": qr_data_uri(verification_url(certificate)),
        "verify_url": verification_url(certificate, signed=False),
    }


# ------------------------------------------------------------- rendering


def design_for(certificate) -> CertificateTemplate:
    """The course's design, else the default one, else the built-in one
    (unsaved)."""
    setting = (
        CourseCertificate.objects.filter(course_id=certificate.course_id)
        .select_related("template")
        .first()
    )
    if setting is not None and setting.template is not None:
        return setting.template
    default = CertificateTemplate.objects.filter(is_default=True).first()
    return default or CertificateTemplate(
        name="—", html=default_html(), css=default_css()
    )


def render_html(*, certificate, design: CertificateTemplate) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        body = compile_design(design.html).render(Context(context_for(certificate)))
        return render_to_string(
            "certificates/pdf/document.html",
            {
                "title": f"{nfc(certificate.title)} {nfc(certificate.number)}",
                "author": nfc(certificate.issuer.name),
                "css": mark_safe(design.css),  # noqa: S308 (staff's own design)
                "body": mark_safe(body),  # noqa: S308 (escaped by the engine)
            },
        )


def html_to_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint is slow and logs CSS-parsing noise,
    # which every process would pay for at start-up otherwise.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_pdf(*, certificate, design: CertificateTemplate | None = None) -> bytes:
    """The certificate as PDF bytes, in its course's design unless
    ``design`` is given. Stores nothing."""
    design = design or design_for(certificate)
    return html_to_pdf(render_html(certificate=certificate, design=design))


def preview_pdf(*, design: CertificateTemplate, issuer: Issuer | None = None) -> bytes:
    """The design filled with made-up data, under ``issuer``'s name, signer
    and images when one is given."""
    issuer = issuer or Issuer(
        name="Học viện Phụ nữ Việt Nam",
        code="HVPN",
        signer_name="Nguyễn Thị Mẫu",
        signer_title="GIÁM ĐỐC",
        place="Hà Nội",
    )
    today = timezone.localdate()
    sample = Certificate(
        public_id=uuid.UUID(int=0),
        issuer=issuer,
        title="GIẤY CHỨNG NHẬN",
        number=issuer.format_number(123, today.year),
        full_name="Đặng Thị Ngọc Ẩn",
        birth_date=datetime.date(1990, 3, 8),
        unit_name="Hội LHPN xã Mẫu Sơn",
        course_title="Kỹ năng hoạt động của chi hội trưởng phụ nữ",
        learning_hours=Decimal("24"),
        started_on=today - datetime.timedelta(days=30),
        completed_on=today,
        issued_on=today,
        signature="preview",
    )
    return render_pdf(certificate=sample, design=design)


# --------------------------------------------------------------- storing


def pdf_name(certificate) -> str:
    return _name(certificate.public_id, certificate.revision)


def _name(public_id, revision) -> str:
    return f"certificates/{public_id}-r{revision}.pdf"


def has_current_pdf(certificate) -> bool:
    """Whether the stored PDF is of the certificate's current revision."""
    name = pdf_name(certificate)
    return certificate.pdf.name == name and certificate.pdf.storage.exists(name)


def store_pdf(*, certificate_id, force=False) -> bool:
    """Render and store the PDF of an issued certificate unless the current
    revision's is there already (``force``: render it again, e.g. after its
    design changed); the previous revision's file is deleted.
    Returns whether a file was stored. Safe to run twice, and concurrently:
    the row is locked while the file name is set, and a newer revision
    wins."""
    certificate = (
        Certificate.objects.filter(pk=certificate_id, status=CertificateStatus.ISSUED)
        .select_related("issuer__logo", "issuer__signature", "issuer__seal")
        .first()
    )
    if certificate is None or (has_current_pdf(certificate) and not force):
        return False
    content = render_pdf(certificate=certificate)
    storage, name = certificate.pdf.storage, pdf_name(certificate)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if locked.revision != certificate.revision:
            return False  # re-issued meanwhile: that revision's task stores it
        if has_current_pdf(locked) and not force:
            return False
        if storage.exists(name):  # left by an interrupted run
            storage.delete(name)
        stored = storage.save(name, ContentFile(content))
        Certificate.objects.filter(pk=certificate_id).update(pdf=stored)
        old = locked.pdf.name
        if old and old != stored:
            transaction.on_commit(lambda: storage.delete(old))
    return True


def issued_ids(*, missing_only=False) -> list[int]:
    """The issued certificates; ``missing_only``: those whose stored PDF is
    missing or of an older revision (by its name: that the file is really
    there is checked when each is stored)."""
    rows = Certificate.objects.filter(status=CertificateStatus.ISSUED).order_by("pk")
    rows = rows.values_list("pk", "public_id", "revision", "pdf")
    return [
        pk
        for pk, public_id, revision, pdf in rows.iterator()
        if not missing_only or pdf != _name(public_id, revision)
    ]
