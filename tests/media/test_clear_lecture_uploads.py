import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from media.models import LectureUpload
from media.uploads import partial, service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_command_removes_expired_uploads(english):
    user = UserFactory()
    old = service.create(user=user, length=10, metadata={})
    kept = service.create(user=user, length=10, metadata={})
    LectureUpload.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=8)
    )
    out = io.StringIO()
    call_command("clear_lecture_uploads", stdout=out)
    assert "Removed 1 unfinished upload." in out.getvalue()
    assert not partial.path_for(old.pk).exists()
    assert list(LectureUpload.objects.all()) == [kept]
