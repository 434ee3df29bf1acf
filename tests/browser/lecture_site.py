"""A test site for the lecture player: the real lecture file URLs, a lesson
page with the player, and a fake report endpoint keeping what it receives."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import RequestContext, Template
from django.urls import include, path, reverse
from django.views.decorators.csrf import csrf_exempt

from media.models import Video

REPORTS: list[dict] = []  # bodies received, oldest first
THRESHOLD = 0.9

PAGE = Template(
    """{% load static lectures %}<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ video.title }}</title>
<link rel="stylesheet" href="{% static 'themes_default/site.css' %}">
</head><body><main class="wrap"><h1>{{ video.title }}</h1>
{% if report_url %}{% lecture_player video report_url=report_url report_token=token \
threshold=threshold report_every=every resume_at=resume_at %}
{% else %}{% lecture_player video %}{% endif %}
<p>Nội dung bài học.</p></main>
<script>window.completedEvents = 0; document.addEventListener("lecture:completed",
 function () { window.completedEvents += 1; });</script>
</body></html>"""
)


def lesson(request, video_id):
    video = get_object_or_404(Video, pk=video_id)
    tracked = request.GET.get("track", "1") == "1"
    context = {
        "video": video,
        "report_url": reverse("report") if tracked else "",
        "token": f"token-{video.pk}",
        "threshold": THRESHOLD,
        "every": int(request.GET.get("every", 15)),
        "resume_at": request.GET.get("resume_at"),
    }
    return HttpResponse(PAGE.render(RequestContext(request, context)))


def watched_share(segments, duration):
    total, end = 0.0, 0.0
    for start, stop in sorted(segments):
        start = max(start, end)
        if stop > start:
            total += stop - start
            end = stop
    return min(1.0, total / duration) if duration else 0.0


@csrf_exempt
def report(request):
    body = json.loads(request.body)
    REPORTS.append({**body, "content_type": request.content_type})
    seen = [s for r in REPORTS if r["token"] == body["token"] for s in r["segments"]]
    share = watched_share(seen, body.get("duration") or 0)
    return JsonResponse(
        {"ok": True, "watched_share": share, "completed": share >= THRESHOLD}
    )


urlpatterns = [
    path("lectures/", include("media.urls")),
    path("lesson/<int:video_id>/", lesson, name="lesson"),
    path("report/", report, name="report"),
]
