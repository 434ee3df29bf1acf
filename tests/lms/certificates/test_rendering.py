"""The certificate PDF: its Vietnamese text read back exactly, its page, its
QR code, its design and what a design may not do."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
import zxingcpp
from django.core.files.images import ImageFile
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model

from lms.certificates import issuing, rendering
from lms.certificates.models import CertificateTemplate
from tests.lms.certificates.conftest import make_learner


def read(pdf: bytes):
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """The page's text with its line breaks and spacing collapsed."""
    return " ".join(read(pdf).pages[0].extract_text().split())


def qr_codes(pdf: bytes) -> list[str]:
    found = []
    for image in read(pdf).pages[0].images:
        found += [code.text for code in zxingcpp.read_barcodes(image.image)]
    return found


def make_image(title, colour, size=(240, 240)):
    buffer = io.BytesIO()
    PILImage.new("RGBA", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


@pytest.fixture
def certificate(learner, course, course_certificate):
    return issuing.request(user=learner, course_id=course.pk)


def issue_to(tree, course, name, phone):
    user = make_learner(tree, name=name, phone=phone)
    return issuing.request(user=user, course_id=course.pk)


def test_the_vietnamese_text_comes_back_exactly(certificate):
    text = text_of(rendering.render_pdf(certificate=certificate))
    day = certificate.issued_on
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "HỌC VIỆN PHỤ NỮ VIỆT NAM",
        "GIẤY CHỨNG NHẬN",
        "Chứng nhận: Nguyễn Thị Hoa",
        "Sinh ngày: 08/03/1990",
        "Đơn vị: Xã a",
        "Đã hoàn thành khóa học: Kỹ năng hoạt động của chi hội trưởng",
        f"Số: {certificate.number}",
        f"Hà Nội, ngày {day.day:02d} tháng {month} năm {day.year}",
        "GIÁM ĐỐC",
        "Trần Thị Quyên",
    ]:
        assert expected in text


@pytest.mark.parametrize(
    "name",
    [
        "Đặng Thị Ngọc Ẩn",  # đ, nặng, hỏi on a capital
        "Lưu Quý Kỳ",  # ư, sắc, huyền
        "Nguyễn Hữu Đức Vĩnh",  # ngã on ê, ư, đ
        "Phạm Thị Ửng Ờ Ỡ",  # capitals of ư and ơ with tones
        "Trương Mỹ Lệ Ắt",  # ơ, ngã, nặng on ê, ă with sắc
    ],
)
def test_a_name_with_every_tone_and_d_comes_back_exactly(tree, course, name, request):
    request.getfixturevalue("course_certificate")
    certificate = issue_to(tree, course, name, "+84911000202")
    text = text_of(rendering.render_pdf(certificate=certificate))
    assert f"Chứng nhận: {name}" in text


def test_a_decomposed_name_is_printed_precomposed(tree, course, course_certificate):
    name = "Đặng Thị Ngọc Ẩn"
    certificate = issue_to(
        tree, course, unicodedata.normalize("NFD", name), "+84911000203"
    )
    assert f"Chứng nhận: {name}" in text_of(
        rendering.render_pdf(certificate=certificate)
    )


def test_the_page_is_a4_landscape_and_one_page(certificate):
    reader = read(rendering.render_pdf(certificate=certificate))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(842, abs=1)
    assert float(box.height) == pytest.approx(595, abs=1)


def test_a_long_course_title_stays_on_one_page(certificate):
    certificate.course_title = "Bồi dưỡng nghiệp vụ công tác Hội " * 12
    reader = read(rendering.render_pdf(certificate=certificate))
    assert len(reader.pages) == 1


def test_the_qr_code_is_the_signed_verification_url(client, certificate):
    pdf = rendering.render_pdf(certificate=certificate)
    url = (
        f"http://testserver/chung-chi/{certificate.public_id}/"
        f"?s={certificate.signature}"
    )
    assert qr_codes(pdf) == [url]
    page = client.get(url.removeprefix("http://testserver"))
    assert 'data-verdict="valid"' in page.content.decode()


def test_the_qr_code_does_not_follow_the_language_of_the_request(certificate):
    from django.utils import translation

    with translation.override("en"):
        pdf = rendering.render_pdf(certificate=certificate)
    assert qr_codes(pdf)[0].startswith("http://testserver/chung-chi/")
    assert "GIẤY CHỨNG NHẬN" in text_of(pdf)


def test_dates_hours_and_expiry_are_printed(certificate):
    certificate.started_on = datetime.date(2026, 1, 5)
    certificate.completed_on = datetime.date(2026, 2, 9)
    certificate.learning_hours = Decimal("24.5")
    certificate.expires_on = datetime.date(2028, 2, 9)
    text = text_of(rendering.render_pdf(certificate=certificate))
    assert "Thời gian học: từ ngày 05/01/2026 đến ngày 09/02/2026" in text
    assert "Thời lượng: 24,5 giờ" in text
    assert "Có giá trị đến ngày: 09/02/2028" in text


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 22), "Hà Nội, ngày 22 tháng 11 năm 2026"),
        (datetime.date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2026"),
    ],
)
def test_the_place_and_date_are_written_as_official_papers_do(day, expected):
    assert rendering.place_and_date("Hà Nội", day) == expected


