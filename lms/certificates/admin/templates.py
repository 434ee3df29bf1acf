"""Admin screens of certificate designs: list, add, edit, copy, and a
preview of a design as a PDF of made-up data under one of the user's
issuers (``?issuer=<id>``; else the first). Designs are not deleted: a
certificate is rendered again with its course's design. Who: the
``certificates`` view, add and change permissions of the design model."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import BaseObjectMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from .. import rendering
from ..models import CertificateTemplate
from .scope import issuers_visible_to

CODE = {"rows": 24, "spellcheck": "false", "autocapitalize": "off"}


class CertificateTemplateForm(WagtailAdminModelForm):
    def clean_html(self):
        html = self.cleaned_data["html"]
        try:
            rendering.compile_design(html).render(Context({}))
        except (TemplateSyntaxError, TemplateDoesNotExist) as error:
            raise ValidationError(
                _("This is not a valid template: %(error)s") % {"error": error}
            ) from error
        return html


def preview_button(instance, priority=5):
    return Button(
        _("Preview"),
        url=reverse("certificate_templates:preview", args=[instance.pk]),
        icon_name="view",
        attrs={"target": "_blank", "rel": "noopener"},
        priority=priority,
    )


class TemplateIndexView(ModelViewSet.index_view_class):
    def get_list_more_buttons(self, instance):
        return [preview_button(instance), *super().get_list_more_buttons(instance)]


class TemplateEditView(ModelViewSet.edit_view_class):
    @cached_property
    def header_more_buttons(self):
        return [preview_button(self.object), *super().header_more_buttons]


class PreviewView(PermissionCheckedMixin, BaseObjectMixin, View):
    """The design as a PDF of a made-up learner and course."""

    permission_required = "view"

    def get(self, request, *args, **kwargs):
        issuers = issuers_visible_to(request.user).order_by("pk")
        chosen = request.GET.get("issuer", "")
        if chosen.isdigit():
            issuers = issuers.filter(pk=chosen)
        content = rendering.preview_pdf(design=self.object, issuer=issuers.first())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="xem-truoc.pdf"'
        return response


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate designs")
    url_prefix = "certificates/designs"
    add_to_admin_menu = False
    inspect_view_enabled = False
    index_view_class = TemplateIndexView
    edit_view_class = TemplateEditView
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        "name",
        BooleanColumn("is_default", label=gettext_lazy("Default design")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("is_default"),
            FieldPanel("html", widget=forms.Textarea(attrs=CODE)),
            FieldPanel("css", widget=forms.Textarea(attrs=CODE)),
        ],
        base_form_class=CertificateTemplateForm,
    )

    @property
    def preview_view(self):
        return self.construct_view(PreviewView)

    def get_urlpatterns(self):
        kept = [url for url in super().get_urlpatterns() if url.name != "delete"]
        return [*kept, path("preview/<int:pk>/", self.preview_view, name="preview")]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)


def viewsets():
    return [CertificateTemplateViewSet("certificate_templates")]
