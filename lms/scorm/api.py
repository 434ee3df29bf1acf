"""Public use cases of lms.scorm. Other apps import this module and
``data`` (plus the block that lesson pages compose).

- ``import_package``: a zip becomes a package (or a new version of one).
- ``launch_url``: the signed player link a lesson page frames.
- ``deliver``: which part of the package to play now, with the CMI data
  the browser's API starts from.
- ``commit``: store what the browser's API committed, validated again;
  completion goes to ``lms.progress`` once the author's rule is met.

Refusals raise ScormError (a translated sentence).
"""

import dataclasses
import functools
import re
import secrets
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.packages.isolation import content_url
from lms.progress import api as progress
from lms.progress.api import ProgressError

from . import attempts, cmi
from .data import AttemptStatus, Manifest
from .demo import demo_package as demo_package
from .launch import LaunchRefused, LaunchTicket, launch_token, read_launch_token
from .models import Attempt, Package, PackageVersion, ScoData
from .navigation import navigation_for
from .packages import PackageRejected as PackageRejected
from .packages import import_package as import_package

# Time in the content counts only between commits this close together (the
# player beats every minute while open), so a tab left asleep adds nothing.
MAX_COUNTED_GAP_SECONDS = 90
MAX_COMMIT_VALUES = 5000
INTERACTION_INDEX = re.compile(r"^cmi\.interactions\.(\d+)\.")
SESSION_ELEMENTS = {
    "cmi.core.session_time",
    "cmi.core.exit",
    "cmi.session_time",
    "cmi.exit",
    "adl.nav.request",
}


class ScormError(Exception):
    """A refused request; ``str(error)`` is a translated sentence."""


@dataclass(frozen=True)
class Delivery:
    sco: str | None  # identifier of the part to launch; None: nothing to play
    path: str = ""  # launch path with parameters, inside the package
    storage_prefix: str = ""  # where the version's files are stored
    is_sco: bool = True
    scorm_version: str = ""
    values: dict = field(default_factory=dict)  # CMI values to start from
    launch_id: str = ""
    ended: bool = False
    message: str = ""
    toc: list = field(default_factory=list)  # navigation.TocEntry, outline order


@dataclass(frozen=True)
class CommitResult:
    applied: bool  # False for a late commit a newer one already replaced
    problems: list = field(default_factory=list)  # cmi.CmiProblem
    completed_now: bool = False


def launch_url(
    *, user, course_id: int, item_key: str, package: Package, rule, request
) -> str:
    """The player's URL on the content origin for this learner and activity."""
    ticket = LaunchTicket(
        user_id=user.pk,
        course_id=course_id,
        item_key=item_key,
        package_id=package.pk,
        rule=rule,
        frame_origin=f"{request.scheme}://{request.get_host()}",
        language=getattr(request, "LANGUAGE_CODE", "vi"),
    )
    path = reverse("scorm:player", args=[launch_token(ticket)])
    return content_url(path)


def read_ticket(token: str) -> LaunchTicket:
    try:
        return read_launch_token(token)
    except LaunchRefused as error:
        raise ScormError(str(error)) from None


def manifest_of(version: PackageVersion) -> Manifest:
    """The version's parsed manifest, kept in memory: a version never
    changes once stored (its storage prefix is unique, ids may be reused
    after a database restore)."""
    return _manifest(version.pk, version.storage_prefix)


@functools.lru_cache(maxsize=256)
def _manifest(version_id: int, storage_prefix: str) -> Manifest:
    data = PackageVersion.objects.values_list("manifest", flat=True).get(pk=version_id)
    return Manifest.from_dict(data)


@functools.lru_cache(maxsize=256)
def _navigation(version_id: int, storage_prefix: str):
    return navigation_for(_manifest(version_id, storage_prefix))


def navigation_of(version: PackageVersion):
    """How learners move through the version (kept in memory like its
    manifest; the sequencer holds no learner state)."""
    return _navigation(version.pk, version.storage_prefix)


def _attempts():
    """Attempts with their version, but not its (large) manifest."""
    return Attempt.objects.select_related("version").defer("version__manifest")


def _learner(ticket: LaunchTicket):
    user = get_user_model().objects.filter(pk=ticket.user_id, is_active=True).first()
    if user is None or not progress.is_enrolled(user=user, course=ticket.course_id):
        raise ScormError(_("You are not enrolled in this course."))
    return user


def _latest_attempt(ticket: LaunchTicket, attempts=None) -> Attempt | None:
    """The learner's newest attempt at the ticket's activity."""
    return (
        (attempts or _attempts())
        .filter(
            user_id=ticket.user_id, course_id=ticket.course_id, item_key=ticket.item_key
        )
        .order_by("-number")
        .first()
    )


