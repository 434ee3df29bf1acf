from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import api
from .forms import PhoneOrEmailLoginForm


class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    authentication_form = PhoneOrEmailLoginForm
    redirect_authenticated_user = True


@login_required
def my_profile(request):
    person = api.person_for_user(request.user)
    return render(request, "org/my_profile.html", {"person": person})
