"""What the lesson page, the player views and the admin use: launch links,
the player's settings, saved state, and recording the statements H5P emits
(with the item completion they may earn through lms.progress)."""

import dataclasses
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.packages.isolation import content_url
from lms.progress import api as progress

from . import forwarding, xapi
from .launch import LaunchRefused, PlayTicket, launch_token, read_launch_token
from .models import Content, ContentVersion, Result, Statement, UserState
from .packages import import_h5p as import_h5p
from .parsing import H5PRejected as H5PRejected

MAX_STATE_CHARS = 1024 * 1024  # Interactive Video keeps a few KB; be generous
MAX_STATEMENTS = 100  # in one request


class H5PError(Exception):
    """A request refused; ``str(error)`` is a translated sentence."""


@dataclass(frozen=True)
class Recorded:
    stored: int  # new statements
    duplicates: int  # sent before (a retried request)
    completed_now: bool = False


def launch_url(
    *, user, course_id: int, item_key: str, content: Content, pass_mark, request
) -> str:
    """The player's URL on the content origin for this learner and activity
    (the content's current version)."""
    ticket = PlayTicket(
        user_id=user.pk,
        course_id=course_id,
        item_key=item_key,
        content_id=content.pk,
        version_id=content.current_version_id,
        pass_mark=pass_mark,
        frame_origin=f"{request.scheme}://{request.get_host()}",
        language=getattr(request, "LANGUAGE_CODE", "vi"),
    )
    return content_url(reverse("h5p:player", args=[launch_token(ticket)]))


def read_ticket(token: str) -> PlayTicket:
    try:
        return read_launch_token(token)
    except LaunchRefused as error:
        raise H5PError(str(error)) from None


def version_of(ticket: PlayTicket) -> ContentVersion:
    version = (
        ContentVersion.objects.select_related("content")
        .filter(pk=ticket.version_id, content_id=ticket.content_id)
        .first()
    )
    if version is None:
        raise H5PError(_("This activity is no longer available. Reload the lesson."))
    return version


def learner_of(ticket: PlayTicket):
    learner = get_user_model().objects.filter(pk=ticket.user_id, is_active=True).first()
    if learner is None:
        raise H5PError(
            _("This learning link has expired or is not valid. Reload the lesson.")
        )
    return learner


def activity_iri(ticket: PlayTicket) -> str:
    return xapi.activity_iri(ticket.frame_origin, ticket.content_id)


# -- saved state (H5P's "content user data") ---------------------------------


def _state_key(ticket: PlayTicket, sub_content_id: str, data_type: str) -> dict:
    return {
        "user_id": ticket.user_id,
        "course_id": ticket.course_id,
        "item_key": ticket.item_key,
        "version_id": ticket.version_id,
        "sub_content_id": sub_content_id[:64] or "0",
        "data_type": data_type[:64],
    }


def preloaded_state(ticket: PlayTicket) -> dict:
    """The learner's saved values to hand to H5P when it starts, as it
    expects them: {sub-content id: {data type: JSON text}}."""
    states = UserState.objects.filter(
        user_id=ticket.user_id,
        course_id=ticket.course_id,
        item_key=ticket.item_key,
        version_id=ticket.version_id,
        preload=True,
    ).values_list("sub_content_id", "data_type", "data")
    preloaded: dict = {}
    for sub_content_id, data_type, data in states:
        preloaded.setdefault(sub_content_id, {})[data_type] = data
    return preloaded


def load_state(
    ticket: PlayTicket, *, sub_content_id: str, data_type: str
) -> str | None:
    return (
        UserState.objects.filter(**_state_key(ticket, sub_content_id, data_type))
        .values_list("data", flat=True)
        .first()
    )


def save_state(
    ticket: PlayTicket, *, sub_content_id: str, data_type: str, data, preload=True
):
    """Store (or, with ``data`` None, forget) one saved value."""
    key = _state_key(ticket, sub_content_id, data_type)
    if data is None:
        UserState.objects.filter(**key).delete()
        return
    if not isinstance(data, str) or len(data) > MAX_STATE_CHARS:
        raise H5PError(_("The saved state is too large."))
    _check_may_take(ticket)
    UserState.objects.update_or_create(
        **key, defaults={"data": data, "preload": preload}
    )


# -- statements ----------------------------------------------------------------


def _check_may_take(ticket: PlayTicket):
    learner = learner_of(ticket)
    if not progress.is_enrolled(user=learner, course=ticket.course_id):
        raise H5PError(_("You are not enrolled in this course."))
    if ticket.item_key not in progress.item_keys(course_id=ticket.course_id):
        raise H5PError(_("This activity is not part of the course."))
    return learner


def actor_of(user, lms_origin: str) -> dict:
    """The xAPI actor of a learner: an account of this LMS (never what the
    browser claims)."""
    return {
        "objectType": "Agent",
        "name": user.get_full_name() or user.get_username(),
        "account": {"homePage": lms_origin, "name": str(user.pk)},
    }