def current_attempt(ticket: LaunchTicket) -> Attempt | None:
    return _latest_attempt(ticket)


def _open_attempt(ticket: LaunchTicket, user) -> Attempt:
    attempt = current_attempt(ticket)
    if attempt is not None and attempt.status == AttemptStatus.ACTIVE:
        return attempt
    package = Package.objects.select_related("current_version").get(
        pk=ticket.package_id
    )
    if package.current_version is None:
        raise ScormError(_("This package has no version to play."))
    attempt, _created = Attempt.objects.get_or_create(
        user=user,
        course_id=ticket.course_id,
        item_key=ticket.item_key,
        number=attempt.number + 1 if attempt else 1,
        defaults={"package": package, "version": package.current_version},
    )
    return attempt


def deliver(
    *, ticket: LaunchTicket, request: str = "start", target: str = ""
) -> Delivery:
    """The part to play for ``request`` (start, resumeAll, continue,
    previous, choice with ``target``, exit...), with its starting CMI data."""
    user = _learner(ticket)
    with transaction.atomic():
        attempt = _open_attempt(ticket, user)
        attempt = _attempts().select_for_update(of=("self",)).get(pk=attempt.pk)
        manifest = manifest_of(attempt.version)
        navigation = navigation_of(attempt.version)
        step = navigation.step(attempt.sequencing_state, request, target)
        if step.deliver is None:
            return _nothing_to_deliver(attempt, manifest, navigation, step, ticket)
        attempt.sequencing_state = step.state
        attempt.save(update_fields=["sequencing_state", "updated_at"])
        delivery = _delivery(attempt, manifest, navigation, step, user, ticket)
        return dataclasses.replace(delivery, toc=_toc(attempt, navigation))


def _nothing_to_deliver(attempt, manifest, navigation, step, ticket) -> Delivery:
    if step.error is None:
        # Ending a session can complete the package (an activity whose
        # content sets no status is completed when its attempt ends).
        attempt.sequencing_state = step.state
        if navigation.attempt_over(step):
            attempt.status = AttemptStatus.ENDED
        _settle(attempt, manifest, ticket)
    return Delivery(
        None,
        ended=step.ended,
        message=step.error or "",
        toc=_toc(attempt, navigation),
    )


def start_new_attempt(*, ticket: LaunchTicket) -> Attempt:
    """End the learner's current attempt; the next launch starts a fresh one
    on the package's current version. The ended attempt and its data stay
    (reports show every attempt; a completion already counted stays)."""
    _learner(ticket)
    with transaction.atomic():
        attempt = _locked_attempt(ticket)
        attempt.status = AttemptStatus.ENDED
        attempt.save(update_fields=["status", "updated_at"])
    return attempt


def _toc(attempt: Attempt, navigation) -> list:
    completed = set(
        attempt.scos.filter(completion_status=attempts.COMPLETED).values_list(
            "sco", flat=True
        )
    )
    return navigation.table_of_contents(attempt.sequencing_state, completed)


def _delivery(attempt, manifest, navigation, step, user, ticket) -> Delivery:
    activity = manifest.activity(step.deliver)
    sco, _created = ScoData.objects.get_or_create(attempt=attempt, sco=step.deliver)
    if step.new_attempt and sco.cmi:
        _archive(sco)
    if not activity.is_sco:
        _record_asset_launch(attempt, sco, manifest, ticket)
    version = "1.2" if manifest.version == "1.2" else "2004"
    values = cmi.initial_values(
        version,
        learner_id=str(user.pk),
        learner_name=(user.get_full_name() or user.get_username())[:255],
        entry=cmi.entry_for(version, sco.cmi),
        credit=True,
        total_seconds=sco.total_seconds + sco.session_seconds,
        launch_data=activity.data_from_lms,
        mastery_score=activity.mastery_score,
        max_time_allowed=activity.max_time_allowed,
        time_limit_action=activity.time_limit_action,
        completion_threshold=_threshold(activity),
        stored=sco.cmi,
    )
    objectives = navigation.launch_values(step.state, step.deliver)
    return Delivery(
        sco=step.deliver,
        path=activity.launch,
        storage_prefix=attempt.version.storage_prefix,
        is_sco=activity.is_sco,
        scorm_version=version,
        values=merge_objectives(values, objectives),
        launch_id=new_launch_id(),
    )


