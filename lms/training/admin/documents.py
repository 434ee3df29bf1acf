"""Admin downloads and uploads of a class's papers: the schedule and a
session's sign-in sheet (PDF), the attendance sheet and its import, and the
enrolment file and its import. The work is in ``documents`` and ``sheets``.

Who: the PDFs and the attendance sheet go to whoever sees the class
(``scoping.classes_visible_to``) or takes its attendance; importing marks
needs ``may_take_attendance``; importing learners needs the class among
those the user manages and ``training.add_classmember``. A class the user
cannot see is not found (404); one they see but may not change is 403."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import documents, scoping, sheets
from ..models import Session, TrainingClass
from ..permissions import may_take_attendance

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENROL_PERMISSION = "training.add_classmember"
ERRORS_SHOWN = 1000  # a page of 5,000 bad rows helps nobody


def class_for(user, pk) -> TrainingClass:
    """The class, if the user sees it or takes its attendance; else 404."""
    classes = TrainingClass.objects.select_related("course", "organiser__organisation")
    training_class = get_object_or_404(classes, pk=pk)
    if scoping.classes_visible_to(user).filter(pk=pk).exists():
        return training_class
    if may_take_attendance(user, training_class):
        return training_class
    raise Http404


def file_response(content: bytes, filename: str, content_type: str, *, inline=False):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def class_schedule_pdf(request, pk):
    training_class = class_for(request.user, pk)
    content = documents.schedule_pdf(training_class=training_class)
    return file_response(
        content, f"lich-hoc-{training_class.code}.pdf", PDF, inline=True
    )


def sign_in_sheet_pdf(request, pk):
    session = get_object_or_404(Session, pk=pk)
    session.training_class = class_for(request.user, session.training_class_id)
    content = documents.sign_in_sheet_pdf(session=session)
    filename = f"danh-sach-ky-ten-{session.training_class.code}-{session.pk}.pdf"
    return file_response(content, filename, PDF, inline=True)


def attendance_sheet_xlsx(request, pk):
    training_class = class_for(request.user, pk)
    content = sheets.attendance_sheet_xlsx(training_class=training_class)
    return file_response(content, f"diem-danh-{training_class.code}.xlsx", XLSX)


def enrolment_template(request):
    if not request.user.has_perm(ENROL_PERMISSION):
        raise PermissionDenied
    content = sheets.enrolment_template_xlsx()
    return file_response(content, "mau-danh-sach-hoc-vien.xlsx", XLSX)


def class_page_url(training_class) -> str | None:
    """The class's dashboard in the admin, once it exists."""
    try:
        return reverse("training_admin:class_dashboard", args=[training_class.pk])
    except NoReverseMatch:
        return None