def test_the_issuers_logo_signature_and_seal_are_on_it(certificate, issuer):
    issuer.logo = make_image("logo", (20, 60, 160, 255))
    issuer.signature = make_image("chu-ky", (0, 0, 120, 255), (400, 160))
    issuer.seal = make_image("con-dau", (200, 0, 0, 200))
    issuer.save()
    certificate.issuer = issuer
    pdf = rendering.render_pdf(certificate=certificate)
    assert len(read(pdf).pages[0].images) == 4  # and the QR code
    assert len(qr_codes(pdf)) == 1


def test_a_new_seal_under_an_old_file_name_is_printed(certificate, issuer):
    # Pictures are kept per process; a deleted image's name may come back.
    issuer.seal = make_image("con-dau", (200, 0, 0, 255))
    issuer.save()
    certificate.issuer = issuer
    rendering.render_pdf(certificate=certificate)
    old = issuer.seal
    old.renditions.all().delete()
    old.file.storage.delete(old.file.name)
    old.delete()
    issuer.seal = make_image("con-dau", (0, 0, 200, 255))
    issuer.save()
    pdf = rendering.render_pdf(certificate=certificate)
    colours = [
        image.image.convert("RGB").getpixel((5, 5))
        for image in read(pdf).pages[0].images
        if image.image.size == (240, 240)
    ]
    assert colours == [(0, 0, 200)]


def test_an_image_whose_file_is_lost_is_left_out(certificate, issuer):
    issuer.seal = make_image("con-dau", (200, 0, 0, 200))
    issuer.save()
    issuer.seal.file.storage.delete(issuer.seal.file.name)
    certificate.issuer = issuer
    pdf = rendering.render_pdf(certificate=certificate)
    assert len(read(pdf).pages[0].images) == 1
    assert "Nguyễn Thị Hoa" in text_of(pdf)


def test_the_issuers_design_comes_between_the_courses_and_the_default(
    certificate, issuer, course_certificate
):
    CertificateTemplate.objects.create(
        name="Mặc định", html="<p>Mẫu chung</p>", is_default=True
    )
    issuer.template = CertificateTemplate.objects.create(
        name="Của học viện", html="<p>Mẫu học viện {{ issuer.name }}</p>"
    )
    issuer.save()
    certificate.issuer = issuer
    assert "Mẫu học viện" in text_of(rendering.render_pdf(certificate=certificate))
    course_certificate.template = CertificateTemplate.objects.create(
        name="Riêng", html="<p>Mẫu riêng</p>"
    )
    course_certificate.save()
    assert "Mẫu riêng" in text_of(rendering.render_pdf(certificate=certificate))


def test_the_course_design_then_the_default_one_is_used(
    certificate, course_certificate
):
    CertificateTemplate.objects.create(
        name="Mặc định",
        html="<p>Mẫu chung {{ certificate.full_name }}</p>",
        css="",
        is_default=True,
    )
    assert "Mẫu chung Nguyễn Thị Hoa" in text_of(
        rendering.render_pdf(certificate=certificate)
    )
    course_certificate.template = CertificateTemplate.objects.create(
        name="Riêng", html="<h1>Chứng chỉ riêng của {{ certificate.full_name }}</h1>"
    )
    course_certificate.save()
    pdf = rendering.render_pdf(certificate=certificate)
    assert "Chứng chỉ riêng của Nguyễn Thị Hoa" in text_of(pdf)
    box = read(pdf).pages[0].mediabox  # the design's CSS cannot change the page
    assert float(box.width) == pytest.approx(842, abs=1)


def test_a_new_design_starts_from_the_built_in_one():
    design = CertificateTemplate(name="Mới")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in design.html
    assert "{{ qr }}" in design.html
    assert design.css


def test_a_design_escapes_the_data(certificate):
    certificate.full_name = "<b>Hoa</b> & Lan"
    design = CertificateTemplate(html="<p>{{ certificate.full_name }}</p>", css="")
    pdf = rendering.render_pdf(certificate=certificate, design=design)
    assert "<b>Hoa</b> & Lan" in text_of(pdf)


@pytest.mark.parametrize(
    "html",
    [
        '{% include "certificates/mine.html" %}',
        "{% load static %}",
        '{% extends "base.html" %}',
    ],
)
def test_a_design_can_load_no_templates_nor_tag_libraries(html):
    with pytest.raises((TemplateSyntaxError, TemplateDoesNotExist)):
        rendering.compile_design(html).render(Context({}))


def test_a_design_cannot_read_files_or_the_network(certificate, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu")
    design = CertificateTemplate(
        html=(
            f'<link rel="attachment" href="file://{secret}">'
            f'<a rel="attachment" href="file://{secret}">x</a>'
            f'<img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
            '<img src="hocvien-file:0123">'  # a picture not given to this PDF
            "<p>{{ certificate.full_name }}</p>"
        ),
        css=f'@import url("file://{secret}");',
    )
    reader = read(rendering.render_pdf(certificate=certificate, design=design))
    assert dict(reader.attachments) == {}
    assert "Nguyễn Thị Hoa" in reader.pages[0].extract_text()


def test_a_preview_fills_a_design_with_made_up_data(issuer):
    pdf = rendering.preview_pdf(design=CertificateTemplate(name="Thử"), issuer=issuer)
    text = text_of(pdf)
    assert "Đặng Thị Ngọc Ẩn" in text
    assert "Trần Thị Quyên" in text
    assert len(qr_codes(pdf)) == 1
