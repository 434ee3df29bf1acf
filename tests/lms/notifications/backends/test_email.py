"""EmailBackend: who it writes to, what the email says, and a refused send."""

import pytest
from django.core import mail

from lms.notifications.backends import DeliveryFailed
from lms.notifications.backends.email import EmailBackend
from lms.notifications.models import Notification
from tests.factories import UserFactory


def notification(**fields):
    defaults = {
        "key": "k",
        "channel": "email",
        "subject": "Nhắc lịch học",
        "body": "Buổi học bắt đầu lúc 8 giờ.\n",
        "url": "http://testserver/lop-hoc/1/",
    }
    return Notification(**{**defaults, **fields})


@pytest.mark.django_db
def test_the_address_is_the_users_email_or_nothing():
    backend = EmailBackend()
    assert backend.address_of(UserFactory(username="a", email="a@example.vn")) == (
        "a@example.vn"
    )
    assert backend.address_of(UserFactory(username="b", email="")) == ""


def test_the_email_comes_from_the_site_with_the_link_on_its_own_line(settings):
    settings.DEFAULT_FROM_EMAIL = "Học viện <no-reply@hocvien.vn>"
    EmailBackend().send(notification(), "a@example.vn")
    (sent,) = mail.outbox
    assert (sent.from_email, sent.to, sent.subject) == (
        "Học viện <no-reply@hocvien.vn>",
        ["a@example.vn"],
        "Nhắc lịch học",
    )
    assert sent.body == "Buổi học bắt đầu lúc 8 giờ.\n\nhttp://testserver/lop-hoc/1/\n"


def test_an_email_without_a_link_is_the_body_alone():
    EmailBackend().send(notification(url=""), "a@example.vn")
    assert mail.outbox[0].body == "Buổi học bắt đầu lúc 8 giờ.\n"


def test_a_subject_on_several_lines_is_sent_on_one():
    EmailBackend().send(notification(subject="Nhắc\nlịch  học"), "a@example.vn")
    assert mail.outbox[0].subject == "Nhắc lịch học"


def test_a_mail_server_that_cannot_be_reached_raises_delivery_failed(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    with pytest.raises(DeliveryFailed) as failure:
        EmailBackend().send(notification(), "a@example.vn")
    assert failure.value.reason


def test_the_mail_server_is_given_a_timeout_when_the_site_sets_none(settings):
    settings.EMAIL_TIMEOUT = None
    assert EmailBackend().timeout() == 30
    settings.EMAIL_TIMEOUT = 7
    assert EmailBackend().timeout() == 7
