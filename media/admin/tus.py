"""The tus 1.0.0 resumable upload protocol (core, creation, termination and
expiration extensions) over ``media.uploads.service``: POST creates an
upload, HEAD tells its offset, PATCH appends bytes, DELETE removes it.

Admin URLs, so login, admin access and CSRF (the X-CSRFToken header) apply
as everywhere in the admin. The body of a PATCH is streamed to disk in
64 KiB blocks; ``request.body`` is never touched."""

import base64
import binascii
import re

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from wagtail.permissions import policy_registry

from .. import conf
from ..models import Video
from ..uploads import service
from ..validation import VideoRejected

VERSION = "1.0.0"
EXTENSIONS = "creation,termination,expiration"
OCTETS = "application/offset+octet-stream"
DIGITS = re.compile(r"^[0-9]{1,19}$")
METADATA_KEY = re.compile(r"^[\x21-\x2b\x2d-\x7e]+$")  # visible ASCII, no comma
MAX_METADATA = 4096


class BadRequest(Exception):
    pass


def tus_response(status: int, message: str = "", **headers) -> HttpResponse:
    response = HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8"
    )
    response["Tus-Resumable"] = VERSION
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def expires(upload) -> str:
    return http_date(upload.expires_at.timestamp())


def number(value: str | None, name: str) -> int:
    if value is None or not DIGITS.match(value.strip()):
        raise BadRequest(
            _("The %(header)s header is missing or not a number.") % {"header": name}
        )
    return int(value)


def parse_metadata(header: str) -> dict[str, str]:
    """``key base64value,key2 base64value2`` into a dict of text values."""
    if len(header) > MAX_METADATA:
        raise BadRequest(_("The Upload-Metadata header is too long."))
    metadata = {}
    for pair in filter(None, (part.strip() for part in header.split(","))):
        key, _space, encoded = pair.partition(" ")
        if not METADATA_KEY.match(key) or key in metadata:
            raise BadRequest(_("The Upload-Metadata header is not valid."))
        try:
            value = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise BadRequest(_("The Upload-Metadata header is not valid.")) from None
        metadata[key] = value
    return metadata


def encode_metadata(metadata: dict[str, str]) -> str:
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}".strip()
        for key, value in metadata.items()
    )


class TusView(View):
    """Protocol checks shared by both URLs: the Tus-Resumable version, the
    X-HTTP-Method-Override header, and mapping refusals to status codes."""

    http_method_names = ["options", "head", "post", "patch", "delete"]

    def dispatch(self, request, *args, **kwargs):
        response = self.answer(request, *args, **kwargs)
        if request.method == "HEAD":
            response.content = b""  # the status and headers say it all
        return response

    def answer(self, request, *args, **kwargs):
        method = request.method.lower()
        override = request.headers.get("X-HTTP-Method-Override", "").lower()
        if method == "post" and override:
            method = override
        if method != "options" and request.headers.get("Tus-Resumable") != VERSION:
            return tus_response(412, _("Unsupported tus version."), Tus_Version=VERSION)
        handler = getattr(self, method, None)
        if method not in self.http_method_names or handler is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        try:
            return handler(request, *args, **kwargs)
        except BadRequest as error:
            return tus_response(400, str(error))
        except service.NotFound as error:
            return tus_response(404, str(error))
        except service.Expired as error:
            return tus_response(410, str(error))
        except service.Busy:
            return tus_response(
                423, _("Another request is writing to this upload. Try again.")
            )

    def options(self, request, *args, **kwargs):
        return tus_response(
            204,
            Tus_Version=VERSION,
            Tus_Extension=EXTENSIONS,
            Tus_Max_Size=str(conf.get("HOCVIEN_VIDEO_MAX_BYTES")),
        )


class UploadsView(TusView):
    """The creation endpoint: POST a new upload."""

    def post(self, request):
        policy = policy_registry.get_by_type(Video)
        if not policy.user_has_permission(request.user, "add"):
            return tus_response(403, _("You may not upload lectures."))
        if "Upload-Defer-Length" in request.headers:
            raise BadRequest(_("The length of the file must be known in advance."))
        length = number(request.headers.get("Upload-Length"), "Upload-Length")
        metadata = parse_metadata(request.headers.get("Upload-Metadata", ""))
        try:
            upload = service.create(user=request.user, length=length, metadata=metadata)
        except VideoRejected as rejected:
            status = 413 if rejected.code == "too_large" else 400
            return tus_response(status, str(rejected))
        except service.NoSpace as error:
            return tus_response(507, str(error))
        location = reverse("lectures_admin:upload", args=[upload.pk])
        return tus_response(201, Location=location, Upload_Expires=expires(upload))


class UploadView(TusView):
    """One upload: HEAD its offset, PATCH bytes to it, DELETE it."""

    def head(self, request, upload_id):
        upload = service.find(request.user, upload_id)
        headers = {
            "Upload_Offset": str(service.offset(upload)),
            "Upload_Length": str(upload.length),
            "Upload_Expires": expires(upload),
        }
        if upload.metadata:
            headers["Upload_Metadata"] = encode_metadata(upload.metadata)
        return tus_response(200, **headers)

    def patch(self, request, upload_id):
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip()
        if content_type.lower() != OCTETS:
            return tus_response(
                415, _("The data must be sent as %(type)s.") % {"type": OCTETS}
            )
        offset = number(request.headers.get("Upload-Offset"), "Upload-Offset")
        if not DIGITS.match(request.META.get("CONTENT_LENGTH") or ""):
            return tus_response(411, _("The request must say its length."))
        count = int(request.META["CONTENT_LENGTH"])
        upload = service.find(request.user, upload_id)
        try:
            new_offset = service.append(
                upload, offset=offset, read=request.read, count=count
            )
        except service.OffsetMismatch as mismatch:
            return tus_response(409, str(mismatch), Upload_Offset=str(mismatch.offset))
        except service.Overflow as error:
            return tus_response(413, str(error))
        return tus_response(
            204, Upload_Offset=str(new_offset), Upload_Expires=expires(upload)
        )

    def delete(self, request, upload_id):
        service.terminate(service.find(request.user, upload_id))
        return tus_response(204)
