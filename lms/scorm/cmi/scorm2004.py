"""The SCORM 2004 4th edition run-time data model, as far as a SCO writes
it, with the ADL extensions (shared data buckets, navigation requests)."""

from .model import (
    MAX_CORRECT_RESPONSES,
    MAX_INTERACTION_OBJECTIVES,
    MAX_INTERACTIONS,
    MAX_LEARNER_COMMENTS,
    MAX_OBJECTIVES,
    MAX_SHARED_DATA,
    SHARED_DATA_LIMIT,
    SUSPEND_DATA_LIMIT_2004,
    Codes,
    DataModel,
)
from .responses import pattern_2004, response_2004
from .types import (
    characters,
    integer,
    iso_duration,
    language,
    localized,
    long_identifier,
    navigation_request,
    real,
    timestamp,
    vocabulary,
    vocabulary_or_real,
)

COMPLETION_STATUSES = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS_STATUSES = ("passed", "failed", "unknown")
INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "likert",
    "matching",
    "performance",
    "sequencing",
    "numeric",
    "other",
)


def scores(prefix: str) -> dict:
    return {
        f"{prefix}.score.scaled": real(-1, 1),
        f"{prefix}.score.raw": real(),
        f"{prefix}.score.min": real(),
        f"{prefix}.score.max": real(),
        f"{prefix}.success_status": vocabulary(*SUCCESS_STATUSES),
        f"{prefix}.completion_status": vocabulary(*COMPLETION_STATUSES),
        f"{prefix}.progress_measure": real(0, 1),
    }


ATTEMPT = scores("cmi") | {
    "cmi.location": characters(1000),
    "cmi.exit": vocabulary("timeout", "suspend", "logout", "normal", ""),
    "cmi.session_time": iso_duration,
    "cmi.suspend_data": characters(SUSPEND_DATA_LIMIT_2004),
}
COMMENTS = {
    "cmi.comments_from_learner.n.comment": localized(4000),
    "cmi.comments_from_learner.n.location": characters(250),
    "cmi.comments_from_learner.n.timestamp": timestamp,
}
PREFERENCES = {
    "cmi.learner_preference.audio_level": real(0),
    "cmi.learner_preference.language": language,
    "cmi.learner_preference.delivery_speed": real(0),
    "cmi.learner_preference.audio_captioning": integer(-1, 1),
}
OBJECTIVES = scores("cmi.objectives.n") | {
    "cmi.objectives.n.id": long_identifier,
    "cmi.objectives.n.description": localized(250),
}
INTERACTIONS = {
    "cmi.interactions.n.id": long_identifier,
    "cmi.interactions.n.type": vocabulary(*INTERACTION_TYPES),
    "cmi.interactions.n.objectives.n.id": long_identifier,
    "cmi.interactions.n.timestamp": timestamp,
    "cmi.interactions.n.weighting": real(),
    "cmi.interactions.n.result": vocabulary_or_real(
        "correct", "incorrect", "unanticipated", "neutral"
    ),
    "cmi.interactions.n.latency": iso_duration,
    "cmi.interactions.n.description": localized(250),
}
ADL = {
    "adl.data.n.store": characters(SHARED_DATA_LIMIT),
    "adl.nav.request": navigation_request,
}


MODEL = DataModel(
    version="2004",
    codes=Codes(unknown=401, index=351, type=406, range=407, dependency=408),
    elements=ATTEMPT | COMMENTS | PREFERENCES | OBJECTIVES | INTERACTIONS | ADL,
    typed={
        "cmi.interactions.n.learner_response": response_2004,
        "cmi.interactions.n.correct_responses.n.pattern": pattern_2004,
    },
    arrays={
        "cmi.comments_from_learner": MAX_LEARNER_COMMENTS,
        "cmi.objectives": MAX_OBJECTIVES,
        "cmi.interactions": MAX_INTERACTIONS,
        "cmi.interactions.n.objectives": MAX_INTERACTION_OBJECTIVES,
        "cmi.interactions.n.correct_responses": MAX_CORRECT_RESPONSES,
        "adl.data": MAX_SHARED_DATA,
    },
    read_only=frozenset(
        {
            "cmi.learner_id",
            "cmi.learner_name",
            "cmi.mode",
            "cmi.credit",
            "cmi.entry",
            "cmi.total_time",
            "cmi.launch_data",
            "cmi.completion_threshold",
            "cmi.scaled_passing_score",
            "cmi.max_time_allowed",
            "cmi.time_limit_action",
            "adl.data.n.id",
        }
    ),
    read_only_prefixes=("cmi.comments_from_lms.", "adl.nav.request_valid."),
    anchors={"cmi.interactions": "id", "cmi.objectives": "id"},
    unordered=frozenset({"adl.data"}),
)
