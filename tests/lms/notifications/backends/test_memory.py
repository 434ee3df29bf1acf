"""MemoryBackend: the outbox and its fallback address."""

import pytest

from lms.notifications.backends.memory import Delivered, MemoryBackend
from lms.notifications.models import Notification
from tests.factories import UserFactory


@pytest.mark.django_db
def test_the_address_is_the_email_else_the_username():
    backend = MemoryBackend()
    assert backend.address_of(UserFactory(username="a", email="a@example.vn")) == (
        "a@example.vn"
    )
    assert backend.address_of(UserFactory(username="0912345678", email="")) == (
        "0912345678"
    )


def test_sent_messages_are_kept_in_the_outbox(outbox):
    sent = Notification(key="k", subject="Chào", body="Nội dung", url="")
    MemoryBackend().send(sent, "0912345678")
    assert outbox == [
        Delivered(
            address="0912345678", subject="Chào", body="Nội dung", url="", key="k"
        )
    ]
