"""Importing people from a spreadsheet: an upload form whose answer is either
the list of bad rows (nothing imported) or what was imported, and the
download of the blank template. The work is ``api.import_people``."""

import io

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import api
from ..models import Person
from .forms import PeopleImportForm

IMPORT_PERMISSION = "org.import_people"
TEMPLATE_FILENAME = "mau-nhap-can-bo.{}"
ERRORS_SHOWN = 1000  # a page of 20,000 bad rows helps nobody


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PeopleImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "org/admin/import_people.html"
    form_class = PeopleImportForm
    page_title = _("Import people")
    header_icon = "upload"
    index_url_name = None
    template_url_name = None

    def get_breadcrumbs_items(self):
        people = capfirst(Person._meta.verbose_name_plural)
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": people},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_urls"] = {
            file_format: reverse(self.template_url_name, args=[file_format])
            for file_format in ("xlsx", "csv")
        }
        context["index_url"] = reverse(self.index_url_name)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = api.import_people(
                file=upload,
                filename=upload.name,
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except api.OrgError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_report(report)

    def render_report(self, report):
        errors = report.errors
        context = self.get_context_data(
            form=self.get_form_class()(),
            report=report,
            errors=errors[:ERRORS_SHOWN],
            errors_hidden=max(len(errors) - ERRORS_SHOWN, 0),
        )
        return self.render_to_response(context)


class PeopleImportTemplateView(ImportPermissionMixin, View):
    def get(self, request, file_format):
        try:
            content = api.import_template(file_format=file_format, user=request.user)
        except api.OrgError:
            raise Http404 from None
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=TEMPLATE_FILENAME.format(file_format),
        )
