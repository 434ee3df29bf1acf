"""SCORM 2004 packages played through the sequencer."""

import pytest

from lms.progress import api as progress
from lms.scorm import api
from lms.scorm.data import AttemptStatus
from lms.scorm.models import Attempt

from .conftest import ITEM_KEY, make_ticket
from .packages import import_fixture

pytestmark = pytest.mark.django_db


def commit(ticket, delivery, values, sequence=1, **extra):
    payload = {"values": values, "launch": delivery.launch_id, "sequence": sequence}
    payload.update(extra)
    return api.commit(ticket=ticket, sco=delivery.sco, payload=payload)


def ticket_for(name, learner, course):
    return make_ticket(learner, course, import_fixture(name))


def test_a_single_sco_2004_package_completes_the_item(learner, course):
    ticket = ticket_for("RuntimeBasicCalls_SCORM20043rdEdition.zip", learner, course)
    delivery = api.deliver(ticket=ticket, request="resumeAll")
    assert delivery.values["cmi.entry"] == "ab-initio"
    result = commit(
        ticket,
        delivery,
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.score.scaled": "0.9",
            "cmi.session_time": "PT3M",
        },
        terminate=True,
    )
    assert result.completed_now
    assert ITEM_KEY in progress.completed_item_keys(user=learner, course_id=course.pk)
    attempt = Attempt.objects.get()
    assert (attempt.completion_status, attempt.success_status) == (
        "completed",
        "passed",
    )
    assert attempt.score_scaled == pytest.approx(0.9)


def test_forced_order_refuses_a_part_ahead_and_opens_it_when_earned(learner, course):
    ticket = ticket_for(
        "SequencingForcedSequential_SCORM20043rdEdition.zip", learner, course
    )
    first = api.deliver(ticket=ticket, request="resumeAll")
    leaves = [entry for entry in first.toc if entry.leaf]
    assert [entry.enabled for entry in leaves][:3] == [True, False, False]
    refused = api.deliver(ticket=ticket, request="choice", target=leaves[2].id)
    assert refused.sco is None and refused.message
    commit(
        ticket,
        first,
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "adl.nav.request": "continue",
        },
        terminate=True,
    )
    second = api.deliver(ticket=ticket, request="continue")
    assert second.sco == leaves[1].id
    assert next(e for e in second.toc if e.id == leaves[0].id).completed


def test_the_players_next_button_uses_choice_where_flow_is_off(learner, course):
    ticket = ticket_for("RuntimeBasicCalls_SCORM20043rdEdition.zip", learner, course)
    first = api.deliver(ticket=ticket, request="resumeAll")
    ended = api.deliver(ticket=ticket, request="continue")
    assert first.sco and ended.sco is None


def test_exit_all_ends_the_attempt_and_the_next_launch_starts_another(learner, course):
    ticket = ticket_for("RuntimeBasicCalls_SCORM20043rdEdition.zip", learner, course)
    first = api.deliver(ticket=ticket, request="resumeAll")
    commit(ticket, first, {"cmi.completion_status": "completed"}, terminate=True)
    done = api.deliver(ticket=ticket, request="exitAll")
    assert done.sco is None and done.ended
    assert Attempt.objects.get().status == AttemptStatus.ENDED
    again = api.deliver(ticket=ticket, request="resumeAll")
    assert again.sco == first.sco
    assert Attempt.objects.filter(status=AttemptStatus.ACTIVE).get().number == 2


def test_a_suspended_2004_session_resumes(learner, course):
    ticket = ticket_for("RuntimeBasicCalls_SCORM20043rdEdition.zip", learner, course)
    first = api.deliver(ticket=ticket, request="resumeAll")
    commit(
        ticket,
        first,
        {"cmi.exit": "suspend", "cmi.location": "7", "cmi.suspend_data": "abc"},
        terminate=True,
    )
    api.deliver(ticket=ticket, request="suspendAll")
    again = api.deliver(ticket=ticket, request="resumeAll")
    assert again.values["cmi.entry"] == "resume"
    assert again.values["cmi.location"] == "7"


def test_remediation_retries_the_content_and_keeps_earlier_tries(learner, course):
    ticket = ticket_for(
        "SequencingSimpleRemediation_SCORM20043rdEdition.zip", learner, course
    )
    delivery = api.deliver(ticket=ticket, request="resumeAll")
    seen = []
    for _ in range(12):
        seen.append(delivery.sco)
        failing = delivery.sco.startswith("test")
        values = {"cmi.completion_status": "completed"}
        if failing:
            values.update({"cmi.success_status": "failed", "cmi.score.scaled": "0.2"})
        commit(ticket, delivery, values, terminate=True)
        delivery = api.deliver(ticket=ticket, request="continue")
        if delivery.sco is None:
            break
    assert seen.count("playing_item") >= 2  # the wrapper was retried
    assert Attempt.objects.get().scos.get(sco="test_1").history