def grouped(count: int) -> str:
    return number_format(count, force_grouping=True)


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class SheetImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a file for a class: the list of problems (nothing saved), or
    a message of what was saved and back to the class."""

    template_name = "training/admin/documents/import.html"
    form_class = SheetUploadForm
    header_icon = "upload"
    url_name = ""
    download_url_name = ""
    download_label = ""
    help_texts = ()

    def dispatch(self, request, pk):
        self.training_class = class_for(request.user, pk)
        if not self.may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.training_class.title

    def get_breadcrumbs_items(self):
        here = {"url": "", "label": self.page_title}
        back = {
            "url": class_page_url(self.training_class) or "",
            "label": self.training_class.title,
        }
        return [*self.breadcrumbs_items, back, here]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_class=self.training_class,
            help_texts=self.help_texts,
            download_url=self.download_url(),
            download_label=self.download_label,
            **kwargs,
        )

    def download_url(self) -> str:
        return reverse(self.download_url_name, args=[self.training_class.pk])

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        report = self.run_import(upload)
        if report.ok:
            messages.success(self.request, self.success_message(report.counts))
            url = class_page_url(self.training_class)
            return redirect(
                url or reverse(self.url_name, args=[self.training_class.pk])
            )
        if len(report.errors) == 1 and report.errors[0].row is None:
            form.add_error("file", report.errors[0].reason)
            return self.form_invalid(form)
        errors = report.errors
        return self.render_to_response(
            self.get_context_data(
                form=self.get_form_class()(),
                errors=errors[:ERRORS_SHOWN],
                errors_hidden=max(len(errors) - ERRORS_SHOWN, 0),
            )
        )


class AttendanceImportView(SheetImportView):
    page_title = gettext_lazy("Import attendance from a sheet")
    url_name = "training_admin:import_attendance"
    download_url_name = "training_admin:attendance_sheet_xlsx"
    download_label = gettext_lazy("Download the attendance sheet of the class")
    help_texts = (
        gettext_lazy(
            "Download the attendance sheet, write C (present), M (late), P "
            "(excused absence) or V (absent) in the cells of each session, and "
            "upload it. An empty cell keeps the mark as it is."
        ),
        gettext_lazy(
            "All or nothing: if any cell has a mistake, no mark is saved and "
            "every mistake is listed."
        ),
    )

    def may_import(self, user) -> bool:
        return may_take_attendance(user, self.training_class)

    def run_import(self, upload):
        return sheets.import_attendance(
            training_class=self.training_class,
            file=upload,
            filename=upload.name,
            by=self.request.user,
        )

    def success_message(self, counts) -> str:
        changed = counts["changed"]
        return ngettext(
            "The attendance sheet was imported: %(count)s mark changed.",
            "The attendance sheet was imported: %(count)s marks changed.",
            changed,
        ) % {"count": grouped(changed)}


class EnrolmentImportView(SheetImportView):
    page_title = gettext_lazy("Import learners into the class")
    url_name = "training_admin:import_enrolment"
    download_label = gettext_lazy("Download the template")
    help_texts = (
        gettext_lazy(
            "Fill in the template, one learner per row, found by their phone "
            "number, citizen ID number or email among the people of your units."
        ),
        gettext_lazy(
            "All or nothing: if any row has a mistake, nobody is enrolled and "
            "every mistake is listed. Learners past the last seat go on the "
            "waiting list, in the order of the file."
        ),
    )

    def may_import(self, user) -> bool:
        managed = scoping.classes_managed_by(user).filter(pk=self.training_class.pk)
        return user.has_perm(ENROL_PERMISSION) and managed.exists()

    def download_url(self) -> str:
        return reverse("training_admin:enrolment_template")

    def run_import(self, upload):
        return sheets.import_enrolment(
            training_class=self.training_class,
            file=upload,
            filename=upload.name,
            by=self.request.user,
        )

    def success_message(self, counts) -> str:
        return _(
            "The learners were imported. Enrolled: %(enrolled)s; on the waiting "
            "list: %(waitlisted)s; already in the class: %(unchanged)s."
        ) % {key: grouped(value) for key, value in counts.items()}


def admin_urls():
    """Extra admin URLs (under /admin/training/)."""
    return [
        path(
            "classes/<int:pk>/schedule.pdf",
            class_schedule_pdf,
            name="class_schedule_pdf",
        ),
        path(
            "sessions/<int:pk>/sign-in-sheet.pdf",
            sign_in_sheet_pdf,
            name="sign_in_sheet_pdf",
        ),
        path(
            "classes/<int:pk>/attendance.xlsx",
            attendance_sheet_xlsx,
            name="attendance_sheet_xlsx",
        ),
        path(
            "classes/<int:pk>/import-attendance/",
            AttendanceImportView.as_view(),
            name="import_attendance",
        ),
        path(
            "classes/<int:pk>/import-enrolment/",
            EnrolmentImportView.as_view(),
            name="import_enrolment",
        ),
        path("enrolment-template.xlsx", enrolment_template, name="enrolment_template"),
    ]
