import datetime
import math
import uuid

import pytest
from django.utils import timezone

from lms.h5p import xapi

pytestmark = pytest.mark.usefixtures("english")

IRI = "http://testserver/h5p/activities/7"


def raw(**changes):
    data = {
        "verb": {"id": xapi.VERB_ANSWERED},
        "object": {"id": IRI},
        "result": {"score": {"min": 0, "max": 4, "raw": 3, "scaled": 0.75}},
    }
    data.update(changes)
    return data


def score(**values):
    return {"score": values}


def test_a_scored_answer_of_the_whole_activity():
    checked = xapi.check(raw(id=str(uuid.UUID(int=5))), IRI)
    assert checked.top_level and checked.scored_end
    assert checked.score_scaled == 0.75
    assert checked.id == uuid.UUID(int=5)


def test_parts_of_a_container_are_kept_but_are_not_the_whole():
    part = xapi.check(raw(object={"id": IRI + "?subContentId=abc"}), IRI)
    assert not part.top_level and not part.scored_end
    child_context = {"contextActivities": {"parent": [{"id": IRI}]}}
    assert not xapi.check(raw(context=child_context), IRI).top_level


@pytest.mark.parametrize(
    "object_id",
    [
        "http://testserver/h5p/activities/8",
        IRI + "x",
        "http://evil.example/h5p/activities/7",
        "",
    ],
)
def test_a_statement_about_another_activity_is_refused(object_id):
    with pytest.raises(xapi.StatementRefused, match="another activity|no valid"):
        xapi.check(raw(object={"id": object_id}), IRI)


@pytest.mark.parametrize(
    "result",
    [
        score(min=0, max=4, raw=5),
        score(min=0, max=4, raw=-1),
        score(min=5, max=4, raw=4),
        score(scaled=1.5),
        score(scaled=-2),
        score(raw=-3, max=4),
        score(raw=math.inf, max=4),
        score(raw=math.nan, max=4),
        score(raw="10", max=10),
        score(raw=True, max=1),
    ],
)
def test_scores_out_of_their_own_range_are_refused(result):
    with pytest.raises(xapi.StatementRefused):
        xapi.check(raw(result=result), IRI)


def test_the_scaled_score_is_computed_here_from_raw_and_max():
    checked = xapi.check(raw(result=score(min=0, max=3, raw=2, scaled=1)), IRI)
    assert checked.score_scaled == round(2 / 3, 4)


def test_an_unscored_statement_has_no_scaled_score():
    checked = xapi.check(
        raw(verb={"id": "http://adlnet.gov/expapi/verbs/interacted"}, result=None), IRI
    )
    assert checked.score_scaled is None and not checked.scored_end


@pytest.mark.parametrize("bad", [None, "", "not a uuid", 12])
def test_a_statement_without_a_valid_id_gets_one(bad):
    assert isinstance(xapi.check(raw(id=bad), IRI).id, uuid.UUID)


def test_a_device_clock_in_the_future_is_brought_back_to_now():
    checked = xapi.check(raw(timestamp="2999-01-01T00:00:00Z"), IRI)
    assert checked.timestamp <= timezone.now()
    past = xapi.check(raw(timestamp="2026-11-01T08:00:00+07:00"), IRI)
    assert past.timestamp == datetime.datetime(2026, 11, 1, 1, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "statement",
    [[], "text", {"verb": {}, "object": {"id": IRI}}, raw(result=[1])],
)
def test_malformed_statements_are_refused(statement):
    with pytest.raises(xapi.StatementRefused):
        xapi.check(statement, IRI)


def test_a_huge_statement_is_refused():
    with pytest.raises(xapi.StatementRefused, match="too large"):
        xapi.check(raw(extra="x" * 70_000), IRI)
