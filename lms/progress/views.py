import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import api

MAX_BODY_BYTES = 64 * 1024


def refuse(message, status=400):
    return JsonResponse({"ok": False, "error": str(message)}, status=status)


# The player's last report leaves with navigator.sendBeacon, which cannot set
# a CSRF header. The signed token binds the report to this user and item, and
# Django's SameSite=Lax session cookie is not sent on cross-site POSTs.
@csrf_exempt
@require_POST
def watch_report(request):
    """Merge a batch of watched segments (JSON, as application/json or the
    text/plain that sendBeacon sends)."""
    if not request.user.is_authenticated:
        return refuse(_("Log in again to keep your progress."), status=403)
    if len(request.body) > MAX_BODY_BYTES:
        return refuse(_("The report is too large."), status=413)
    try:
        data = json.loads(request.body.decode("utf-8"))
        ticket = api.read_report_token(data.get("token", ""))
        if ticket.user_id != request.user.pk:
            return refuse(_("This report belongs to another learner."), status=403)
        result = api.record_watch(
            user=request.user,
            course_id=ticket.course_id,
            item_key=ticket.item_key,
            segments=data.get("segments", []),
            position=data.get("position", 0),
            since=ticket.issued_at,
        )
    except (ValueError, AttributeError):
        return refuse(_("The report could not be read."))
    except api.ProgressError as error:
        return refuse(error)
    return JsonResponse(
        {
            "ok": True,
            "watched_share": round(result.watched_share, 4),
            "completed": result.completed,
        }
    )
