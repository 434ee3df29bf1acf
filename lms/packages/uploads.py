"""Uploading packages in the admin (SCORM, H5P): the file field and the
view mixin that turns a refused package into an error on that field."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import conf


def max_upload_bytes() -> int:
    return conf.get("HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES")


class PackageFileField(forms.FileField):
    """A file within the upload limit; what is inside is checked on import.
    ``accept`` is the file picker's filter (".zip", ".h5p")."""

    def __init__(self, *args, accept=".zip", **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file or file is initial:
            return file
        if not file.size:
            raise ValidationError(_("The file is empty."), code="empty")
        if file.size > max_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(size)s.")
                % {"size": filesizeformat(max_upload_bytes())},
                code="too_large",
            )
        return file


class RejectedUploadMixin:
    """For create and edit views: a refused package (one of ``rejected``)
    becomes an error on ``file_field``; nothing was stored."""

    file_field = "file"
    rejected: tuple[type[Exception], ...] = ()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except self.rejected as error:
            form.add_error(self.file_field, str(error))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