def _archive(sco: ScoData):
    """A new attempt on this part (a retry the sequencing rules asked for):
    its data so far are kept aside, the part starts afresh."""
    sco.history = [
        *sco.history,
        {
            "cmi": sco.cmi,
            "launch_id": sco.launch_id,  # its late commits are not applied
            "completion_status": sco.completion_status,
            "success_status": sco.success_status,
            "score_scaled": sco.score_scaled,
            "seconds": sco.total_seconds + sco.session_seconds,
        },
    ]
    sco.cmi, sco.launch_id, sco.sequence = {}, "", 0
    sco.completion_status, sco.success_status = "not attempted", "unknown"
    sco.score_scaled, sco.total_seconds, sco.session_seconds = None, 0, 0
    sco.finished, sco.interaction_base = False, 0
    sco.save()


OBJECTIVE_ID = re.compile(r"^cmi\.objectives\.(\d+)\.id$")


def merge_objectives(values: dict, objectives: dict) -> dict:
    """Lay the sequencer's objective values (from global objectives) over
    the stored ones, matching objectives by id, not by index."""
    if not objectives:
        return values
    merged = dict(values)
    index_of = {v: int(m[1]) for k, v in values.items() if (m := OBJECTIVE_ID.match(k))}
    next_index = max(index_of.values(), default=-1) + 1
    given = {
        v: int(m[1]) for k, v in objectives.items() if (m := OBJECTIVE_ID.match(k))
    }
    for identifier, source in given.items():
        target = index_of.get(identifier)
        if target is None:
            target, next_index = next_index, next_index + 1
        prefix = f"cmi.objectives.{source}."
        for key, value in objectives.items():
            if key.startswith(prefix):
                merged[f"cmi.objectives.{target}.{key[len(prefix) :]}"] = value
    return merged


def _threshold(activity) -> float | None:
    threshold = activity.completion_threshold or {}
    if threshold.get("completedByMeasure") and "minProgressMeasure" in threshold:
        return threshold["minProgressMeasure"]
    return None


def new_launch_id() -> str:
    """Unique, and ordered by time: a later launch has a larger id."""
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def _record_asset_launch(attempt, sco, manifest, ticket):
    # An asset cannot talk to the API: launching it completes it.
    if sco.completion_status != attempts.COMPLETED:
        sco.completion_status = attempts.COMPLETED
        sco.finished = True
        sco.save(update_fields=["completion_status", "finished", "updated_at"])
    _settle(attempt, manifest, ticket)


def commit(*, ticket: LaunchTicket, sco: str, payload: dict) -> CommitResult:
    """Validate and store one commit of the browser's API for part ``sco``
    of the learner's current attempt. ``payload``: {"values": {element:
    value}, "launch": launch id, "sequence": rising number within the launch,
    "terminate": bool}. A commit older than one already stored for the same
    launch is ignored (applied False), so retries and overlapping requests
    never roll data back. Queries: a constant number, whatever the course."""
    values, launch_id, sequence, terminate = _read_payload(payload)
    # "left": the player closed a part that never spoke to the API.
    finished = terminate or bool(payload.get("left"))
    with transaction.atomic():
        # The attempt's row lock serialises one learner's overlapping commits.
        attempt = _locked_attempt(ticket)
        manifest = manifest_of(attempt.version)
        activity = manifest.activity(sco)
        if activity is None or not activity.launch:
            raise ScormError(_("This part of the package does not exist."))
        _count_time(attempt)
        applied, problems = False, []
        if not payload.get("beat"):  # a heartbeat only counts time
            data, _created = ScoData.objects.select_for_update().get_or_create(
                attempt=attempt, sco=sco
            )
            if _is_new(data, launch_id, sequence):
                version = "1.2" if manifest.version == "1.2" else "2004"
                if version == "1.2":
                    values = _shifted_interactions(data, launch_id, values)
                accepted, problems = cmi.clean_commit(
                    version, values, existing=data.cmi
                )
                data.finished = data.finished or finished
                _apply(
                    data, version, accepted, activity, launch_id, sequence, terminate
                )
                attempt.sequencing_state = navigation_of(attempt.version).report(
                    attempt.sequencing_state, sco, data.cmi
                )
                applied = True
        completed_now = _settle(attempt, manifest, ticket)
    return CommitResult(applied=applied, problems=problems, completed_now=completed_now)


def _locked_attempt(ticket: LaunchTicket) -> Attempt:
    attempt = _latest_attempt(ticket, _attempts().select_for_update(of=("self",)))
    if attempt is None or attempt.status != AttemptStatus.ACTIVE:
        raise ScormError(_("This attempt is over. Reload the lesson."))
    return attempt


