"""Public use cases of lms.progress: the one completion channel.

Every source of progress (video watching, SCORM, H5P, attendance, exams)
ends in ``submit_completion``; it is idempotent (an item completes once)
and race-safe (unique rows, row locks), and it announces ``item_completed``
and ``course_completed`` after the commit. Refusals raise ProgressError.

Other apps import this module only. The work is done in ``items`` (a
course's items and completion rule), ``enrolment``, ``completion`` (the
channel and the evaluation of the course's policy) and ``watching`` (video
reports and their tokens).
"""

from .completion import (
    attendance_summary,
    completed_item_keys,
    course_progress,
    refresh_course_progress,
    refresh_course_progress_later,
    refresh_progress,
    requirements,
    sessions_needed,
    submit_completion,
    undo_completion,
)
from .enrolment import (
    ENROL_BATCH_SIZE,
    completed_courses,
    course_enrolments,
    enrol,
    enrol_many,
    enrolment_counts,
    enrolments_of,
    is_enrolled,
    set_cohort,
    withdraw,
)
from .errors import (
    ProgressError,
)
from .items import (
    RULE_LIMITS,
    item_keys,
    set_completion_rule,
    sync_course_items,
)
from .watching import (
    DEFAULT_VIDEO_THRESHOLD,
    MAX_PLAYBACK_RATE,
    MAX_SEGMENTS_PER_REPORT,
    SLACK_SECONDS,
    TOKEN_MAX_AGE,
    TOKEN_SALT,
    ReportTicket,
    read_report_token,
    record_watch,
    report_token,
    resume_position,
    seconds_between,
    watched_share,
)

__all__ = [
    "ProgressError",
    "RULE_LIMITS",
    "item_keys",
    "set_completion_rule",
    "sync_course_items",
    "ENROL_BATCH_SIZE",
    "completed_courses",
    "course_enrolments",
    "enrol",
    "enrol_many",
    "enrolment_counts",
    "enrolments_of",
    "is_enrolled",
    "set_cohort",
    "withdraw",
    "attendance_summary",
    "completed_item_keys",
    "course_progress",
    "refresh_course_progress",
    "refresh_course_progress_later",
    "refresh_progress",
    "requirements",
    "sessions_needed",
    "submit_completion",
    "undo_completion",
    "DEFAULT_VIDEO_THRESHOLD",
    "MAX_PLAYBACK_RATE",
    "MAX_SEGMENTS_PER_REPORT",
    "SLACK_SECONDS",
    "TOKEN_MAX_AGE",
    "TOKEN_SALT",
    "read_report_token",
    "record_watch",
    "report_token",
    "ReportTicket",
    "resume_position",
    "seconds_between",
    "watched_share",
]
