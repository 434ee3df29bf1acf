"""Admin screens of issuers and of the courses that give a certificate."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.viewsets.model import ModelViewSet

from lms.org import api as org

from ..models import CourseCertificate, Issuer
from .scope import (
    ScopedObjectMixin,
    VisibleIndexMixin,
    course_settings_visible_to,
    issuers_visible_to,
)


class IssuerForm(WagtailAdminModelForm):
    """The issuer's unit among the user's own."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            self.fields["unit"].queryset = org.units_visible_to(for_user)


class IssuerIndexView(VisibleIndexMixin, ModelViewSet.index_view_class):
    scope = staticmethod(issuers_visible_to)


class IssuerEditView(ScopedObjectMixin, ModelViewSet.edit_view_class):
    scope = staticmethod(issuers_visible_to)


class IssuerDeleteView(ScopedObjectMixin, ModelViewSet.delete_view_class):
    scope = staticmethod(issuers_visible_to)


class IssuerViewSet(ModelViewSet):
    model = Issuer
    icon = "doc-full"
    menu_label = _("Issuers")
    url_prefix = "certificates/issuers"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = IssuerIndexView
    edit_view_class = IssuerEditView
    delete_view_class = IssuerDeleteView
    search_fields = ["name", "code"]
    list_display = ["name", "code", "unit", "signer_name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("number_format")]),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("signer_name"), FieldPanel("signer_title")]
                    ),
                    FieldPanel("place"),
                ],
                heading=_("Signature"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("logo"),
                    FieldPanel("signature"),
                    FieldPanel("seal"),
                    FieldPanel("template"),
                ],
                heading=_("Images on the certificate"),
            ),
        ],
        base_form_class=IssuerForm,
    )


class CourseCertificateForm(WagtailAdminModelForm):
    """The issuer among those of the user's units."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["issuer"].queryset = issuers_visible_to(for_user)


class CourseCertificateIndexView(VisibleIndexMixin, ModelViewSet.index_view_class):
    scope = staticmethod(course_settings_visible_to)


class CourseCertificateEditView(ScopedObjectMixin, ModelViewSet.edit_view_class):
    scope = staticmethod(course_settings_visible_to)


class CourseCertificateDeleteView(ScopedObjectMixin, ModelViewSet.delete_view_class):
    scope = staticmethod(course_settings_visible_to)


class CourseCertificateViewSet(ModelViewSet):
    model = CourseCertificate
    icon = "doc-full-inverse"
    menu_label = _("Course certificates")
    url_prefix = "certificates/courses"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = CourseCertificateIndexView
    edit_view_class = CourseCertificateEditView
    delete_view_class = CourseCertificateDeleteView
    search_fields = ["title", "course__title"]
    list_filter = ["issuer", "requires_approval", "is_active"]
    list_display = [
        "course",
        "title",
        "issuer",
        "requires_approval",
        "validity_months",
        "is_active",
    ]

    def get_queryset(self, request):
        return CourseCertificate.objects.select_related("course", "issuer")

    @cached_property
    def edit_handler(self):
        panels = [
            PageChooserPanel("course", page_type="courses.CoursePage"),
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("title")]),
            FieldRowPanel(
                [FieldPanel("requires_approval"), FieldPanel("validity_months")]
            ),
            FieldPanel("is_active"),
            FieldPanel("template"),
        ]
        return ObjectList(panels, base_form_class=CourseCertificateForm)


def viewsets():
    return [
        IssuerViewSet("certificate_issuers"),
        CourseCertificateViewSet("course_certificates"),
    ]
