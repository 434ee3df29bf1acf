"""One learner's overlapping commits (a browser has up to six requests in
flight; a retry can overtake the request it repeats)."""

import random
import threading

import pytest
from django.db import connection

from lms.scorm import api
from lms.scorm.models import ScoData

from .conftest import make_ticket
from .packages import import_fixture


def values(sequence: int) -> dict:
    return {
        "cmi.core.lesson_location": f"page-{sequence}",
        "cmi.suspend_data": f"state-{sequence}-" + "x" * 1024,
        "cmi.core.score.raw": str(sequence),
    }


@pytest.mark.django_db(transaction=True)
def test_overlapping_commits_keep_the_newest_values(learner, course):
    ticket = make_ticket(
        learner, course, import_fixture("RuntimeBasicCalls_SCORM12.zip")
    )
    delivery = api.deliver(ticket=ticket)
    sequences = list(range(1, 13))
    random.Random(4).shuffle(sequences)  # arrival order differs from send order
    barrier = threading.Barrier(6)
    errors = []

    def send(batch):
        try:
            barrier.wait()
            for sequence in batch:
                payload = {
                    "values": values(sequence),
                    "launch": delivery.launch_id,
                    "sequence": sequence,
                }
                api.commit(ticket=ticket, sco=delivery.sco, payload=payload)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(sequences[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    stored = ScoData.objects.get(sco=delivery.sco)
    assert stored.sequence == 12
    assert {k: stored.cmi[k] for k in values(12)} == values(12)
