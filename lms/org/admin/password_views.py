"""A manager gives a cadre a temporary password (cadres have no email to
reset one themselves). The password is shown once and never stored in clear."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .. import api
from ..scoping import may_set_password, person_permission_policy


class TemporaryPasswordView(WagtailAdminTemplateMixin, View):
    template_name = "org/admin/temporary_password.html"
    page_title = _("Temporary password")
    header_icon = "key"
    edit_url_name = None

    def dispatch(self, request, pk):
        people = person_permission_policy.instances_user_has_permission_for(
            request.user, "change"
        )
        self.person = get_object_or_404(people, pk=unquote(str(pk)))
        if not may_set_password(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render(password=None)

    def post(self, request, pk):
        if "confirm" not in request.POST:
            return redirect(self.edit_url)
        password = api.set_temporary_password(person=self.person)
        log(instance=self.person, action="org.temporary_password", user=request.user)
        return self.render(password=password)

    @property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.person.pk])

    def get_page_subtitle(self):
        return str(self.person)

    def render(self, *, password):
        context = self.get_context_data(
            person=self.person, password=password, edit_url=self.edit_url
        )
        return TemplateResponse(self.request, self.template_name, context)
