"""One learner's overlapping requests: the player retries a batch whose
answer it did not see, and a beacon can arrive beside the fetch it repeats."""

import uuid

import pytest

from lms.h5p import api
from lms.h5p.models import Result, Statement
from lms.progress.models import ItemCompletion
from tests.threads import at_once

from .conftest import make_ticket, statement


def in_parallel(count, work):
    _results, errors = at_once(count, work)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_overlapping_requests_store_each_statement_once_and_count_each_answer(
    learner, course, multichoice
):
    """One test, as each transactional test costs a flush of the database."""
    ticket = make_ticket(learner, course, multichoice)
    batch = [
        statement(multichoice, "interacted", id=str(uuid.uuid4())),
        statement(multichoice, raw=1, max_score=3, id=str(uuid.uuid4())),
    ]
    in_parallel(6, lambda _n: api.record_statements(ticket, batch))  # retries
    assert Statement.objects.count() == 2
    assert Result.objects.get().attempts == 1

    def answer(number):
        raw = 3 if number == 0 else 1
        api.record_statements(ticket, [statement(multichoice, raw=raw, max_score=3)])

    in_parallel(6, answer)  # six different answers
    assert Statement.objects.count() == 8
    result = Result.objects.get()
    assert (result.attempts, result.best_scaled, result.passed) == (7, 1.0, True)
    assert ItemCompletion.objects.filter(user=learner).count() == 1
