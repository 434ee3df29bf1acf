"""The SCORM 1.2 run-time data model (CMI), as far as a SCO writes it."""

from .model import (
    MAX_CORRECT_RESPONSES,
    MAX_INTERACTION_OBJECTIVES,
    MAX_INTERACTIONS,
    MAX_OBJECTIVES,
    SUSPEND_DATA_LIMIT_12,
    Codes,
    DataModel,
)
from .responses import response_12
from .types import (
    characters,
    identifier_12,
    integer,
    real,
    time_of_day_12,
    timespan_12,
    vocabulary,
    vocabulary_or_real,
)

# "not attempted" is the LMS's starting value; a SCO may not set it.
LESSON_STATUSES = ("passed", "completed", "failed", "incomplete", "browsed")
INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
)
SCORE = real(0, 100, blank=True)

CORE = {
    "cmi.core.lesson_location": characters(255),
    "cmi.core.lesson_status": vocabulary(*LESSON_STATUSES),
    "cmi.core.score.raw": SCORE,
    "cmi.core.score.min": SCORE,
    "cmi.core.score.max": SCORE,
    "cmi.core.exit": vocabulary("time-out", "suspend", "logout", ""),
    "cmi.core.session_time": timespan_12,
    "cmi.suspend_data": characters(SUSPEND_DATA_LIMIT_12),
    "cmi.comments": characters(4096),
}
PREFERENCES = {
    "cmi.student_preference.audio": integer(-1, 100),
    "cmi.student_preference.language": characters(255),
    "cmi.student_preference.speed": integer(-100, 100),
    "cmi.student_preference.text": integer(-1, 1),
}
OBJECTIVES = {
    "cmi.objectives.n.id": identifier_12,
    "cmi.objectives.n.score.raw": SCORE,
    "cmi.objectives.n.score.min": SCORE,
    "cmi.objectives.n.score.max": SCORE,
    "cmi.objectives.n.status": vocabulary(*LESSON_STATUSES, "not attempted"),
}
INTERACTIONS = {
    "cmi.interactions.n.id": identifier_12,
    "cmi.interactions.n.objectives.n.id": identifier_12,
    "cmi.interactions.n.time": time_of_day_12,
    "cmi.interactions.n.type": vocabulary(*INTERACTION_TYPES),
    "cmi.interactions.n.weighting": real(),
    "cmi.interactions.n.result": vocabulary_or_real(
        "correct", "wrong", "unanticipated", "neutral"
    ),
    "cmi.interactions.n.latency": timespan_12,
}

MODEL = DataModel(
    version="1.2",
    codes=Codes(unknown=401, index=201, type=405, range=405),
    elements=CORE | PREFERENCES | OBJECTIVES | INTERACTIONS,
    typed={
        "cmi.interactions.n.student_response": response_12,
        "cmi.interactions.n.correct_responses.n.pattern": response_12,
    },
    arrays={
        "cmi.objectives": MAX_OBJECTIVES,
        "cmi.interactions": MAX_INTERACTIONS,
        "cmi.interactions.n.objectives": MAX_INTERACTION_OBJECTIVES,
        "cmi.interactions.n.correct_responses": MAX_CORRECT_RESPONSES,
    },
    read_only=frozenset(
        {
            "cmi.core.student_id",
            "cmi.core.student_name",
            "cmi.core.credit",
            "cmi.core.entry",
            "cmi.core.total_time",
            "cmi.core.lesson_mode",
            "cmi.launch_data",
            "cmi.comments_from_lms",
        }
    ),
    read_only_prefixes=("cmi.student_data.",),
    starting_values={"cmi.core.lesson_status": "not attempted"},
)
