"""The player, its files and its endpoints, on the content origin (see
lms.packages.isolation). No view here reads the session: a signed token in
the path says who the learner is and what they may open."""

import json
import mimetypes
import posixpath
from urllib.parse import parse_qs

from django.core import signing
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from lms.packages.isolation import clean_path, isolate
from lms.packages.storage import package_storage

from . import api, conf, store
from .data import MACHINE_NAME, LibraryRef
from .l10n import core_translations

FILES_SALT = "lms.h5p.files"
MAX_BODY_BYTES = 2 * 1024 * 1024
TEXT_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}
VENDOR = "h5p/vendor/h5p-standalone"
# Libraries never change under their name and patch; a newer patch of the
# same minor version may replace one, so they are kept for a day.
LIBRARY_CACHE = "public, max-age=86400"
# A content version's files never change (each upload has its own folder).
CONTENT_CACHE = "private, max-age=604800, immutable"


def _ticket_or_404(token: str):
    try:
        return api.read_ticket(token)
    except api.H5PError:
        raise Http404 from None


def files_token(version, frame_origin: str) -> str:
    """Names a version's folder (and who may frame its files). Not timed: the
    same URL every launch lets the browser keep the files; a version's
    files are no secret from the learners who take it."""
    signer = signing.Signer(salt=FILES_SALT)
    return signer.sign_object([version.storage_prefix, frame_origin], compress=True)


@require_safe
@xframe_options_exempt  # framed by the lesson page: frame-ancestors says by whom
def player(request, token: str):
    try:
        ticket = api.read_ticket(token)
        version = api.version_of(ticket)
        learner = api.learner_of(ticket)
    except api.H5PError as error:
        response = render(request, "h5p/player.html", {"error": error}, status=403)
        return isolate(response, "'none'")
    with translation.override(ticket.language):
        files = reverse(
            "h5p:file", args=[files_token(version, ticket.frame_origin), "h5p.json"]
        )
        state = api.preloaded_state(ticket)
        options = {
            "id": str(version.content_id),
            "h5pJsonPath": files.rsplit("/", 1)[0],
            "librariesPath": reverse("h5p:libraries").rstrip("/"),
            "frameJs": static(f"{VENDOR}/frame.bundle.js"),
            "frameCss": static(f"{VENDOR}/styles/h5p.css"),
            # Runs in H5P's frame before H5P starts (see storage.js).
            "customJs": [static("h5p/storage.js")],
            "xAPIObjectIRI": api.activity_iri(ticket),
            "saveFreq": conf.get("HOCVIEN_H5P_SAVE_SECONDS"),
            "user": {
                "name": learner.get_full_name() or learner.get_username(),
                "mail": f"{learner.pk}@learners.invalid",
            },
            "ajax": {
                "contentUserDataUrl": reverse("h5p:state", args=[token, "SUB", "TYPE"])
                .replace("SUB", ":subContentId")
                .replace("TYPE", ":dataType"),
            },
            "translations": core_translations(),
            "frame": False,
            "copyright": False,
            "icon": False,
            "fullScreen": True,
        }
        if state:
            options["contentUserData"] = state
        config = {
            "options": options,
            "statementsUrl": reverse("h5p:statements", args=[token]),
            "frameOrigin": ticket.frame_origin,
            "messages": {
                "failed": _(
                    "Your answers could not be sent. Check the network; they will be "
                    "sent again."
                ),
            },
        }
        response = render(
            request,
            "h5p/player.html",
            {
                "version": version,
                "config": config,
                "main_js": static(f"{VENDOR}/main.bundle.js"),
            },
        )
    response["Cache-Control"] = "no-store"
    return isolate(response, ticket.frame_origin)


def _refuse(error, status=400):
    return JsonResponse({"success": False, "message": str(error)}, status=status)


# No session and no cookie on the content origin: the token is the credential.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def state(request, token: str, sub_content_id: str, data_type: str):
    """H5P's content user data: GET answers {"success", "data"}; POST takes
    the form H5P sends (data, preload, invalidate; data=0 forgets)."""
    ticket = _ticket_or_404(token)
    with translation.override(ticket.language):
        if request.method == "GET":
            data = api.load_state(
                ticket, sub_content_id=sub_content_id, data_type=data_type
            )
            return JsonResponse(
                {"success": True, "data": data if data is not None else False}
            )
        if len(request.body) > MAX_BODY_BYTES:
            return _refuse(_("The saved state is too large."))
        form = {
            key: values[-1]
            for key, values in parse_qs(request.body.decode("utf-8", "replace")).items()
        }
        data = form.get("data")
        if data is None:
            return _refuse(_("Nothing to save was sent."))
        try:
            api.save_state(
                ticket,
                sub_content_id=sub_content_id,
                data_type=data_type,
                data=None if data == "0" else data,
                preload=form.get("preload", "1") == "1",
            )
        except api.H5PError as error:
            return _refuse(error, status=403)
    return JsonResponse({"success": True})


@csrf_exempt
@require_POST
def statements(request, token: str):
    """xAPI statements H5P emitted: a JSON list (or {"statements": [...]}),
    sent by fetch or, as the page closes, by sendBeacon as text/plain."""
    ticket = _ticket_or_404(token)
    with translation.override(ticket.language):
        if len(request.body) > MAX_BODY_BYTES:
            return _refuse(_("The data sent is too large."))
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _refuse(_("The data sent is not valid JSON."))
        if isinstance(data, dict):
            data = data.get("statements")
        try:
            recorded = api.record_statements(ticket, data)
        except api.H5PError as error:
            return _refuse(error, status=403)
    return JsonResponse(
        {
            "success": True,
            "stored": recorded.stored,
            "duplicates": recorded.duplicates,
            "completed": recorded.completed_now,
        }
    )


def _file_response(storage, name: str, frame_ancestors: str, cache: str):
    extension = posixpath.splitext(name)[1].lower()
    mime = TEXT_TYPES.get(extension) or mimetypes.guess_type(name)[0]
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    response = FileResponse(handle, content_type=mime or "application/octet-stream")
    response["Cache-Control"] = cache
    return isolate(response, frame_ancestors)


@require_safe
def content_file(request, files_token: str, path: str):
    """h5p.json and content/… of the version the token names."""
    try:
        prefix, frame_origin = signing.Signer(salt=FILES_SALT).unsign_object(
            files_token
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    name = clean_path(path)
    if name is None or not (name == "h5p.json" or name.startswith("content/")):
        raise Http404
    return _file_response(
        package_storage(), f"{prefix}/{name}", f"'self' {frame_origin}", CONTENT_CACHE
    )


@require_safe
def library_file(request, folder: str, path: str):
    """A file of a library in the shared store, by the folder name H5P uses
    (machineName-major.minor): the newest patch installed serves it."""
    name = clean_path(path)
    machine_name, _dash, version = folder.rpartition("-")
    major, _dot, minor = version.partition(".")
    if (
        name is None
        or not MACHINE_NAME.match(machine_name)
        or not (major.isdigit() and minor.isdigit())
    ):
        raise Http404
    library = store.library_for(LibraryRef(machine_name, int(major), int(minor)))
    if library is None:
        raise Http404
    return _file_response(
        package_storage(), f"{library.storage_prefix}/{name}", "'self'", LIBRARY_CACHE
    )


def libraries_root(request):
    raise Http404  # only for reverse(): the player appends folder/file
