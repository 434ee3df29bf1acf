"""Signed launch links.

The player and the package files live on the content origin, where the
learner's LMS session cookie is never sent. What authorises them is a
signed token in the URL path instead: issued by the lesson page to one
enrolled learner for one activity, it says who, where, which package,
which completion rule the author chose, which language to speak and which
page may frame the player. It expires (HOCVIEN_SCORM_LAUNCH_EXPIRY).
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from . import conf

SALT = "lms.scorm.launch"


class LaunchRefused(Exception):
    """A launch link that is forged, too old or not for this request."""


@dataclass(frozen=True)
class CompletionRule:
    """When an activity counts as completed (chosen by the lesson's author).

    "package": as the package reports it (completed, or passed);
    "passed": only when the package reports passed;
    "finish": when the learner ends a session of every SCO, for packages
    that never report a status; "minutes": after ``minutes`` in the content.
    """

    kind: str = "package"
    minutes: int = 0


@dataclass(frozen=True)
class LaunchTicket:
    user_id: int
    course_id: int
    item_key: str
    package_id: int
    rule: CompletionRule
    frame_origin: str  # the LMS origin allowed to frame the player
    language: str


def launch_token(ticket: LaunchTicket) -> str:
    payload = {
        "u": ticket.user_id,
        "c": ticket.course_id,
        "i": ticket.item_key,
        "p": ticket.package_id,
        "r": [ticket.rule.kind, ticket.rule.minutes],
        "o": ticket.frame_origin,
        "l": ticket.language,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_launch_token(token: str) -> LaunchTicket:
    max_age = conf.get("HOCVIEN_SCORM_LAUNCH_EXPIRY")
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
        return LaunchTicket(
            user_id=data["u"],
            course_id=data["c"],
            item_key=data["i"],
            package_id=data["p"],
            rule=CompletionRule(*data["r"]),
            frame_origin=data["o"],
            language=data["l"],
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LaunchRefused(
            _("This learning link has expired or is not valid. Reload the lesson.")
        ) from None
