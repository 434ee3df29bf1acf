"""Log in with a phone number or an email address (cadres often have only a phone)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import Person
from .phones import InvalidPhoneNumber, normalize_phone


def find_user(identifier: str):
    identifier = (identifier or "").strip()
    people = Person.objects.filter(user__isnull=False).select_related("user")
    if "@" in identifier:
        person = people.filter(email__iexact=identifier).first()
        if person:
            return person.user
        return get_user_model().objects.filter(email__iexact=identifier).first()
    try:
        phone = normalize_phone(identifier)
    except InvalidPhoneNumber:
        return None
    person = people.filter(phone=phone).first()
    return person.user if person else None


class PhoneOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user(username)
        if user is None:
            # Hash anyway so that an unknown number takes as long as a known one.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
