"""The certificate as a PDF: A4 landscape, rendered with WeasyPrint from the
design (``CertificateTemplate``) the course names, else the default one,
else the built-in design; set in the Noto fonts of the system (Debian
fonts-noto-core), always in Vietnamese.

A design is a Django template body written by academy staff. It is rendered
from a string by an engine of its own that loads no templates and no tag
libraries but ``i18n`` and ``l10n``, with a context of plain strings only
(no models, no request); WeasyPrint fetches nothing but the certificate's
own pictures and ``data:`` URLs (``pdf_files``), so a design cannot read
files or reach the network. Text is NFC-normalised, so
the PDF's text is the precomposed Vietnamese a search or a copy expects.

The stored PDF (``Certificate.pdf``) is named after the certificate's
revision: ``certificates/<public_id>-r<revision>.pdf``."""

import datetime
import functools
import io
import logging
import mimetypes
import threading
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
from .hours import hours_text
from .models import Certificate, CertificateTemplate, CourseCertificate, Issuer
from .models.templates import default_css, default_html

logger = logging.getLogger(__name__)

# Renditions as large as the built-in design prints the mark at 300 dpi,
# with some room for a design that prints it bigger: WeasyPrint re-encodes
# every pixel of a PNG into each PDF, so more pixels cost time only.
IMAGE_SPECS = {
    "logo": "max-240x240",  # 20 mm at 300 dpi (built-in: 13 mm high)
    "signature": "max-660x300",  # 56 x 25 mm (built-in: 55 x 24 mm at most)
    "seal": "max-400x400",  # 34 mm (built-in: 30 mm)
}
QR_SCALE = 1  # one pixel a module, drawn unsmoothed (CSS image-rendering: pixelated)

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


def verification_url(certificate, *, signed=True) -> str:
    """The public verification page; with the signature, as the QR code
    carries it."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:verify", args=[certificate.public_id])
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return f"{url}?s={certificate.signature}" if signed else url


def qr_png(text: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=QR_SCALE, border=0)
    return buffer.getvalue()


def image_file(image, role: str) -> tuple[bytes, str] | None:
    """A Wagtail image's rendition for ``role`` (logo, signature or seal) as
    (bytes, MIME type); None when there is none or its file cannot be read.
    Kept per process: a batch of a thousand certificates reads the issuer's
    three images once."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_SPECS[role])
        # The key holds the upload's content hash: a rendition's name alone
        # could come back for another picture once the old file is deleted.
        return _read(rendition.file.name, rendition.file.storage, image.get_file_hash())
    except Exception:  # a lost or broken upload must not stop the certificate
        logger.warning("Certificate image %s could not be read.", image.pk, exc_info=1)
        return None


@functools.lru_cache(maxsize=64)
def _read(name: str, storage, content_hash: str) -> tuple[bytes, str]:
    with storage.open(name, "rb") as file:
        return file.read(), mimetypes.guess_type(name)[0] or "image/png"


def context_for(certificate, files) -> dict:
    """What a design may use: plain strings only; the pictures are URLs of
    ``files`` (a ``pdf_files.PdfFiles``)."""
    issuer = certificate.issuer

    def picture(image, role):
        found = image_file(image, role)
        return files.add(*found) if found else ""

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
        "logo": picture(issuer.logo, "logo"),
        "signature": picture(issuer.signature, "signature"),
        "seal": picture(issuer.seal, "seal"),
        "qr": files.add(qr_png(verification_url(certificate)), "image/png"),
        "verify_url": verification_url(certificate, signed=False),
    }


# ------------------------------------------------------------- rendering


def design_for(certificate) -> CertificateTemplate:
    """The course's design, else its issuer's, else the default one, else
    the built-in one (unsaved)."""
    setting = (
        CourseCertificate.objects.filter(course_id=certificate.course_id)
        .select_related("template")
        .first()
    )
    if setting is not None and setting.template is not None:
        return setting.template
    designs, chosen = CertificateTemplate.objects, None
    if certificate.issuer.template_id is not None:
        chosen = designs.filter(pk=certificate.issuer.template_id).first()
    chosen = chosen or designs.filter(is_default=True).first()
    return chosen or CertificateTemplate(
        name="—", html=default_html(), css=default_css()
    )


def render_html(*, certificate, design: CertificateTemplate, files) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        context = Context(context_for(certificate, files))
        body = compile_design(design.html).render(context)
        return render_to_string(
            "certificates/pdf/document.html",
            {
                "title": f"{nfc(certificate.title)} {nfc(certificate.number)}",
                "author": nfc(certificate.issuer.name),
                "css": mark_safe(design.css),  # noqa: S308 (staff's own design)
                "body": mark_safe(body),  # noqa: S308 (escaped by the engine)
            },
        )


def html_to_pdf(html: str, files=None) -> bytes:
    """The PDF of ``html``, showing the pictures of ``files`` (a
    ``pdf_files.PdfFiles``) and ``data:`` URLs, nothing else."""
    # Imported here: loading WeasyPrint is slow and logs CSS-parsing noise,
    # which every process would pay for at start-up otherwise.
    from weasyprint import HTML

    from .pdf_files import PdfFiles

    fetcher = (files or PdfFiles()).fetcher()
    return HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=_font_config())


_fonts = threading.local()


def _font_config():
    """One font configuration per thread (Pango's font map is not safe to
    share between threads): loading the system's fonts again for each
    certificate of a batch costs more than laying it out."""
    if not hasattr(_fonts, "config"):
        from weasyprint.text.fonts import FontConfiguration

        _fonts.config = FontConfiguration()
    return _fonts.config


def render_pdf(*, certificate, design: CertificateTemplate | None = None) -> bytes:
    """The certificate as PDF bytes, in its course's design unless
    ``design`` is given. Stores nothing."""
    from .pdf_files import PdfFiles

    design, files = design or design_for(certificate), PdfFiles()
    html = render_html(certificate=certificate, design=design, files=files)
    return html_to_pdf(html, files)


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
