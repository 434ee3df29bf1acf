"""The notifications lms.training sends, written in the site's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lms.notifications.api import notify
from lms.notifications.data import Message


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _stamp(moment) -> int:
    return int(moment.timestamp()) if moment else 0


def _send(users, key, kind, subject, body, url):
    message = Message(subject=str(subject), body=str(body), url=url)
    notify(users=users, message=message, key=key, kind=kind)


def application_received(member, approvers):
    applied_at = member.decided_at or member.created_at
    with translation.override(settings.LANGUAGE_CODE):
        name = member.user.get_full_name() or member.user.get_username()
        _send(
            approvers,
            f"class-application:{member.pk}:{_stamp(applied_at)}",
            "class_application",
            _("%(name)s applied for the class %(class)s")
            % {"name": name, "class": member.training_class},
            _("Please approve or decline the application in the administration."),
            absolute(reverse("training_admin:applications")),
        )


def place_decided(member):
    from .data import MemberStatus

    with translation.override(settings.LANGUAGE_CODE):
        subjects = {
            MemberStatus.ENROLLED: _("You have a place in the class %(class)s"),
            MemberStatus.WAITLISTED: _(
                "You are on the waiting list of the class %(class)s"
            ),
            MemberStatus.REJECTED: _(
                "Your application for the class %(class)s was not approved"
            ),
        }
        subject = subjects[member.status] % {"class": member.training_class}
        body = member.note if member.status == MemberStatus.REJECTED else ""
        _send(
            [member.user],
            f"class-place:{member.pk}:{member.status}:{_stamp(member.decided_at)}",
            "class_place",
            subject,
            body or subject,
            absolute(
                reverse("training:class_detail", args=[member.training_class.code])
            ),
        )
