"""The background rendering of certificate PDFs, and its repair command."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from lms.certificates import issuing, rendering
from lms.certificates.tasks import render_certificate_pdf_task
from tests.lms.certificates.conftest import make_learner


def text_of(certificate) -> str:
    with certificate.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join(reader.pages[0].extract_text().split())


def stored_files(media_root) -> list[str]:
    folder = media_root / "certificates"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def issued(learner, course, course_certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issuing.request(user=learner, course_id=course.pk)
    certificate.refresh_from_db()
    return certificate


def test_an_issued_certificate_gets_its_pdf_stored(issued, media_root):
    assert issued.pdf.name == f"certificates/{issued.public_id}-r0.pdf"
    assert stored_files(media_root) == [f"{issued.public_id}-r0.pdf"]
    assert "Chứng nhận: Nguyễn Thị Hoa" in text_of(issued)


def test_the_task_run_twice_stores_one_file(issued, media_root):
    before = issued.pdf.storage.get_modified_time(issued.pdf.name)
    result = render_certificate_pdf_task.enqueue(issued.pk)
    assert result.return_value == {"stored": False}
    issued.refresh_from_db()
    assert issued.pdf.storage.get_modified_time(issued.pdf.name) == before
    assert stored_files(media_root) == [f"{issued.public_id}-r0.pdf"]


def test_a_file_left_by_an_interrupted_run_is_replaced(
    learner, course, course_certificate, media_root
):
    certificate = issuing.request(user=learner, course_id=course.pk)  # no task
    orphan = media_root / "certificates" / f"{certificate.public_id}-r0.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"half a PDF")
    assert rendering.store_pdf(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf.name == f"certificates/{certificate.public_id}-r0.pdf"
    assert orphan.read_bytes().startswith(b"%PDF")
    assert stored_files(media_root) == [orphan.name]


def test_a_reissued_certificate_gets_a_new_revision_file(
    issued, staff_user, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issuing.reissue(
            certificate=issued, by=staff_user, changes={"full_name": "Nguyễn Thị Hòa"}
        )
    issued.refresh_from_db()
    assert issued.pdf.name == f"certificates/{issued.public_id}-r1.pdf"
    assert "Chứng nhận: Nguyễn Thị Hòa" in text_of(issued)
    # The previous revision's file is gone.
    assert stored_files(media_root) == [f"{issued.public_id}-r1.pdf"]


def test_a_render_overtaken_by_a_reissue_stores_nothing(
    learner, course, course_certificate, staff_user, media_root, monkeypatch
):
    certificate = issuing.request(user=learner, course_id=course.pk)  # no task
    render = rendering.render_pdf

    def render_then_reissue(**kwargs):
        content = render(**kwargs)
        issuing.reissue(
            certificate=certificate, by=staff_user, changes={"full_name": "Lê Hòa"}
        )
        return content

    monkeypatch.setattr(rendering, "render_pdf", render_then_reissue)
    assert rendering.store_pdf(certificate_id=certificate.pk) is False
    assert stored_files(media_root) == []  # revision 1's task stores its own


def test_a_revoked_certificate_gets_no_pdf(
    learner, course, course_certificate, staff_user, media_root
):
    certificate = issuing.request(user=learner, course_id=course.pk)
    issuing.revoke(certificate=certificate, by=staff_user, reason="Cấp nhầm.")
    result = render_certificate_pdf_task.enqueue(certificate.pk)
    assert result.return_value == {"stored": False}
    assert stored_files(media_root) == []


def test_the_command_renders_the_missing_pdfs_only(
    issued, tree, course, staff_user, media_root
):
    other = issuing.request(
        user=make_learner(tree, name="Lưu Quý Kỳ", phone="+84911000210"),
        course_id=course.pk,
    )
    untouched = issued.pdf.storage.get_modified_time(issued.pdf.name)
    out = io.StringIO()
    call_command("render_certificates", "--missing", stdout=out)
    other.refresh_from_db()
    assert other.pdf.name == f"certificates/{other.public_id}-r0.pdf"
    assert issued.pdf.storage.get_modified_time(issued.pdf.name) == untouched
    assert "1" in out.getvalue()


def test_the_command_renders_every_issued_pdf_again(issued, media_root):
    out = io.StringIO()
    call_command("render_certificates", stdout=out)
    issued.refresh_from_db()
    assert issued.pdf.name == f"certificates/{issued.public_id}-r0.pdf"
    assert stored_files(media_root) == [f"{issued.public_id}-r0.pdf"]
    assert "1" in out.getvalue()
