"""The player and the package files, on the content origin (see README:
"Isolation"). No view here reads the session: a signed token in the path
says who the learner is and what they may open."""

import dataclasses
import json
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.core import signing
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from lms.packages.isolation import clean_path, isolate
from lms.packages.storage import package_storage

from . import api, conf
from .models import Package

FILES_SALT = "lms.scorm.files"
MAX_BODY_BYTES = 1024 * 1024  # a commit with 64,000 characters of suspend data
TEXT_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}


def _ticket_or_404(token: str):
    try:
        return api.read_ticket(token)
    except api.ScormError:
        raise Http404 from None


@require_safe
@xframe_options_exempt  # framed by the lesson page: frame-ancestors says by whom
def player(request, token: str):
    """The player: table of contents, previous/next and the frame the
    package plays in. Its script runs the SCORM API (scorm-again)."""
    try:
        ticket = api.read_ticket(token)
    except api.ScormError as error:
        response = render(request, "scorm/player.html", {"error": error}, status=403)
        return isolate(response, "'none'")
    package = Package.objects.filter(pk=ticket.package_id).first()
    if package is None:
        raise Http404
    with translation.override(ticket.language):
        config = {
            "deliverUrl": reverse("scorm:deliver", args=[token]),
            "commitUrl": reverse("scorm:commit", args=[token]),
            "autocommitSeconds": conf.get("HOCVIEN_SCORM_AUTOCOMMIT_SECONDS"),
            "scripts": {
                "1.2": static("scorm/vendor/scorm-again/scorm12.min.js"),
                "2004": static("scorm/vendor/scorm-again/scorm2004.min.js"),
            },
            "messages": {
                "loading": _("Opening the package…"),
                "ended": _("You have reached the end of this package."),
                "finished": _(
                    "This part is finished. Choose the next part or another "
                    "one from the contents."
                ),
                "failed": _("The connection failed. Check the network and try again."),
            },
        }
        response = render(
            request, "scorm/player.html", {"package": package, "config": config}
        )
    response["Cache-Control"] = "no-store"
    return isolate(response, ticket.frame_origin)


def _json_body(request) -> dict:
    """JSON sent as application/json, or as the text/plain of sendBeacon."""
    if len(request.body) > MAX_BODY_BYTES:
        raise api.ScormError(_("The data sent is too large."))
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise api.ScormError(_("The data sent is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise api.ScormError(_("The data sent is not valid JSON."))
    return data


def _refuse(error, status=400):
    return JsonResponse(
        {"result": False, "errorCode": 101, "error": str(error)}, status=status
    )


# No session and no cookie on the content origin: the token is the credential.
@csrf_exempt
@require_POST
def deliver(request, token: str):
    """Which part to play next, with the CMI data to start from."""
    ticket = _ticket_or_404(token)
    with translation.override(ticket.language):
        try:
            data = _json_body(request)
            _flush(ticket, data.get("commit"))
            delivery = api.deliver(
                ticket=ticket,
                request=str(data.get("request", "start")),
                target=str(data.get("target", "")),
            )
        except api.ScormError as error:
            return _refuse(error, status=403)
    return JsonResponse(_delivery_json(delivery, ticket))


def _flush(ticket, pending):
    """Store the player's newest commit before deciding where to go: the
    sendBeacon carrying it may still be on its way (a duplicate is ignored)."""
    if not isinstance(pending, dict):
        return
    try:
        api.commit(ticket=ticket, sco=str(pending.get("sco", "")), payload=pending)
    except api.ScormError:
        pass  # the step itself says what is wrong, if anything


def _delivery_json(delivery, ticket) -> dict:
    toc = [dataclasses.asdict(entry) for entry in delivery.toc]
    if delivery.sco is None:
        return {
            "sco": None,
            "ended": delivery.ended,
            "message": delivery.message,
            "toc": toc,
        }
    return {
        "toc": toc,
        "sco": delivery.sco,
        "url": files_url(delivery, ticket.frame_origin),
        "isSco": delivery.is_sco,
        "version": delivery.scorm_version,
        "values": delivery.values,
        "launch": delivery.launch_id,
    }


def files_url(delivery, frame_origin: str) -> str:
    """The launch path under a files token; query and fragment (the item's
    parameters) kept as the manifest wrote them. The token also names the
    LMS origin whose lesson page frames the player (see package_file)."""
    files_token = signing.dumps(
        [delivery.storage_prefix, frame_origin], salt=FILES_SALT
    )
    parts = urlsplit(delivery.path)
    url = reverse("scorm:file", args=[files_token, unquote(parts.path)])
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return url + query + fragment


@csrf_exempt
@require_POST
def commit(request, token: str):
    """Store a commit: {"sco", "values", "launch", "sequence", "terminate"}.
    Answers in the form scorm-again expects ({"result", "errorCode"})."""
    ticket = _ticket_or_404(token)
    with translation.override(ticket.language):
        try:
            data = _json_body(request)
            result = api.commit(
                ticket=ticket, sco=str(data.get("sco", "")), payload=data
            )
        except api.ScormError as error:
            return _refuse(error, status=403)
    return JsonResponse(
        {
            "result": True,
            "errorCode": 0,
            "applied": result.applied,
            "completed": result.completed_now,
            "problems": [
                {"element": p.element, "code": p.code, "message": p.message}
                for p in result.problems
            ],
        }
    )


@require_safe
def package_file(request, files_token: str, path: str):
    """A file of the package version the token names."""
    try:
        scope = signing.loads(
            files_token,
            salt=FILES_SALT,
            max_age=conf.get("HOCVIEN_SCORM_LAUNCH_EXPIRY"),
        )
    except signing.BadSignature:
        raise Http404 from None
    prefix, frame_ancestors = _files_scope(scope)
    name = clean_path(path)
    storage = package_storage()
    if name is None or not storage.exists(f"{prefix}/{name}"):
        raise Http404
    extension = posixpath.splitext(name)[1].lower()
    mime = TEXT_TYPES.get(extension) or mimetypes.guess_type(name)[0]
    response = FileResponse(
        storage.open(f"{prefix}/{name}", "rb"),
        content_type=mime or "application/octet-stream",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return isolate(response, frame_ancestors)


def _files_scope(scope) -> tuple[str, str]:
    """The storage prefix of a files token, and who may frame the files:
    the player, and the LMS page that frames the player, since browsers
    check frame-ancestors against every ancestor, not only the parent."""
    prefix, frame_origin = scope
    return prefix, f"'self' {frame_origin}"
