"""Signed launch links of the H5P player (see lms.packages.isolation).

Issued by the lesson page to one enrolled learner for one activity, a
token says who, where, which content version, which pass mark the lesson's
author chose, which language to speak and which page may frame the player.
It expires (HOCVIEN_H5P_LAUNCH_EXPIRY)."""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from . import conf

SALT = "lms.h5p.launch"


class LaunchRefused(Exception):
    """A launch link that is forged or too old."""


@dataclass(frozen=True)
class PlayTicket:
    user_id: int
    course_id: int
    item_key: str
    content_id: int
    version_id: int
    pass_mark: float | None  # percent; None: the content's own, if any
    frame_origin: str  # the LMS origin allowed to frame the player
    language: str


def launch_token(ticket: PlayTicket) -> str:
    payload = [
        ticket.user_id,
        ticket.course_id,
        ticket.item_key,
        ticket.content_id,
        ticket.version_id,
        ticket.pass_mark,
        ticket.frame_origin,
        ticket.language,
    ]
    return signing.dumps(payload, salt=SALT, compress=True)


def read_launch_token(token: str) -> PlayTicket:
    try:
        data = signing.loads(
            token, salt=SALT, max_age=conf.get("HOCVIEN_H5P_LAUNCH_EXPIRY")
        )
        return PlayTicket(*data)
    except (signing.BadSignature, TypeError, ValueError):
        raise LaunchRefused(
            _("This learning link has expired or is not valid. Reload the lesson.")
        ) from None
