from django.urls import path

from .views import badges, pdf, public, transcript

app_name = "certificates"

urlpatterns = [
    # --- verification and the learner's certificates (lms.certificates.views.public)
    path("chung-chi/xac-minh/", public.verify_form, name="verify_form"),
    path("chung-chi/cua-toi/", public.my_certificates, name="mine"),
    # --- the learner's transcript (lms.certificates.views.transcript)
    path("chung-chi/bang-gio-hoc/", transcript.transcript, name="transcript"),
    path(
        "chung-chi/bang-gio-hoc/<int:year>/pdf/",
        transcript.transcript_pdf,
        name="transcript_pdf",
    ),
    path("chung-chi/<uuid:public_id>/", public.verify_page, name="verify"),
    path("chung-chi/<uuid:public_id>.json", public.verify_json, name="verify_json"),
    # --- PDF (lms.certificates.views.pdf)
    path("chung-chi/<uuid:public_id>/pdf/", pdf.certificate_pdf, name="pdf"),
    # --- Open Badges and status lists (lms.certificates.views.badges)
    path(
        "chung-chi/<uuid:public_id>/open-badge.jwt",
        badges.open_badge,
        name="open_badge",
    ),
    path("chung-chi/trang-thai/<slug:code>/", badges.status_list, name="status_list"),
    path("chung-chi/khoa/<slug:code>.json", badges.jwks, name="jwks"),
]
