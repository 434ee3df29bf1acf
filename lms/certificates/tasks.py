from django_tasks import task

from . import rendering


@task()
def render_certificate_pdfs_task(certificate_ids: list[int]):
    """Render and store the PDFs of a batch (a class issued at once)."""
    stored = sum(bool(rendering.store_pdf(certificate_id=pk)) for pk in certificate_ids)
    return {"stored": stored}


@task()
def render_certificate_pdf_task(certificate_id: int):
    """Render and store the certificate's PDF; safe to run twice (the
    current revision's file is rendered once)."""
    return {"stored": rendering.store_pdf(certificate_id=certificate_id)}
