"""What the admin reports read: whose attempts a user may see, and the flat
CMI data of a SCO turned into rows (interactions question by question,
objectives). Queries only read; the row builders are pure functions."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lms.org import api as org

from . import cmi
from .api import manifest_of
from .models import Attempt

RESULTS_PERMISSION = "scorm.view_scorm_results"

COMPLETION_LABELS = {
    "completed": _("Completed"),
    "incomplete": _("Incomplete"),
    "not attempted": _("Not attempted"),
    "unknown": _("Unknown"),
}
SUCCESS_LABELS = {"passed": _("Passed"), "failed": _("Not passed")}
RESULT_LABELS = {
    "correct": _("Correct"),
    "wrong": _("Incorrect"),  # SCORM 1.2's word for it
    "incorrect": _("Incorrect"),
    "unanticipated": _("Unanticipated"),
    "neutral": _("Neutral"),
}
TYPE_LABELS = {
    "true-false": _("True/false"),
    "choice": _("Multiple choice"),
    "fill-in": _("Fill in"),
    "long-fill-in": _("Long fill in"),
    "likert": _("Likert scale"),
    "matching": _("Matching"),
    "performance": _("Performance"),
    "sequencing": _("Sequencing"),
    "numeric": _("Numeric"),
    "other": _("Other"),
}


# ------------------------------------------------------------ queries


def may_see_results(user) -> bool:
    """Superusers and holders of scorm.view_scorm_results (active ones)."""
    return user.is_authenticated and user.has_perm(RESULTS_PERMISSION)


def attempts_visible_to(user):
    """Every attempt for a superuser; for others with the results permission
    the attempts of people in the units they manage; none otherwise."""
    if not may_see_results(user):
        return Attempt.objects.none()
    if user.is_superuser:
        return Attempt.objects.all()
    people = org.people_visible_to(user).filter(user__isnull=False)
    return Attempt.objects.filter(user__in=people.values("user"))


def package_attempts(user, package):
    """The attempts at ``package`` that ``user`` may see, ready to list."""
    return (
        attempts_visible_to(user)
        .filter(package=package)
        .select_related("user", "course", "version")
        .defer("version__manifest")
        .order_by("-updated_at", "-pk")
    )


def sco_reports(attempt: Attempt) -> list["ScoReport"]:
    """One report per SCO the learner opened, in the package's order."""
    manifest = manifest_of(attempt.version)
    order = {a.identifier: n for n, a in enumerate(manifest.organization.walk())}
    rows = sorted(attempt.scos.all(), key=lambda row: order.get(row.sco, len(order)))
    return [sco_report(row, _title(manifest, row.sco)) for row in rows]


def _title(manifest, identifier: str) -> str:
    activity = manifest.activity(identifier)
    return activity.title if activity else identifier


# ------------------------------------------------------------ rows


@dataclass(frozen=True)
class InteractionRow:
    index: int
    id: str
    type: str
    learner_response: str
    correct_responses: tuple[str, ...]
    result: str
    latency: str  # h:mm:ss, or as stored when it is no duration
    time: str  # 1.2 time of day, 2004 timestamp
    description: str
    weighting: str
    objectives: tuple[str, ...]

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS.get(self.type, self.type))

    @property
    def result_label(self) -> str:
        return str(RESULT_LABELS.get(self.result, self.result))


@dataclass(frozen=True)
class ObjectiveRow:
    index: int
    id: str
    status: str  # translated completion and success
    score: str
    description: str


@dataclass(frozen=True)
class ScoReport:
    identifier: str
    title: str
    status: str
    score: str
    time: str
    location: str
    suspend_data_length: int
    finished: bool
    interactions: list[InteractionRow]
    objectives: list[ObjectiveRow]
    earlier: tuple["ScoReport", ...] = ()  # tries the sequencing rules reset


def sco_report(row, title: str) -> ScoReport:
    """The report of one ScoData row (any object with its fields), with the
    tries kept in its ``history``."""
    earlier = tuple(
        _report(
            row.sco,
            title,
            entry.get("cmi", {}),
            status=status_label(
                entry.get("completion_status"), entry.get("success_status")
            ),
            score=entry.get("score_scaled"),
            seconds=entry.get("seconds", 0),
            finished=True,
        )
        for entry in getattr(row, "history", None) or ()
    )
    return _report(
        row.sco,
        title,
        row.cmi,
        status=status_label(row.completion_status, row.success_status),
        score=row.score_scaled,
        seconds=row.total_seconds + row.session_seconds,
        finished=row.finished,
        earlier=earlier,
    )