def record_statements(ticket: PlayTicket, raw_statements) -> Recorded:
    """Check and store what H5P emitted; a scored end of the whole activity
    updates the learner's result and may complete the course item. All or
    nothing: one refused statement refuses the request."""
    if not isinstance(raw_statements, list) or len(raw_statements) > MAX_STATEMENTS:
        raise H5PError(_("The results sent are not valid."))
    iri = activity_iri(ticket)
    try:
        checked = [xapi.check(raw, iri) for raw in raw_statements]
    except xapi.StatementRefused as error:
        raise H5PError(str(error)) from None
    learner = _check_may_take(ticket)
    version = version_of(ticket)
    with transaction.atomic():
        result = _locked_result(ticket)
        fresh = _fresh(ticket, checked)
        actor = actor_of(learner, ticket.frame_origin)
        Statement.objects.bulk_create(
            [_statement_row(ticket, actor, statement) for statement in fresh]
        )
        completed_now = _update_result(ticket, version, result, learner, fresh)
    if fresh:
        forwarding.schedule()
    return Recorded(len(fresh), len(checked) - len(fresh), completed_now)


def _locked_result(ticket: PlayTicket) -> Result:
    """The learner's result row, locked: statements of one learner and
    activity are recorded one request at a time."""
    key = {
        "user_id": ticket.user_id,
        "course_id": ticket.course_id,
        "item_key": ticket.item_key,
    }
    result = Result.objects.select_for_update().filter(**key).first()
    if result is None:
        Result.objects.get_or_create(**key, defaults={"content_id": ticket.content_id})
        result = Result.objects.select_for_update().get(**key)
    return result


def _fresh(ticket: PlayTicket, checked: list) -> list:
    """The statements not stored before. An id the learner sent earlier is
    a retry; an id of someone else's statement gets a new one."""
    ids = {statement.id for statement in checked}
    taken = dict(Statement.objects.filter(id__in=ids).values_list("id", "user_id"))
    fresh, seen = [], set()
    for statement in checked:
        owner = taken.get(statement.id)
        if owner == ticket.user_id or statement.id in seen:
            continue
        if owner is not None:
            statement = _renumbered(statement)
        seen.add(statement.id)
        fresh.append(statement)
    return fresh


def _renumbered(statement):
    return dataclasses.replace(statement, id=uuid.uuid4())


def _statement_row(ticket: PlayTicket, actor: dict, statement) -> Statement:
    return Statement(
        id=statement.id,
        user_id=ticket.user_id,
        course_id=ticket.course_id,
        item_key=ticket.item_key,
        version_id=ticket.version_id,
        actor=actor,
        verb=statement.verb,
        object_id=statement.object_id,
        top_level=statement.top_level,
        result=statement.result,
        context=statement.context,
        score_scaled=statement.score_scaled,
        timestamp=statement.timestamp,
        raw=statement.raw,
    )


def pass_mark_of(ticket: PlayTicket, version: ContentVersion) -> float | None:
    if ticket.pass_mark is not None:
        return ticket.pass_mark
    return version.pass_percentage


def passes(statement, pass_mark: float | None) -> bool:
    """Whether a scored end of the activity earns its completion: the pass
    mark when there is one, else the content's own verdict, if it gives one."""
    if pass_mark is not None:
        scaled = statement.score_scaled
        return scaled is not None and scaled * 100 >= pass_mark - 1e-6
    return statement.success is not False


def _update_result(ticket, version, result: Result, learner, fresh) -> bool:
    ends = [statement for statement in fresh if statement.scored_end]
    if not fresh:
        return False
    result.last_activity_at = timezone.now()
    result.content_id = ticket.content_id  # the lesson may have changed activity
    completed_now = False
    mark = pass_mark_of(ticket, version)
    for statement in ends:
        result.attempts += 1
        scaled = statement.score_scaled
        result.last_scaled = scaled
        if scaled is not None and (
            result.best_scaled is None or scaled > result.best_scaled
        ):
            result.best_scaled = scaled
        if not passes(statement, mark):
            continue
        # A new best passing score goes to progress too: a course's final
        # assessment may ask more than the activity's own pass mark.
        best = scaled is not None and scaled == result.best_scaled
        if not result.passed or best:
            if not result.passed:
                result.passed, result.completed_at = True, timezone.now()
            completed_now = _complete_item(ticket, learner, scaled) or completed_now
    result.save()
    return completed_now


def _complete_item(ticket: PlayTicket, learner, scaled) -> bool:
    """Hand the completion to lms.progress; False when it refuses (e.g. the
    learner was withdrawn a moment ago): the statements are kept all the same."""
    try:
        completion = progress.submit_completion(
            user=learner,
            course_id=ticket.course_id,
            item_key=ticket.item_key,
            source="h5p",
            score=scaled,
        )
    except progress.ProgressError:
        return False
    return completion.item_completed_now