def _read_payload(payload) -> tuple[dict, str, int, bool]:
    if not isinstance(payload, dict):
        raise ScormError(_("The commit is not in the expected form."))
    values = payload.get("values") or {}
    launch_id = payload.get("launch")
    sequence = payload.get("sequence")
    if (
        not isinstance(values, dict)
        or not isinstance(launch_id, str)
        or not 0 < len(launch_id) <= 32
        or not isinstance(sequence, int)
        or isinstance(sequence, bool)
        or sequence < 0
    ):
        raise ScormError(_("The commit is not in the expected form."))
    if len(values) > MAX_COMMIT_VALUES:
        raise ScormError(_("The commit holds too many values."))
    return values, launch_id, sequence, bool(payload.get("terminate"))


def _shifted_interactions(data: ScoData, launch_id: str, values: dict) -> dict:
    if data.launch_id != launch_id:
        stored = {
            int(match[1]) for key in data.cmi if (match := INTERACTION_INDEX.match(key))
        }
        data.interaction_base = max(stored) + 1 if stored else 0
    base = data.interaction_base
    if not base:
        return values
    return {
        INTERACTION_INDEX.sub(
            lambda m: f"cmi.interactions.{int(m[1]) + base}.", cmi.normalise_name(key)
        ): value
        for key, value in values.items()
    }


def _is_new(data: ScoData, launch_id: str, sequence: int) -> bool:
    """Not a late commit of this launch, nor of a launch a retry retired."""
    if data.launch_id == launch_id:
        return sequence > data.sequence
    return all(tried.get("launch_id") != launch_id for tried in data.history)


def _apply(data: ScoData, version, accepted, activity, launch_id, sequence, terminate):
    if data.launch_id != launch_id:
        # A new session of this SCO: the last one's time becomes history, and
        # its session time and exit belong to it alone.
        data.total_seconds += data.session_seconds
        data.session_seconds = 0
        data.launch_id = launch_id
        data.cmi = {k: v for k, v in data.cmi.items() if k not in SESSION_ELEMENTS}
    data.sequence = sequence
    data.cmi = {**data.cmi, **accepted}
    if terminate and version == "1.2" and _status_unset(data.cmi):
        # SCORM 1.2: a SCO that finishes without setting a status is
        # completed by the LMS (the mastery score may still judge it).
        data.cmi["cmi.core.lesson_status"] = "completed"
    outcome = cmi.outcome(
        version,
        data.cmi,
        mastery_score=activity.mastery_score,
        completion_threshold=_threshold(activity),
    )
    data.completion_status = outcome.completion_status
    data.success_status = outcome.success_status
    data.score_scaled = outcome.score_scaled
    data.session_seconds = outcome.session_seconds
    data.finished = data.finished or terminate
    data.save()


def _status_unset(values: dict) -> bool:
    return values.get("cmi.core.lesson_status", "not attempted") == "not attempted"


def _count_time(attempt: Attempt):
    now = timezone.now()
    if attempt.last_seen_at is not None:
        gap = (now - attempt.last_seen_at).total_seconds()
        attempt.active_seconds += max(0.0, min(gap, MAX_COUNTED_GAP_SECONDS))
    attempt.last_seen_at = now


def _settle(attempt: Attempt, manifest, ticket) -> bool:
    """Refresh the attempt's summary; send a completion to lms.progress the
    first time the author's rule is met. True when the activity completed
    just now."""
    rows = list(attempt.scos.all())
    statuses = {
        row.sco: attempts.ScoStatus(
            row.completion_status, row.success_status, row.score_scaled, row.finished
        )
        for row in rows
    }
    summary = navigation_of(attempt.version).summary(attempt.sequencing_state, statuses)
    attempt.completion_status = summary.completion
    attempt.success_status = summary.success
    attempt.score_scaled = summary.score_scaled
    attempt.total_seconds = sum(row.total_seconds + row.session_seconds for row in rows)
    counted_now = False
    if not attempt.counted and attempts.meets_rule(
        ticket.rule, summary, attempt.active_seconds
    ):
        attempt.counted = counted_now = _complete_item(ticket, summary)
    attempt.save()
    return counted_now


def _complete_item(ticket: LaunchTicket, summary) -> bool:
    """Hand the completion to lms.progress; False when it refuses (e.g. the
    learner was withdrawn meanwhile): the SCORM data is kept all the same."""
    try:
        progress.submit_completion(
            user=get_user_model().objects.get(pk=ticket.user_id),
            course_id=ticket.course_id,
            item_key=ticket.item_key,
            source="scorm",
            score=summary.score_scaled,
        )
    except ProgressError:
        return False
    return True