def _report(identifier, title, data, *, status, score, seconds, finished, earlier=()):
    return ScoReport(
        identifier=identifier,
        title=title,
        status=status,
        score=percent(score),
        time=clock(seconds),
        location=data.get("cmi.location", data.get("cmi.core.lesson_location", "")),
        suspend_data_length=len(data.get("cmi.suspend_data", "")),
        finished=finished,
        interactions=interactions(data),
        objectives=objectives(data),
        earlier=earlier,
    )


def entries(data: dict, array: str) -> dict[int, dict[str, str]]:
    """The fields of each ``<array>.N.<field>`` key, by N in order:
    ``entries(d, "cmi.interactions")[0]["id"]``."""
    pattern = re.compile(rf"^{re.escape(array)}\.(\d+)\.(.+)$")
    found: dict[int, dict[str, str]] = {}
    for key, value in data.items():
        if match := pattern.match(key):
            found.setdefault(int(match[1]), {})[match[2]] = value
    return dict(sorted(found.items()))


def numbered(fields: dict, array: str, name: str) -> tuple[str, ...]:
    """``correct_responses.N.pattern`` values in the order of N."""
    return tuple(entry.get(name, "") for entry in entries(fields, array).values())


def interactions(data: dict) -> list[InteractionRow]:
    """The interactions of a SCO's flat CMI data (SCORM 1.2 or 2004)."""
    return [
        interaction(index, fields)
        for index, fields in entries(data, "cmi.interactions").items()
    ]


def interaction(index: int, fields: dict) -> InteractionRow:
    response = fields.get("learner_response", fields.get("student_response", ""))
    return InteractionRow(
        index=index,
        id=fields.get("id", ""),
        type=fields.get("type", ""),
        learner_response=response,
        correct_responses=numbered(fields, "correct_responses", "pattern"),
        result=fields.get("result", ""),
        latency=duration(fields.get("latency", "")),
        time=fields.get("timestamp", fields.get("time", "")),
        description=fields.get("description", ""),
        weighting=fields.get("weighting", ""),
        objectives=numbered(fields, "objectives", "id"),
    )


def objectives(data: dict) -> list[ObjectiveRow]:
    return [
        ObjectiveRow(
            index=index,
            id=fields.get("id", ""),
            status=status_label(
                fields.get("completion_status", fields.get("status", "")),
                fields.get("success_status", fields.get("status", "")),
            ),
            score=score_text(fields),
            description=fields.get("description", ""),
        )
        for index, fields in entries(data, "cmi.objectives").items()
    ]


def score_text(fields: dict) -> str:
    """ "80%" from a scaled score, else "8 / 10" or "8" from the raw one."""
    if fields.get("score.scaled", "") != "":
        return percent(_number(fields["score.scaled"]))
    raw, most = fields.get("score.raw", ""), fields.get("score.max", "")
    return f"{raw} / {most}" if raw != "" and most != "" else raw


def _number(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------ formats


def status_label(completion: str | None, success: str | None) -> str:
    """ "Completed, Passed"; the 1.2 "passed" as completion reads "Completed"."""
    if completion in ("passed", "failed", "browsed"):
        completion = "completed"
    parts = [COMPLETION_LABELS.get(completion, completion)]
    if success in SUCCESS_LABELS:
        parts.append(SUCCESS_LABELS[success])
    return ", ".join(str(part) for part in parts if part)


def percent(score_scaled: float | None) -> str:
    return "" if score_scaled is None else f"{round(score_scaled * 100)}%"


def clock(seconds: float | None) -> str:
    """1:02:03 for a time spent."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def duration(text: str) -> str:
    """h:mm:ss of a 1.2 time span or a 2004 ISO duration, else the text."""
    for parse in (cmi.timespan_12_seconds, cmi.iso_duration_seconds):
        try:
            return clock(parse(text))
        except ValueError:
            continue
    return text
